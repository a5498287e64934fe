// Differential harness for `--profile ccf`: runs Cloud Carbon Footprint's published npm packages
// (versions pinned in package-lock.json) on generated billing rows, and extracts the CCF tables
// that Empreinte's CCF profile keeps as factor data.
//
//   node ccf.js extract <dir>     writes ccf_instances.csv, ccf_processors.csv, ccf_grid_packages.csv, ccf_usage_types.csv, ccf_constants.csv
//   node ccf.js estimate <file>   writes the generated rows with CCF's results (JSON), prints rows/s
//
// Estimates go through the same per-row methods as CCF's getEstimates/getEstimatesFromInputData
// (getFootprintEstimateFromUsageRow), with real usage amounts instead of the input-data path's 1.
'use strict';
process.noDeprecation = true;
const fs = require('fs');
const path = require('path');

const awsRoot = path.dirname(require.resolve('@cloud-carbon-footprint/aws/package.json'));
const azureRoot = path.dirname(require.resolve('@cloud-carbon-footprint/azure/package.json'));
const fromAws = (m) => require(require.resolve(m, { paths: [awsRoot] }));
const fromAzure = (m) => require(require.resolve(m, { paths: [azureRoot] }));

const awsTypes = require('@cloud-carbon-footprint/aws/dist/lib/AWSInstanceTypes');
const awsDomain = require('@cloud-carbon-footprint/aws/dist/domain');
const azureVms = require('@cloud-carbon-footprint/azure/dist/lib/VirtualMachineTypes');
const azureDomain = require('@cloud-carbon-footprint/azure/dist/domain');
const azureRegions = require('@cloud-carbon-footprint/azure/dist/lib/AzureRegions');
const AWS = awsDomain.AWS_CLOUD_CONSTANTS;
const AZ = azureDomain.AZURE_CLOUD_CONSTANTS;
const SOURCE = {
  aws: 'CCF @cloud-carbon-footprint/aws@' + require('@cloud-carbon-footprint/aws/package.json').version,
  azure: 'CCF @cloud-carbon-footprint/azure@' + require('@cloud-carbon-footprint/azure/package.json').version,
};
const LICENCE = 'Apache-2.0';
const YEAR = 2023;

