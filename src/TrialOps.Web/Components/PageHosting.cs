using TrialOps.Web.Components.Pages.Analysis;

namespace TrialOps.Web.Components;

public static class PageHosting
{
    /// <summary>Razor components rendered on the server (static SSR: plain forms, no client script).</summary>
    public static IServiceCollection AddTrialOpsPages(this IServiceCollection services)
    {
        services.AddRazorComponents();
        services.AddAntiforgery(options => options.Cookie.Name = "TrialOps.Antiforgery");
        return services;
    }

    public static IEndpointRouteBuilder MapTrialOpsPages(this IEndpointRouteBuilder app)
    {
        app.MapRazorComponents<App>();
        app.MapAnalysisFiles();
        return app;
    }
}
