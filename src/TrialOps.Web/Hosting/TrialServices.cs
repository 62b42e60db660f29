using TrialOps.AdverseEvents;
using TrialOps.Audit;
using TrialOps.Blinding;
using TrialOps.Dosing;
using TrialOps.Participants;
using TrialOps.Protocols;
using TrialOps.Randomization;
using TrialOps.Seed;

namespace TrialOps.Web.Hosting;

/// <summary>The feature reads of the web app, and the demo trial on a first start.</summary>
public static class TrialServices
{
    /// <summary>Seeds the demo trial into an empty database at start-up unless set to <c>false</c>.</summary>
    public const string SeedDemoSetting = "TrialOps:SeedDemo";

    /// <summary>How many people the demo screens (the generator's default when not set).</summary>
    public const string DemoParticipantsSetting = "TrialOps:DemoParticipants";

    public static IServiceCollection AddTrialOpsTrials(this IServiceCollection services)
    {
        // The reads of each feature, beside it in the domain (the CLI builds the same classes).
        services.AddSingleton(sp => new ProtocolViews(sp.GetRequiredService<TrialOpsRuntimeHost>().Runtime));
        services.AddSingleton(sp => new ProtocolHistory(sp.GetRequiredService<TrialOpsRuntimeHost>().Runtime.Store));
        services.AddSingleton(sp => new AllocationViews(sp.GetRequiredService<TrialOpsRuntimeHost>().Runtime));
        services.AddSingleton(sp => new ParticipantRegister(sp.GetRequiredService<TrialOpsRuntimeHost>().Runtime));
        services.AddSingleton(sp => new ParticipantSchedule(sp.GetRequiredService<TrialOpsRuntimeHost>().Runtime));
        services.AddSingleton(sp => new AdverseEventRegister(sp.GetRequiredService<TrialOpsRuntimeHost>().Runtime));
        services.AddSingleton(sp => new ParticipantTimelines(sp.GetRequiredService<TrialOpsRuntimeHost>().Runtime));
        services.AddSingleton(sp => new SessionDoseViews(sp.GetRequiredService<TrialOpsRuntimeHost>().Runtime));
        services.AddSingleton(sp => new TrialOps.Assessments.SafetyAlertList(sp.GetRequiredService<TrialOpsRuntimeHost>().Runtime));
        services.AddSingleton(sp => new TrialOps.Assessments.SafetyAlertWorklist(sp.GetRequiredService<TrialOps.Assessments.SafetyAlertList>(), sp.GetRequiredService<TrialOpsRuntimeHost>().Runtime));
        services.AddSingleton(sp => new TrialOps.Queries.MonitoringViews(sp.GetRequiredService<TrialOpsRuntimeHost>().Runtime));
        services.AddSingleton(sp => new TrialOps.SignOff.InvestigatorSignOff(sp.GetRequiredService<TrialOpsRuntimeHost>().Runtime));
        services.AddSingleton(sp => new TrialOps.Blinding.PreLockReview(sp.GetRequiredService<TrialOpsRuntimeHost>().Runtime));
        services.AddSingleton(sp => new SafetyReports(sp.GetRequiredService<TrialOpsRuntimeHost>().Runtime));
        services.AddTrialOpsWorklist();

        // Commands go through Wolverine: pages and endpoints take the runtime's bus.
        services.AddTransient(sp => sp.GetRequiredService<TrialOpsRuntimeHost>().Runtime.Bus);
        services.AddSingleton(sp => new TrialAuditTrail(sp.GetRequiredService<TrialOpsRuntimeHost>().Runtime));
        services.AddSingleton(sp => new TrialOps.Exports.TrialExporter(sp.GetRequiredService<TrialOpsRuntimeHost>().Runtime));
        services.AddHostedService<DemoSeeding>();
        return services;
    }
}

/// <summary>
/// On the first start with an empty database, generates the KET-NP-01 demo trial through the real
/// commands, before the server accepts requests (so nobody works on a half-seeded trial). Skipped
/// with <c>TrialOps:SeedDemo=false</c>; does nothing once any protocol exists.
/// </summary>
public sealed class DemoSeeding(TrialOpsRuntimeHost host, IConfiguration configuration, ILogger<DemoSeeding> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!configuration.GetValue(TrialServices.SeedDemoSetting, defaultValue: true))
        {
            return;
        }

        var participants = configuration.GetValue(TrialServices.DemoParticipantsSetting, defaultValue: 24);
        try
        {
            var report = await DemoTrial.SeedIfEmptyAsync(
                host.Runtime,
                participants,
                log: line => logger.LogInformation("{Line}", line),
                ct: cancellationToken);
            if (report is not null)
            {
                // Printed, not logged, like the first administrator password: the operator should know the data is made up.
                Console.WriteLine($"Seeded the demo trial {report.Summary}");
            }
        }
        catch (DemoException e)
        {
            // The demo is a convenience: a refused command leaves what was recorded and the app starts anyway.
            logger.LogError(e, "The demo trial could not be seeded completely: {Message}", e.Message);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
