using TrialOps.Web.Components.Pages.Analysis;

namespace TrialOps.Web.Components;

public static class PageHosting
{
    /// <summary>
    /// Razor components rendered on the server (static SSR), enhanced by Blazor's script: links
    /// and forms marked <c>data-enhance</c> update the page without a reload, and everything still
    /// works as plain links and forms when the script is off.
    /// </summary>
    public static IServiceCollection AddTrialOpsPages(this IServiceCollection services)
    {
        services.AddRazorComponents();
        services.AddAntiforgery(options => options.Cookie.Name = "TrialOps.Antiforgery");
        return services;
    }

    /// <summary>
    /// A run from the build output (not a publish) finds the framework's static web assets, among
    /// them Blazor's script, through the build's manifest; a published app has them in its wwwroot.
    /// </summary>
    public static WebApplicationBuilder UseFrameworkScripts(this WebApplicationBuilder builder)
    {
        builder.WebHost.UseStaticWebAssets();
        return builder;
    }

    public static IEndpointRouteBuilder MapTrialOpsPages(this IEndpointRouteBuilder app)
    {
        // Blazor's script (_framework/blazor.web.js) is a static web asset of the framework; the
        // sign-in page needs it before anyone is signed in.
        app.MapStaticAssets().AllowAnonymous();
        app.MapRazorComponents<App>();
        app.MapAnalysisFiles();
        return app;
    }
}
