using TrialOps.Web.Components.Pages.Queries;
using TrialOps.Web.Components.Pages.Trials;
using TrialOps.Worklists;

namespace TrialOps.Web.Components.Pages.Worklists;

/// <summary>The page where a worklist item's work is done (the page and the API link the same).</summary>
public static class WorklistLinks
{
    public static string Href(WorkItem item) => item.Kind switch
    {
        WorkKind.DosingSession => TrialText.SessionUrl(item.Trial, item.Subject, item.Period ?? 1),
        WorkKind.Assessment => TrialText.SessionUrl(item.Trial, item.Subject, item.Period ?? 1) + "/assessments",
        WorkKind.SaeReport or WorkKind.SaeCausality or WorkKind.SusarReport => $"/trials/{TrialText.Url(item.Trial)}/adverse-events/{TrialText.Url(item.AdverseEventId ?? string.Empty)}",
        WorkKind.QueryToAnswer or WorkKind.QueryToReview => QueryText.QueryUrl(item.Trial, item.Subject, item.QueryNumber ?? 0),
        WorkKind.SourceVerification => QueryText.VerificationUrl(item.Trial, item.Subject),
        WorkKind.SafetyAlert => $"/trials/{TrialText.Url(item.Trial)}#safety-worklist",
        WorkKind.Preparation => $"/trials/{TrialText.Url(item.Trial)}/pharmacy/{TrialText.Url(item.Subject)}/{item.Period ?? 1}",
        WorkKind.ExpectednessReassessment => $"/trials/{TrialText.Url(item.Trial)}/adverse-events/{TrialText.Url(item.AdverseEventId ?? string.Empty)}#susar",
        WorkKind.SignOff => item.SignOff switch
        {
            TrialOps.SignOff.SignOffKind.Eligibility => SignOff.SignOffText.EligibilityUrl(item.Trial, item.Subject),
            TrialOps.SignOff.SignOffKind.Casebook => SignOff.SignOffText.CasebookUrl(item.Trial, item.Subject),
            _ => SignOff.SignOffText.CausalityUrl(item.Trial, item.AdverseEventId ?? string.Empty),
        },
        _ => $"/trials/{TrialText.Url(item.Trial)}",
    };

    /// <summary>The heading a kind of work is listed under.</summary>
    public static string Heading(WorkKind kind) => kind switch
    {
        WorkKind.DosingSession => "Dosing sessions",
        WorkKind.Assessment => "Assessments",
        WorkKind.SaeReport => "Serious adverse events to report",
        WorkKind.SaeCausality => "Serious adverse events needing causality",
        WorkKind.QueryToAnswer => "Queries to answer",
        WorkKind.QueryToReview => "Answers to review",
        WorkKind.SourceVerification => "Source data to verify",
        WorkKind.SafetyAlert => "Safety alerts to acknowledge",
        WorkKind.Preparation => "Infusions to prepare",
        WorkKind.SignOff => "Records to sign",
        WorkKind.SusarReport => "SUSAR reports due",
        WorkKind.ExpectednessReassessment => "Expectedness to re-assess (reference safety information changed)",
        _ => kind.ToString(),
    };
}
