// Service Bus namespace for the fan-out: UsageBatch messages go to one topic with one
// subscription per calculator; tracker events go to a second topic read by the import tracker.
// Local (SAS) authentication is disabled: senders and receivers authenticate with Entra ID only.

param name string

param location string

param tags object

@description('How long each topic remembers message ids to drop a republished message (the publisher uses deterministic ids). Duplicate detection itself can only be chosen when a topic is created.')
param duplicateDetectionWindow string

@description('Topic carrying UsageBatch messages.')
param usageTopicName string

@description('One subscription per calculator on the usage topic.')
param calculatorSubscriptionNames string[]

@description('Topic carrying tracker events (BatchEstimated, ImportParsed).')
param importEventsTopicName string

@description('Subscription of the import tracker on the import events topic.')
param trackerSubscriptionName string

@description('Deliveries before a message is moved to the dead-letter sub-queue.')
@minValue(1)
param maxDeliveryCount int

@description('Principal (object) id of the managed identity that sends and receives.')
param principalId string

@description('Built-in role definition GUIDs granted to principalId on the namespace.')
param roleDefinitionIds string[]

resource namespace 'Microsoft.ServiceBus/namespaces@2024-01-01' = {
  name: name
  location: location
  tags: tags
  sku: {
    name: 'Standard'
    tier: 'Standard'
  }
  properties: {
    disableLocalAuth: true
    minimumTlsVersion: '1.2'
    publicNetworkAccess: 'Enabled'
  }
}

// Settings shared by every subscription. The lock lasts one minute, longer than a batch takes to
// estimate; a message abandoned maxDeliveryCount times, or expired, lands in the dead-letter
// sub-queue instead of being lost.
var subscriptionProperties = {
  lockDuration: 'PT1M'
  maxDeliveryCount: maxDeliveryCount
  deadLetteringOnMessageExpiration: true
  deadLetteringOnFilterEvaluationExceptions: true
  defaultMessageTimeToLive: 'P14D'
}

resource usageTopic 'Microsoft.ServiceBus/namespaces/topics@2024-01-01' = {
  parent: namespace
  name: usageTopicName
  properties: {
    defaultMessageTimeToLive: 'P14D'
    requiresDuplicateDetection: true
    duplicateDetectionHistoryTimeWindow: duplicateDetectionWindow
    maxSizeInMegabytes: 5120
    enableBatchedOperations: true
  }
}

resource calculatorSubscriptions 'Microsoft.ServiceBus/namespaces/topics/subscriptions@2024-01-01' = [
  for subscriptionName in calculatorSubscriptionNames: {
    parent: usageTopic
    name: subscriptionName
    properties: subscriptionProperties
  }
]

resource importEventsTopic 'Microsoft.ServiceBus/namespaces/topics@2024-01-01' = {
  parent: namespace
  name: importEventsTopicName
  properties: {
    defaultMessageTimeToLive: 'P14D'
    requiresDuplicateDetection: true
    duplicateDetectionHistoryTimeWindow: duplicateDetectionWindow
    maxSizeInMegabytes: 1024
    enableBatchedOperations: true
  }
}

resource trackerSubscription 'Microsoft.ServiceBus/namespaces/topics/subscriptions@2024-01-01' = {
  parent: importEventsTopic
  name: trackerSubscriptionName
  properties: subscriptionProperties
}

resource roleAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for roleId in roleDefinitionIds: {
    scope: namespace
    name: guid(namespace.id, principalId, roleId)
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleId)
      principalId: principalId
      principalType: 'ServicePrincipal'
    }
  }
]

output id string = namespace.id
output name string = namespace.name
// serviceBusEndpoint is https://<name>.servicebus.windows.net:443/ in the public cloud; the SDK
// wants the bare host name, taken from the endpoint so sovereign clouds work too.
output fullyQualifiedNamespace string = split(split(namespace.properties.serviceBusEndpoint, '//')[1], ':')[0]
