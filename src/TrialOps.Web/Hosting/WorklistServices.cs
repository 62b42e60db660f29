using TrialOps.AdverseEvents;
using TrialOps.Assessments;
using TrialOps.Participants;
using TrialOps.Protocols;
using TrialOps.Queries;
using TrialOps.Worklists;

namespace TrialOps.Web.Hosting;

/// <summary>Home's worklist and its sources, and the charts' read (ADR 0027): a new kind of work is one more line here.</summary>
public static class WorklistServices
{
    public static IServiceCollection AddTrialOpsWorklist(this IServiceCollection services)
    {
        services.AddSingleton<IWorklistSource>(sp => new DueSessionsSource(sp.GetRequiredService<ParticipantSchedule>(), sp.GetRequiredService<ProtocolHistory>()));
        services.AddSingleton<IWorklistSource>(sp => new SaeReportsSource(sp.GetRequiredService<AdverseEventRegister>()));
        services.AddSingleton<IWorklistSource>(sp => new SaeCausalitySource(sp.GetRequiredService<AdverseEventRegister>()));
        services.AddSingleton<IWorklistSource>(sp => new QueriesToAnswerSource(sp.GetRequiredService<MonitoringViews>()));
        services.AddSingleton<IWorklistSource>(sp => new QueriesToReviewSource(sp.GetRequiredService<MonitoringViews>()));
        services.AddSingleton<IWorklistSource>(sp => new SourceVerificationSource(sp.GetRequiredService<MonitoringViews>()));
        services.AddSingleton<IWorklistSource>(sp => new SafetyAlertsSource(sp.GetRequiredService<SafetyAlertWorklist>()));
        services.AddSingleton<IWorklistSource>(sp => new SignOffSource(sp.GetRequiredService<TrialOps.SignOff.InvestigatorSignOff>()));
        services.AddSingleton<IWorklistSource>(sp => new SusarClocksSource(sp.GetRequiredService<TrialOps.AdverseEvents.SafetyReports>()));
        services.AddSingleton<IWorklistSource>(sp => new ExpectednessReassessmentsSource(sp.GetRequiredService<TrialOps.AdverseEvents.SafetyReports>()));
        services.AddSingleton<IWorklistSource>(sp => new PreparationsSource(sp.GetRequiredService<ParticipantSchedule>(), sp.GetRequiredService<ParticipantRegister>(), sp.GetRequiredService<ProtocolHistory>()));

        services.AddSingleton(sp => new Worklist(
            sp.GetRequiredService<ProtocolViews>(),
            sp.GetServices<IWorklistSource>(),
            sp.GetRequiredService<TrialOpsRuntimeHost>().Runtime.Clock));
        services.AddSingleton(sp => new TrialOps.Analysis.PrimaryScaleOverTime(
            sp.GetRequiredService<TrialOpsRuntimeHost>().Runtime,
            sp.GetRequiredService<TrialOps.Randomization.AllocationViews>(),
            sp.GetRequiredService<ProtocolViews>()));
        return services;
    }
}
