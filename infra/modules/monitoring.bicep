// Log Analytics workspace and a workspace-based Application Insights component. Local (key-based)
// ingestion is disabled: telemetry is accepted only from identities holding Monitoring Metrics
// Publisher, which the worker gets through APPLICATIONINSIGHTS_AUTHENTICATION_STRING.

param workspaceName string

param appInsightsName string

param location string

param tags object

@minValue(30)
@maxValue(730)
param retentionInDays int

param principalId string

@description('Built-in role definition GUIDs granted to principalId on the component.')
param roleDefinitionIds string[]

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: workspaceName
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: retentionInDays
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: appInsightsName
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
    DisableLocalAuth: true
    IngestionMode: 'LogAnalytics'
  }
}

resource roleAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for roleId in roleDefinitionIds: {
    scope: appInsights
    name: guid(appInsights.id, principalId, roleId)
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleId)
      principalId: principalId
      principalType: 'ServicePrincipal'
    }
  }
]

output appInsightsName string = appInsights.name
