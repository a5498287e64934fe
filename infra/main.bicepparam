using 'main.bicep'

param baseName = 'empreinte'
param planSku = 'P1v3'
param minimumInstanceCount = 1
param maximumInstanceCount = 4
param scaleOutBacklogThreshold = 1000
param scaleInBacklogThreshold = 100
param maxDeliveryCount = 10
param logRetentionInDays = 30
param deployEventGrid = true

// Never commit the value: it is read from the environment of whoever runs the deployment.
param signingSecret = readEnvironmentVariable('EMPREINTE_SIGNING_SECRET')
