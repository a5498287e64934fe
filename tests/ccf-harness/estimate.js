// Generates billing rows covering CCF's tables and runs CCF's own per-row estimation on them.
// Each output row: the billing fields Empreinte reads, CCF's kWh and CO2e (metric tons, as CCF
// reports them) and the embodied part CCF folds into both (so operational kWh can be compared).
'use strict';
const fs = require('fs');
const path = require('path');

const awsRoot = path.dirname(require.resolve('@cloud-carbon-footprint/aws/package.json'));
const azureRoot = path.dirname(require.resolve('@cloud-carbon-footprint/azure/package.json'));
const awsCore = require(require.resolve('@cloud-carbon-footprint/core', { paths: [awsRoot] }));
const azureCore = require(require.resolve('@cloud-carbon-footprint/core', { paths: [azureRoot] }));
const CostAndUsageReports = require('@cloud-carbon-footprint/aws/dist/lib/CostAndUsageReports').default;
const CostAndUsageReportsRow = require('@cloud-carbon-footprint/aws/dist/lib/CostAndUsageReportsRow').default;
const ConsumptionManagement = require('@cloud-carbon-footprint/azure/dist/lib/ConsumptionManagement').default;
const ConsumptionDetailRow = require('@cloud-carbon-footprint/azure/dist/lib/ConsumptionDetailRow').default;
const awsTypes = require('@cloud-carbon-footprint/aws/dist/lib/AWSInstanceTypes');
const azureVms = require('@cloud-carbon-footprint/azure/dist/lib/VirtualMachineTypes');
const { AWS_CLOUD_CONSTANTS: AWS, AWS_EMISSIONS_FACTORS_METRIC_TON_PER_KWH: AWS_GRID } = require('@cloud-carbon-footprint/aws/dist/domain');
const { AZURE_CLOUD_CONSTANTS: AZ, AZURE_EMISSIONS_FACTORS_METRIC_TON_PER_KWH: AZ_GRID } = require('@cloud-carbon-footprint/azure/dist/domain');

// Quiet CCF's per-row warnings (unknown regions are part of the test).
require(require.resolve('@cloud-carbon-footprint/common', { paths: [awsRoot] })).Logger.prototype.warn = () => {};
require(require.resolve('@cloud-carbon-footprint/common', { paths: [azureRoot] })).Logger.prototype.warn = () => {};

const TIMESTAMP = new Date('2023-06-15T00:00:00Z'); // June: 30 days, for GB-month conversions

function awsService() {
  const c = awsCore;
  const s = Object.create(CostAndUsageReports.prototype);
  Object.assign(s, {
    computeEstimator: new c.ComputeEstimator(),
    ssdStorageEstimator: new c.StorageEstimator(AWS.SSDCOEFFICIENT),
    hddStorageEstimator: new c.StorageEstimator(AWS.HDDCOEFFICIENT),
    networkingEstimator: new c.NetworkingEstimator(AWS.NETWORKING_COEFFICIENT),
    memoryEstimator: new c.MemoryEstimator(AWS.MEMORY_COEFFICIENT),
    unknownEstimator: new c.UnknownEstimator(AWS.ESTIMATE_UNKNOWN_USAGE_BY),
    embodiedEmissionsEstimator: new c.EmbodiedEmissionsEstimator(AWS.SERVER_EXPECTED_LIFESPAN),
    costAndUsageReportsLogger: { warn() {}, info() {}, error() {}, debug() {} },
  });
  return s;
}

function azureService() {
  const c = azureCore;
  const s = Object.create(ConsumptionManagement.prototype);
  Object.assign(s, {
    computeEstimator: new c.ComputeEstimator(),
    ssdStorageEstimator: new c.StorageEstimator(AZ.SSDCOEFFICIENT),
    hddStorageEstimator: new c.StorageEstimator(AZ.HDDCOEFFICIENT),
    networkingEstimator: new c.NetworkingEstimator(AZ.NETWORKING_COEFFICIENT),
    memoryEstimator: new c.MemoryEstimator(AZ.MEMORY_COEFFICIENT),
    unknownEstimator: new c.UnknownEstimator(AZ.ESTIMATE_UNKNOWN_USAGE_BY),
    embodiedEmissionsEstimator: new c.EmbodiedEmissionsEstimator(AZ.SERVER_EXPECTED_LIFESPAN),
    consumptionManagementLogger: { warn() {}, info() {}, error() {}, debug() {} },
  });
  return s;
}

// Deterministic amounts: the harness must give the same rows on every run.
let seed = 12345;
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const amount = (lo, hi) => Math.round((lo + rand() * (hi - lo)) * 1000) / 1000;