const csvCell = (v) => {
  const s = v === undefined || v === null ? '' : String(v);
  return /[",\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
};
const csv = (header, rows) => [header.join(','), ...rows.map((r) => r.map(csvCell).join(','))].join('\n') + '\n';
const last = (obj) => { const v = Object.values(obj || {}); return v[v.length - 1] || []; };

// ---------- tables ----------
function awsInstances() {
  const rows = [];
  const families = { ...awsTypes.INSTANCE_FAMILY_TO_INSTANCE_TYPE_MAPPING, ...awsTypes.EC2_INSTANCE_TYPES };
  for (const family of Object.keys(families)) {
    const ec2 = awsTypes.EC2_INSTANCE_TYPES[family];
    const mapped = awsTypes.INSTANCE_FAMILY_TO_INSTANCE_TYPE_MAPPING[family];
    const familyTable = ec2 || mapped;
    const [largestVCpus, largestMemory] = last(familyTable);
    for (const size of Object.keys(familyTable)) {
      const type = family + '.' + size;
      // The fields as CCF reads them: vCPUs, memory and embodied carbon from EC2_INSTANCE_TYPES,
      // else from INSTANCE_FAMILY_TO_INSTANCE_TYPE_MAPPING (embodied at index 1 there).
      const vcpus = ec2?.[size]?.[0] || mapped?.[size]?.[0];
      const memory = ec2?.[size]?.[1];
      const embodied = ec2?.[size]?.[2] || mapped?.[size]?.[1];
      rows.push(['AWS', type, family, vcpus, ec2 ? memory : '', embodied, largestVCpus, ec2 ? largestMemory : '',
        (awsTypes.INSTANCE_TYPE_COMPUTE_PROCESSOR_MAPPING[type] || []).join('|'),
        awsTypes.GPU_INSTANCES_TYPES[type] || '', (awsTypes.INSTANCE_TYPE_GPU_PROCESSOR_MAPPING[type] || []).join('|'),
        awsTypes.BURSTABLE_INSTANCE_BASELINE_UTILIZATION[type] ?? '', ec2 ? 'ec2' : 'family-mapping', 'vCPU;GB;tCO2e;%',
        SOURCE.aws + ' AWSInstanceTypes', LICENCE, YEAR]);
    }
  }
  return rows;
}

function azureInstances() {
  const rows = [];
  const series = azureVms.VIRTUAL_MACHINE_TYPE_SERIES_MAPPING;
  const seen = new Set();
  // CCF picks the last series that holds a meter (getSeriesFromInstanceType).
  const seriesOf = {};
  for (const name of Object.keys(series)) for (const t of Object.keys(series[name])) seriesOf[t] = name;
  for (const [type, name] of Object.entries(seriesOf)) {
    const [largestVCpus, largestMemory] = last(series[name]);
    const [vcpus, memory, embodied] = series[name][type];
    seen.add(type);
    rows.push(['Azure', type, name, vcpus, memory, embodied ?? '', largestVCpus, largestMemory,
      (azureVms.INSTANCE_TYPE_COMPUTE_PROCESSOR_MAPPING[type] || []).join('|'),
      azureVms.GPU_VIRTUAL_MACHINE_TYPES[type] || '', (azureVms.GPU_VIRTUAL_MACHINE_TYPE_PROCESSOR_MAPPING[type] || []).join('|'),
      '', 'series', 'vCPU;GB;tCO2e', SOURCE.azure + ' VirtualMachineTypes', LICENCE, YEAR]);
  }
  for (const [type, v] of Object.entries(azureVms.VIRTUAL_MACHINE_TYPE_CONSTRAINED_VCPU_CAPABLE_MAPPING)) {
    if (seen.has(type)) continue;
    seen.add(type);
    rows.push(['Azure', type, '', v[0], v[1], v[3], v[2], '',
      (azureVms.INSTANCE_TYPE_COMPUTE_PROCESSOR_MAPPING[type] || []).join('|'),
      azureVms.GPU_VIRTUAL_MACHINE_TYPES[type] || '', (azureVms.GPU_VIRTUAL_MACHINE_TYPE_PROCESSOR_MAPPING[type] || []).join('|'),
      '', 'constrained-vcpu', 'vCPU;GB;tCO2e', SOURCE.azure + ' VirtualMachineTypes', LICENCE, YEAR]);
  }
  for (const [type, v] of Object.entries(azureVms.VIRTUAL_MACHINE_TYPE_VCPU_MEMORY_MAPPING)) {
    if (seen.has(type)) continue;
    rows.push(['Azure', type, '', v[0], v[1] ?? '', '', '', '',
      (azureVms.INSTANCE_TYPE_COMPUTE_PROCESSOR_MAPPING[type] || []).join('|'),
      azureVms.GPU_VIRTUAL_MACHINE_TYPES[type] || '', (azureVms.GPU_VIRTUAL_MACHINE_TYPE_PROCESSOR_MAPPING[type] || []).join('|'),
      '', 'vcpu-memory', 'vCPU;GB', SOURCE.azure + ' VirtualMachineTypes', LICENCE, YEAR]);
  }
  return rows;
}

function processors() {
  const rows = [];
  for (const [provider, C, src] of [['AWS', AWS, SOURCE.aws], ['Azure', AZ, SOURCE.azure]]) {
    const names = new Set([...Object.keys(C.MIN_WATTS_BY_COMPUTE_PROCESSOR), ...Object.keys(C.MEMORY_BY_COMPUTE_PROCESSOR)]);
    for (const n of names) rows.push([provider, n, C.MIN_WATTS_BY_COMPUTE_PROCESSOR[n] ?? '', C.MAX_WATTS_BY_COMPUTE_PROCESSOR[n] ?? '', C.MEMORY_BY_COMPUTE_PROCESSOR[n] ?? '', 'W/vCPU;GB/chip', src + ' CLOUD_CONSTANTS', LICENCE, YEAR]);
    rows.push([provider, 'Average', C.MIN_WATTS_AVG, C.MAX_WATTS_AVG, C.MEMORY_AVG, 'W/vCPU;GB/chip', src + ' CLOUD_CONSTANTS', LICENCE, YEAR]);
  }
  return rows;
}

function grid() {
  const rows = [];
  for (const [provider, table, src] of [['AWS', awsDomain.AWS_EMISSIONS_FACTORS_METRIC_TON_PER_KWH, SOURCE.aws], ['Azure', azureDomain.AZURE_EMISSIONS_FACTORS_METRIC_TON_PER_KWH, SOURCE.azure]]) {
    for (const [region, t] of Object.entries(table)) rows.push([provider, region, +(t * 1e6).toPrecision(12), 'gCO2e/kWh', src + ' EMISSIONS_FACTORS_METRIC_TON_PER_KWH', LICENCE, YEAR]);
  }
  return rows;
}

function constants() {
  const rows = [];
  for (const [provider, C, src] of [['AWS', AWS, SOURCE.aws], ['Azure', AZ, SOURCE.azure]]) {
    const r = (name, value, unit) => rows.push([provider, name, value, unit, src + ' CLOUD_CONSTANTS', LICENCE, YEAR]);
    r('pue', C.getPUE(), 'ratio');
    r('cpu-utilisation', C.AVG_CPU_UTILIZATION_2020, '%');
    r('memory-kwh-per-gb-hour', C.MEMORY_COEFFICIENT, 'kWh/GB-h');
    r('ssd-wh-per-tb-hour', C.SSDCOEFFICIENT, 'Wh/TB-h');
    r('hdd-wh-per-tb-hour', C.HDDCOEFFICIENT, 'Wh/TB-h');
    r('network-kwh-per-gb', C.NETWORKING_COEFFICIENT, 'kWh/GB');
    r('server-lifespan-hours', C.SERVER_EXPECTED_LIFESPAN, 'h');
    for (const [k, v] of Object.entries(C.REPLICATION_FACTORS || {})) r('replication-' + k.toLowerCase().replace(/_/g, '-'), v, 'copies');
  }
  return rows;
}

function usageTypes() {
  const awsT = require('@cloud-carbon-footprint/aws/dist/lib/CostAndUsageTypes');
  const azT = require('@cloud-carbon-footprint/azure/dist/lib/ConsumptionTypes');
  const rows = [];
  const list = (provider, name, values, src) => { for (const v of values) rows.push([provider, name, v, '', 'usage type', src, LICENCE, YEAR]); };
  const sized = (provider, name, table, unit, src) => { for (const [k, v] of Object.entries(table)) rows.push([provider, name, k, v, unit, src, LICENCE, YEAR]); };
  const aws = SOURCE.aws + ' CostAndUsageTypes';
  for (const n of ['SSD_SERVICES', 'SSD_USAGE_TYPES', 'HDD_USAGE_TYPES', 'NETWORKING_USAGE_TYPES', 'BYTE_HOURS_USAGE_TYPES']) list('AWS', n, awsT[n], aws);
  sized('AWS', 'GPU_INSTANCES_TYPES', awsTypes.GPU_INSTANCES_TYPES, 'GPUs', SOURCE.aws + ' AWSInstanceTypes');
  const az = SOURCE.azure + ' ConsumptionTypes';
  for (const n of ['STORAGE_USAGE_TYPES', 'NETWORKING_USAGE_TYPES', 'MEMORY_USAGE_TYPES']) list('Azure', n, azT[n], az);
  sized('Azure', 'SSD_MANAGED_DISKS_STORAGE_GB', azT.SSD_MANAGED_DISKS_STORAGE_GB, 'GB', az);
  sized('Azure', 'HDD_MANAGED_DISKS_STORAGE_GB', azT.HDD_MANAGED_DISKS_STORAGE_GB, 'GB', az);
  sized('Azure', 'GPU_VIRTUAL_MACHINE_TYPES', azureVms.GPU_VIRTUAL_MACHINE_TYPES, 'GPUs', SOURCE.azure + ' VirtualMachineTypes');
  return rows;
}

function extract(dir) {
  fs.mkdirSync(dir, { recursive: true });
  const src = 'source,licence,year';
  fs.writeFileSync(path.join(dir, 'ccf_instances.csv'), csv(('provider,instance_type,family,vcpus,memory_gb,embodied_tco2e,family_largest_vcpus,family_largest_memory_gb,processors,gpus,gpu_processors,burstable_baseline_percent,table,unit,' + src).split(','), [...awsInstances(), ...azureInstances()]));
  fs.writeFileSync(path.join(dir, 'ccf_processors.csv'), csv(('provider,processor,min_watts_per_vcpu,max_watts_per_vcpu,gb_per_chip,unit,' + src).split(','), processors()));
  fs.writeFileSync(path.join(dir, 'ccf_grid_packages.csv'), csv(('provider,region,gco2e_per_kwh,unit,' + src).split(','), grid()));
  fs.writeFileSync(path.join(dir, 'ccf_usage_types.csv'), csv(('provider,list,value,amount,unit,' + src).split(','), usageTypes()));
  fs.writeFileSync(path.join(dir, 'ccf_constants.csv'), csv(('provider,name,value,unit,' + src).split(','), constants()));
}

module.exports = { extract };
if (require.main === module) {
  const [cmd, target] = process.argv.slice(2);
  if (cmd === 'extract') extract(target);
  else if (cmd === 'estimate') require('./estimate').run(target);
  else { console.error('usage: node ccf.js extract <dir> | estimate <file>'); process.exit(2); }
}
