// Key Vault holding the HMAC signing secret. Access is by Azure RBAC only (no access policies);
// the worker identity may read this one secret and nothing else.

param name string

param location string

param tags object

@description('Name of the secret holding the HMAC signing key.')
param secretName string

@secure()
@description('HMAC signing secret value.')
param secretValue string

param principalId string

@description('Built-in role definition GUIDs granted to principalId on the secret.')
param roleDefinitionIds string[]

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: true
    publicNetworkAccess: 'Enabled'
  }
}

resource secret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: secretName
  properties: {
    value: secretValue
    contentType: 'text/plain'
  }
}

resource roleAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for roleId in roleDefinitionIds: {
    scope: secret
    name: guid(secret.id, principalId, roleId)
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleId)
      principalId: principalId
      principalType: 'ServicePrincipal'
    }
  }
]

output name string = vault.name
