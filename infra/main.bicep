// Empreinte in Azure: ingestion functions and the calculator processors in one .NET isolated
// worker, a Service Bus topic fanning UsageBatch messages out to one subscription per calculator,
// results in Table Storage, Cost Management exports landing in Blob Storage and announced by
// Event Grid. Every connection uses a user-assigned managed identity: no account key, SAS or
// connection string is written to an app setting or an output.
targetScope = 'resourceGroup'

@description('Short name from which resource names are derived.')
@minLength(3)
@maxLength(16)
param baseName string = 'empreinte'

@description('Region of every resource.')
param location string = resourceGroup().location

@description('Tags applied to every resource.')
param tags object = {}

@description('Replication SKU of both storage accounts.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_GZRS'
])
param storageSku string = 'Standard_LRS'

@description('Dedicated Linux plan SKU. Consumption (Y1) and Elastic Premium are deliberately not offered: see modules/functionapp.bicep.')
@allowed([
  'P0v3'
  'P1v3'
  'P2v3'
  'P3v3'
])
param planSku string = 'P1v3'

@description('Instances kept running at all times (the hosted Service Bus processors live there).')
@minValue(1)
@maxValue(30)
param minimumInstanceCount int = 1

@description('Upper bound for the autoscale setting.')
@minValue(1)
@maxValue(30)
param maximumInstanceCount int = 4

@description('Average active messages on the usage topic above which one instance is added.')
@minValue(1)
param scaleOutBacklogThreshold int = 1000

@description('Average active messages on the usage topic below which one instance is removed.')
@minValue(0)
param scaleInBacklogThreshold int = 100

@description('Deliveries of a message to a subscription before it is dead-lettered.')
@minValue(1)
@maxValue(2000)
param maxDeliveryCount int = 10

@description('Days after which claim-check blobs (large batch bodies) are deleted; longer than the 14-day message TTL.')
@minValue(15)
param claimCheckRetentionDays int = 15

@description('NCRONTAB schedule (with seconds) of the timer that imports new Cost Management export runs.')
param exportsSchedule string = '0 */30 * * * *'

@description('How long the topics remember message ids for duplicate detection (ISO 8601 duration).')
param duplicateDetectionWindow string = 'PT1H'

@description('Days of logs kept by the Log Analytics workspace.')
@minValue(30)
@maxValue(730)
param logRetentionInDays int = 30

@description('Create the Event Grid subscription to the imports webhook. The validation handshake only succeeds once the function code is deployed: deploy with false first, publish the code, then redeploy with true.')
param deployEventGrid bool = true

@secure()
@minLength(32)
@description('HMAC signing secret (at least 32 characters), stored in Key Vault and read by the app through a Key Vault reference.')
param signingSecret string

// Built-in role definitions (IDs are the same in every tenant).
var roles = {
  // Storage Blob Data Contributor: read, write, delete blobs and containers (exports, claim-check, uploads).
  storageBlobDataContributor: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
  // Storage Blob Data Owner: required by the Functions host on its own storage (AzureWebJobsStorage).
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  // Storage Table Data Contributor: read, write, delete entities (results, imports, unmapped).
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  // Storage Queue Data Contributor: queues used by the Functions host.
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  // Azure Service Bus Data Sender: publish UsageBatch messages and tracker events.
  serviceBusDataSender: '69a216fc-b8fb-44d8-bc22-1f3c2cd27a39'
  // Azure Service Bus Data Receiver: receive and settle from the subscriptions.
  serviceBusDataReceiver: '4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0'
  // Key Vault Secrets User: read secret values (the signing secret only; assigned on the secret).
  keyVaultSecretsUser: '4633458b-17de-408a-b874-0445c86b69e6'
  // Monitoring Metrics Publisher: send telemetry to Application Insights with Entra ID auth.
  monitoringMetricsPublisher: '3913510d-42f4-4e42-8a64-420c390055eb'
}

var suffix = uniqueString(resourceGroup().id, baseName)
var compactName = take(toLower(replace(baseName, '-', '')), 8)

var names = {
  identity: 'id-${baseName}-${suffix}'
  dataStorage: 'st${compactName}d${suffix}'
  hostStorage: 'st${compactName}h${suffix}'
  serviceBus: 'sb-${baseName}-${suffix}'
  workspace: 'log-${baseName}-${suffix}'
  appInsights: 'appi-${baseName}-${suffix}'
  keyVault: 'kv-${take(compactName, 6)}-${suffix}'
  plan: 'plan-${baseName}-${suffix}'
  functionApp: 'func-${baseName}-${suffix}'
  autoscale: 'autoscale-${baseName}-${suffix}'
  systemTopic: 'evgt-${baseName}-${suffix}'
}

var containers = {
  exports: 'exports'
  claimCheck: 'claimcheck'
  uploads: 'uploads'
  reports: 'reports'
}

var usageTopicName = 'usage-batches'
var importEventsTopicName = 'import-events'

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: names.identity
  location: location
  tags: tags
}