function awsRows() {
  const regions = Object.keys(AWS_GRID).filter((r) => r !== 'Unknown');
  regions.push('mx-central-1'); // a region outside CCF's table: its "Unknown" factor
  const rows = [];
  let i = 0;
  const region = () => regions[i++ % regions.length];
  const add = (productCode, usageType, unit, usageAmount, extra = {}) =>
    rows.push({ provider: 'AWS', region: region(), productCode, usageType, unit, amount: usageAmount, ...extra });
  for (const family of Object.keys(awsTypes.EC2_INSTANCE_TYPES))
    for (const size of Object.keys(awsTypes.EC2_INSTANCE_TYPES[family]))
      add('AmazonEC2', 'BoxUsage:' + family + '.' + size, 'Hrs', amount(1, 744), { instanceType: family + '.' + size });
  for (const t of ['EBS:VolumeUsage.gp2', 'EBS:VolumeUsage.gp3', 'EBS:VolumeUsage.io1', 'EBS:VolumeUsage.io2', 'EBS:VolumeUsage.st1', 'EBS:VolumeUsage.sc1', 'EBS:VolumeUsage', 'EBS:SnapshotUsage'])
    for (let k = 0; k < 12; k++) add('AmazonEC2', t, 'GB-Mo', amount(1, 5000));
  for (const t of ['DataTransfer-Out-Bytes', 'DataTransfer-Regional-Bytes', 'AWS-Out-Bytes'])
    for (let k = 0; k < 12; k++) add('AmazonEC2', t, 'GB', amount(1, 2000));
  for (let k = 0; k < 6; k++) add('AmazonCloudFront', 'DataTransfer-Out-Bytes', 'GB', amount(1, 2000)); // CCF excludes CloudFront transfer
  for (const family of ['m5', 'r5', 'c5', 't3'])
    for (const size of ['large', 'xlarge', '2xlarge'])
      add('AmazonRDS', 'InstanceUsage:db.' + family + '.' + size, 'Hrs', amount(1, 744), { instanceType: 'db.' + family + '.' + size });
  for (const t of ['SpotUsage:m5.large', 'SpotUsage:c5.2xlarge', 'SpotUsage:t3.medium', 'SpotUsage:p3.2xlarge'])
    for (let k = 0; k < 3; k++) add('AmazonEC2', t, 'Hrs', amount(1, 744), { instanceType: t.split(':')[1] });
  for (const [service, t] of [['AmazonRDS', 'RDS:GP2-Storage'], ['AmazonRDS', 'RDS:Multi-AZ-StorageUsage'], ['AmazonRDS', 'RDS:ChargedBackupUsage'],
    ['AmazonS3', 'TimedStorage-ByteHrs'], ['AmazonS3', 'TimedStorage-ZIA-ByteHrs'], ['AmazonEFS', 'TimedStorage-ByteHrs'], ['AmazonDynamoDB', 'TimedStorage-ByteHrs']])
    for (let k = 0; k < 6; k++) add(service, t, 'GB-Mo', amount(1, 5000));
  for (const t of ['Lambda-GB-Second', 'Lambda-GB-Second-ARM'])
    for (let k = 0; k < 6; k++) add('AWSLambda', t, 'Lambda-GB-Second', amount(100, 1e6));
  for (let k = 0; k < 6; k++) add('AmazonECS', 'Fargate-vCPU-Hours:perCPU', 'hours', amount(1, 744));
  for (let k = 0; k < 6; k++) add('AWSGlue', 'USE1-ETL-DPU-Hour', 'DPU-Hour', amount(1, 100));
  for (let k = 0; k < 6; k++) add('AmazonRDS', 'USE1-Aurora:ServerlessUsage', 'ACU-Hr', amount(1, 744));
  return rows;
}

