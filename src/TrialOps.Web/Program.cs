using TrialOps.Web.Api;
using TrialOps.Web.Auth;
using TrialOps.Web.Components;
using TrialOps.Web.Hosting;

var builder = WebApplication.CreateBuilder(ContentRoot.Options(args));
builder.UseDefaultUrl("http://127.0.0.1:5080");
builder.UseFrameworkScripts();
builder.Services.AddTrialOpsRuntime();
builder.Services.AddTrialOpsTrials();
builder.Services.AddTrialOpsAuthentication();
builder.Services.AddTrialOpsApi();
builder.Services.AddTrialOpsPages();
builder.Services.AddTrialOpsErrorHandling();

var app = builder.Build();
app.UseSecurityHeaders();
app.UseTrialOpsErrorHandling();
app.UseEmbeddedStaticAssets();
app.UseRouting();
app.UseRateLimiter();
app.UseAuthentication();
app.UseAuthorization();
app.UseFormInputGuard();
app.UseTrialOpsAntiforgery();

app.MapHealth();
app.MapAccountEndpoints();
app.MapApi();
app.MapTrialOpsPages();
app.AnnounceListeningUrls();
app.Run();
