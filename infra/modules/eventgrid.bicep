// Event Grid system topic on the data storage account. When deploySubscription is true, every
// blob created in the exports container (a Cost Management export landing) is posted to the
// function's HTTP webhook, which also answers the Event Grid validation handshake. The handshake
// needs the function code to be deployed already, hence the switch.

param systemTopicName string

param location string

param tags object

param storageAccountId string

param exportsContainerName string

param functionAppName string

@description('Route of the HTTP function receiving the events.')
param webhookRoute string

param deploySubscription bool

resource site 'Microsoft.Web/sites@2024-04-01' existing = {
  name: functionAppName
}

// The host key API (Microsoft.Web/sites/host) has no Bicep type definitions, so its listKeys
// action is called by resource id.
var hostKeys = listKeys('${site.id}/host/default', '2024-04-01')

resource systemTopic 'Microsoft.EventGrid/systemTopics@2025-02-15' = {
  name: systemTopicName
  location: location
  tags: tags
  properties: {
    source: storageAccountId
    topicType: 'Microsoft.Storage.StorageAccounts'
  }
}

resource exportsCreated 'Microsoft.EventGrid/systemTopics/eventSubscriptions@2025-02-15' = if (deploySubscription) {
  parent: systemTopic
  name: 'exports-blob-created'
  properties: {
    destination: {
      endpointType: 'WebHook'
      properties: {
        // The function key is read at deployment time and sent to Event Grid only; it is neither
        // stored in an app setting nor returned as an output.
        endpointUrl: 'https://${site.properties.defaultHostName}/api/${webhookRoute}?code=${hostKeys.functionKeys.default}'
        maxEventsPerBatch: 1
        preferredBatchSizeInKilobytes: 64
      }
    }
    eventDeliverySchema: 'EventGridSchema'
    filter: {
      includedEventTypes: [
        'Microsoft.Storage.BlobCreated'
      ]
      subjectBeginsWith: '/blobServices/default/containers/${exportsContainerName}/'
      // Only completed uploads: a block blob commit or a single put, not every flush.
      advancedFilters: [
        {
          operatorType: 'StringIn'
          key: 'data.api'
          values: [
            'PutBlob'
            'PutBlockList'
            'CopyBlob'
            'FlushWithClose'
          ]
        }
      ]
    }
    retryPolicy: {
      maxDeliveryAttempts: 30
      eventTimeToLiveInMinutes: 1440
    }
  }
}

output systemTopicName string = systemTopic.name
