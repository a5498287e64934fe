using Empreinte.Functions;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Services.AddEmpreinteFunctions(builder.Configuration);
builder.Services.AddEmpreinteTelemetry(builder.Configuration);
builder.Build().Run();
