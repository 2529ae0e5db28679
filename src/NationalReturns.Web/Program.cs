using NationalReturns.Web.Data;
using NationalReturns.Web.Features.ApiDescription;
using NationalReturns.Web.Infrastructure;

var builder = WebApplication.CreateBuilder(args);

builder.AddSettings();
builder.AddLogs();
builder.AddTelemetry();
builder.AddDatabase();
builder.AddAccess();
builder.AddSharedKeys();
builder.AddWebFeatures();
builder.AddApiDescription();
builder.AddHealth();
builder.AddScheduledWork();
builder.AddDemoData();

var app = builder.Build();

app.ValidateSettings();
await app.PrepareDatabaseAsync();

app.UseServerTiming();
app.UseRequestLog();
app.UseForwardedHeaders();
app.UseTransportSecurity();
app.UseSecurityHeaders();
app.UseSiteErrorPages();
app.UseEnglish();
app.UseSiteFiles();
app.UseRouting();
app.UseUploadLimits();
app.UseAuthentication();
app.UseNoStoreWhenSignedIn();
app.UseAuthorization();
app.UseRateLimiter();
app.UseOutputCache();
app.MapControllers();
app.MapApiDescription();
app.MapHealth();

await app.RunAsync();

public partial class Program;