function azureRows() {
  const regions = Object.keys(AZ_GRID).filter((r) => r !== 'Unknown' && r === r.toLowerCase());
  const rows = [];
  let i = 0;
  const region = () => regions[i++ % regions.length];
  const add = (meterCategory, meterName, unit, usageAmount) =>
    rows.push({ provider: 'Azure', region: region(), meterCategory, meterName, unit, amount: usageAmount });
  const meters = new Set();
  for (const series of Object.values(azureVms.VIRTUAL_MACHINE_TYPE_SERIES_MAPPING)) for (const t of Object.keys(series)) meters.add(t);
  for (const t of Object.keys(azureVms.VIRTUAL_MACHINE_TYPE_CONSTRAINED_VCPU_CAPABLE_MAPPING)) meters.add(t);
  for (const t of meters) add('Virtual Machines', t, '1 Hour', amount(1, 24));
  for (const t of Object.keys(azureVms.VIRTUAL_MACHINE_TYPE_VCPU_MEMORY_MAPPING)) if (!meters.has(t)) add('Azure App Service', t, '1 Hour', amount(1, 24));
  for (const t of ['D2 v3/D2s v3', 'D4s v3 Spot', 'E8 v3/E8s v3', 'B2s Spot'])
    for (let k = 0; k < 3; k++) add('Virtual Machines', t, '1 Hour', amount(1, 24));
  for (let k = 0; k < 6; k++) add('Functions', 'Execution Time', '1 GB Second', amount(100, 1e6));
  for (let k = 0; k < 6; k++) add('Container Instances', 'Standard Memory Duration', '1 GB Hour', amount(1, 100));
  for (let k = 0; k < 6; k++) add('Bandwidth', 'Inter Continent Data Transfer Out - NAM or EU To Any', '1 GB', amount(1, 500)); // CCF excludes internet egress
  for (const t of ['P10 LRS Disk', 'P30 LRS Disk', 'E10 LRS Disk', 'S10 LRS Disk', 'S30 LRS Disk'])
    for (let k = 0; k < 6; k++) add('Storage', t, '1 /Month', amount(0.01, 1));
  for (const t of ['Hot LRS Data Stored', 'Hot GRS Data Stored', 'Cool ZRS Data Stored'])
    for (let k = 0; k < 6; k++) add('Storage', t, '1 GB/Month', amount(1, 500));
  for (const t of ['Standard Data Transfer Out', 'Inter-Region Data Transfer Out'])
    for (let k = 0; k < 8; k++) add('Bandwidth', t, '1 GB', amount(1, 500));
  return rows;
}

function estimateAws(svc, row) {
  const r = new CostAndUsageReportsRow(TIMESTAMP, 'acct', 'acct', row.region, row.productCode, row.usageType, row.unit, null, row.amount, 1, {});
  const factors = AWS_GRID;
  const unknown = [];
  const e = svc.getFootprintEstimateFromUsageRow(r, unknown, factors);
  const embodied = r.instanceType && ['Hrs', 'Hours', 'vCPU-Hours'].includes(r.usageUnit) ? svc.getEmbodiedEmissions(r, factors) : { co2e: 0, kilowattHours: 0 };
  return { e, embodied, unknown: unknown.length > 0 };
}

function estimateAzure(svc, row) {
  const r = new ConsumptionDetailRow({ kind: 'legacy', id: 'acct', date: TIMESTAMP, quantity: row.amount, cost: 1, tags: {},
    meterDetails: { meterName: row.meterName, unitOfMeasure: row.unit, meterCategory: row.meterCategory, subscriptionName: 'acct' }, resourceLocation: row.region });
  const unknown = [];
  const e = svc.getFootprintEstimateFromUsageRow(r, unknown, AZ_GRID);
  const embodied = row.meterCategory === 'Virtual Machines' ? svc.getEmbodiedEmissions(r, AZ_GRID) : { co2e: 0, kilowattHours: 0 };
  return { e, embodied, unknown: unknown.length > 0 };
}

function run(target) {
  const aws = awsService();
  const azure = azureService();
  const rows = [...awsRows(), ...azureRows()];
  const estimateAll = () => rows.map((row) => {
    let result;
    try {
      result = row.provider === 'AWS' ? estimateAws(aws, row) : estimateAzure(azure, row);
    } catch (error) {
      // CCF itself throws on some rows (e.g. standard HDD managed disks "S10 LRS Disk"): recorded, not hidden.
      return { ...row, ccfError: String(error.message || error) };
    }
    const { e, embodied, unknown } = result;
    return { ...row, ccfKwh: e ? e.kilowattHours : null, ccfCo2eTonnes: e ? e.co2e : null,
      ccfEmbodiedKwh: embodied.kilowattHours || 0, ccfEmbodiedCo2eTonnes: embodied.co2e || 0, ccfUnknown: unknown };
  });
  const out = estimateAll();
  // Timed on a second, warm pass (JIT and CCF's lazily built tables out of the way); noisy on a shared machine.
  const started = process.hrtime.bigint();
  estimateAll();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  fs.writeFileSync(target, JSON.stringify({ rowsPerSecond: rows.length / seconds, rows: out }));
  console.log(`ccf-harness: ${rows.length} rows estimated by CCF in ${seconds.toFixed(3)} s (${Math.round(rows.length / seconds)} rows/s)`);
}

module.exports = { run };
