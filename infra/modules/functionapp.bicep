// The Functions host (.NET isolated worker) on a dedicated Linux App Service plan, plus the
// autoscale setting that follows the Service Bus backlog.
//
// Why a dedicated plan with Always On, and not Consumption or Elastic Premium:
// the calculators do not run as ServiceBusTrigger functions (the project's NuGet feed does not
// serve that extension for the isolated worker). They run as a hosted ServiceBusProcessor inside
// the worker process. Nothing tells the Functions scale controller about that processor, so
// - on Consumption (Y1) the host would scale to zero and the backlog would never be drained;
// - on Elastic Premium the platform scales on trigger metadata only, which the processor does not
//   have, and Azure Monitor autoscale rules do not apply to Elastic Premium plans; EP also needs
//   an Azure Files content share reached with a storage key, which conflicts with
//   allowSharedKeyAccess = false.
// A dedicated plan with alwaysOn keeps at least one instance (and its processor) running, and
// Microsoft.Insights/autoscaleSettings can scale it on the topic's ActiveMessages metric.

param planName string

param appName string

param autoscaleName string

param location string

param tags object

@description('Dedicated (Premium v3) plan SKU.')
param planSku string

param minimumInstanceCount int

param maximumInstanceCount int

@description('Scale out by one instance when the average topic backlog over 5 minutes is above this.')
param scaleOutBacklogThreshold int

@description('Scale in by one instance when the average topic backlog over 10 minutes is below this.')
param scaleInBacklogThreshold int

@description('Resource id of the user-assigned managed identity.')
param identityId string

@description('Client id of the user-assigned managed identity.')
param identityClientId string

param hostStorageAccountName string

param dataBlobEndpoint string

param dataTableEndpoint string

param serviceBusNamespaceId string

param serviceBusFullyQualifiedNamespace string

param usageTopicName string

param importEventsTopicName string

param exportsContainerName string

@description('NCRONTAB schedule of the exports timer (app setting EmpreinteExportsSchedule, read by the host as %EmpreinteExportsSchedule%).')
param exportsSchedule string

param claimCheckContainerName string

param uploadsContainerName string

param appInsightsName string

param keyVaultName string

param signingSecretName string

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: appInsightsName
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: keyVaultName

  resource signingSecret 'secrets' existing = {
    name: signingSecretName
  }
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'linux'
  sku: {
    name: planSku
    capacity: minimumInstanceCount
  }
  properties: {
    reserved: true
  }
}

resource site 'Microsoft.Web/sites@2024-04-01' = {
  name: appName
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      linuxFxVersion: 'DOTNET-ISOLATED|10.0'
      alwaysOn: true
      ftpsState: 'Disabled'
      minTlsVersion: '1.2'
      http20Enabled: true
      appSettings: [
        {
          name: 'FUNCTIONS_EXTENSION_VERSION'
          value: '~4'
        }
        {
          name: 'FUNCTIONS_WORKER_RUNTIME'
          value: 'dotnet-isolated'
        }
        // Host storage through the managed identity: no AzureWebJobsStorage connection string.
        {
          name: 'AzureWebJobsStorage__accountName'
          value: hostStorageAccountName
        }
        {
          name: 'AzureWebJobsStorage__credential'
          value: 'managedidentity'
        }
        {
          name: 'AzureWebJobsStorage__clientId'
          value: identityClientId
        }
        // DefaultAzureCredential / ManagedIdentityCredential in the worker pick the UAMI from this.
        {
          name: 'AZURE_CLIENT_ID'
          value: identityClientId
        }
        // The connection string only locates the component; with local auth disabled, ingestion
        // is authorised by the identity named in the authentication string.
        {
          name: 'APPLICATIONINSIGHTS_CONNECTION_STRING'
          value: appInsights.properties.ConnectionString
        }
        {
          name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING'
          value: 'ClientId=${identityClientId};Authorization=AAD'
        }
        {
          name: 'ServiceBus__fullyQualifiedNamespace'
          value: serviceBusFullyQualifiedNamespace
        }
        {
          name: 'Tables__serviceUri'
          value: dataTableEndpoint
        }
        {
          name: 'Blobs__serviceUri'
          value: dataBlobEndpoint
        }
        {
          name: 'Empreinte__TopicName'
          value: usageTopicName
        }
        {
          name: 'Empreinte__ImportEventsTopicName'
          value: importEventsTopicName
        }
        {
          name: 'Empreinte__ExportsContainer'
          value: exportsContainerName
        }
        {
          name: 'Empreinte__ClaimCheckContainer'
          value: claimCheckContainerName
        }
        {
          name: 'Empreinte__UploadsContainer'
          value: uploadsContainerName
        }
        {
          name: 'EmpreinteExportsSchedule'
          value: exportsSchedule
        }
        // Resolved by App Service with keyVaultReferenceIdentity; the value never appears here.
        {
          name: 'Empreinte__SigningSecret'
          value: '@Microsoft.KeyVault(SecretUri=${vault::signingSecret.properties.secretUri})'
        }
      ]
    }
  }
}

resource ftpPublishing 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: site
  name: 'ftp'
  properties: {
    allow: false
  }
}

// One instance always runs; more are added while the usage topic has a backlog. The metric is the
// namespace's ActiveMessages filtered to the usage topic, i.e. messages waiting in the calculator
// subscriptions. Scale-in waits longer than scale-out so that a draining burst is not cut short.
resource autoscale 'Microsoft.Insights/autoscalesettings@2022-10-01' = {
  name: autoscaleName
  location: location
  tags: tags
  properties: {
    name: autoscaleName
    enabled: true
    targetResourceUri: plan.id
    profiles: [
      {
        name: 'service-bus-backlog'
        capacity: {
          minimum: string(minimumInstanceCount)
          maximum: string(maximumInstanceCount)
          default: string(minimumInstanceCount)
        }
        rules: [
          {
            metricTrigger: {
              metricName: 'ActiveMessages'
              metricNamespace: 'Microsoft.ServiceBus/namespaces'
              metricResourceUri: serviceBusNamespaceId
              dimensions: [
                {
                  DimensionName: 'EntityName'
                  Operator: 'Equals'
                  Values: [
                    usageTopicName
                  ]
                }
              ]
              timeGrain: 'PT1M'
              statistic: 'Average'
              timeWindow: 'PT5M'
              timeAggregation: 'Average'
              operator: 'GreaterThan'
              threshold: scaleOutBacklogThreshold
            }
            scaleAction: {
              direction: 'Increase'
              type: 'ChangeCount'
              value: '1'
              cooldown: 'PT5M'
            }
          }
          {
            metricTrigger: {
              metricName: 'ActiveMessages'
              metricNamespace: 'Microsoft.ServiceBus/namespaces'
              metricResourceUri: serviceBusNamespaceId
              dimensions: [
                {
                  DimensionName: 'EntityName'
                  Operator: 'Equals'
                  Values: [
                    usageTopicName
                  ]
                }
              ]
              timeGrain: 'PT1M'
              statistic: 'Average'
              timeWindow: 'PT10M'
              timeAggregation: 'Average'
              operator: 'LessThan'
              threshold: scaleInBacklogThreshold
            }
            scaleAction: {
              direction: 'Decrease'
              type: 'ChangeCount'
              value: '1'
              cooldown: 'PT10M'
            }
          }
        ]
      }
    ]
  }
}

output name string = site.name
output hostName string = site.properties.defaultHostName