// Results and inputs: detail lines, monthly aggregates, imports, unmapped usage, recommendations;
// export, claim-check and upload containers, and each import's report.html.
module dataStorage 'modules/storage.bicep' = {
  name: 'data-storage'
  params: {
    name: names.dataStorage
    location: location
    tags: tags
    skuName: storageSku
    tableNames: [
      'EmpreinteLines'
      'EmpreinteMonthly'
      'EmpreinteImports'
      'EmpreinteUnmapped'
      'EmpreinteRecommendations'
      'EmpreinteExportRuns'
      'EmpreinteSeenSignatures'
    ]
    containerNames: [
      containers.exports
      containers.claimCheck
      containers.uploads
      containers.reports
    ]
    // Longer than the subscriptions' 14-day message TTL: a blob is never deleted under a live message.
    expiringContainerName: containers.claimCheck
    expireAfterDays: claimCheckRetentionDays
    principalId: identity.properties.principalId
    roleDefinitionIds: [
      roles.storageBlobDataContributor
      roles.storageTableDataContributor
    ]
  }
}

// The Functions host's own account (keys, leases, timer schedule state), kept apart from the data
// so that host housekeeping never shares throughput or permissions with results.
module hostStorage 'modules/storage.bicep' = {
  name: 'host-storage'
  params: {
    name: names.hostStorage
    location: location
    tags: tags
    skuName: storageSku
    principalId: identity.properties.principalId
    roleDefinitionIds: [
      roles.storageBlobDataOwner
      roles.storageQueueDataContributor
      roles.storageTableDataContributor
    ]
  }
}

module serviceBus 'modules/servicebus.bicep' = {
  name: 'service-bus'
  params: {
    name: names.serviceBus
    location: location
    tags: tags
    usageTopicName: usageTopicName
    calculatorSubscriptionNames: [
      'energy'
      'water'
      'materials'
    ]
    importEventsTopicName: importEventsTopicName
    trackerSubscriptionName: 'tracker'
    maxDeliveryCount: maxDeliveryCount
    duplicateDetectionWindow: duplicateDetectionWindow
    principalId: identity.properties.principalId
    roleDefinitionIds: [
      roles.serviceBusDataSender
      roles.serviceBusDataReceiver
    ]
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    workspaceName: names.workspace
    appInsightsName: names.appInsights
    location: location
    tags: tags
    retentionInDays: logRetentionInDays
    principalId: identity.properties.principalId
    roleDefinitionIds: [
      roles.monitoringMetricsPublisher
    ]
  }
}

module keyVault 'modules/keyvault.bicep' = {
  name: 'key-vault'
  params: {
    name: names.keyVault
    location: location
    tags: tags
    secretName: 'signing-secret'
    secretValue: signingSecret
    principalId: identity.properties.principalId
    roleDefinitionIds: [
      roles.keyVaultSecretsUser
    ]
  }
}

module functionApp 'modules/functionapp.bicep' = {
  name: 'function-app'
  params: {
    planName: names.plan
    appName: names.functionApp
    autoscaleName: names.autoscale
    location: location
    tags: tags
    planSku: planSku
    minimumInstanceCount: minimumInstanceCount
    maximumInstanceCount: maximumInstanceCount
    scaleOutBacklogThreshold: scaleOutBacklogThreshold
    scaleInBacklogThreshold: scaleInBacklogThreshold
    identityId: identity.id
    identityClientId: identity.properties.clientId
    // Module outputs (not plain names) so that the app starts only after its role assignments exist.
    hostStorageAccountName: hostStorage.outputs.name
    dataBlobEndpoint: dataStorage.outputs.blobEndpoint
    dataTableEndpoint: dataStorage.outputs.tableEndpoint
    serviceBusNamespaceId: serviceBus.outputs.id
    serviceBusFullyQualifiedNamespace: serviceBus.outputs.fullyQualifiedNamespace
    usageTopicName: usageTopicName
    importEventsTopicName: importEventsTopicName
    exportsContainerName: containers.exports
    claimCheckContainerName: containers.claimCheck
    uploadsContainerName: containers.uploads
    appInsightsName: monitoring.outputs.appInsightsName
    keyVaultName: keyVault.outputs.name
    signingSecretName: 'signing-secret'
    exportsSchedule: exportsSchedule
  }
}

module eventGrid 'modules/eventgrid.bicep' = {
  name: 'event-grid'
  params: {
    systemTopicName: names.systemTopic
    location: location
    tags: tags
    storageAccountId: dataStorage.outputs.id
    exportsContainerName: containers.exports
    functionAppName: functionApp.outputs.name
    webhookRoute: 'imports'
    deploySubscription: deployEventGrid
  }
}

output functionAppName string = functionApp.outputs.name
output functionAppHostName string = functionApp.outputs.hostName
output dataStorageAccountName string = dataStorage.outputs.name
output hostStorageAccountName string = hostStorage.outputs.name
output serviceBusFullyQualifiedNamespace string = serviceBus.outputs.fullyQualifiedNamespace
output identityClientId string = identity.properties.clientId
