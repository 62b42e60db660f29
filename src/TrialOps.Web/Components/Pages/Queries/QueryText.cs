using TrialOps.Queries;
using TrialOps.Web.Components.Pages.Trials;

namespace TrialOps.Web.Components.Pages.Queries;

/// <summary>Queries and verification in the pages' words.</summary>
public static class QueryText
{
    public static string Status(QueryStatus status) => status switch
    {
        QueryStatus.Open => "open",
        QueryStatus.Answered => "answered",
        QueryStatus.Closed => "closed",
        _ => status.ToString(),
    };

    public static string StatusClass(QueryStatus status) => status switch
    {
        QueryStatus.Open => "status status-bad",
        QueryStatus.Answered => "status status-warn",
        _ => "status status-done",
    };

    public static string Step(QueryStep step) => step.Step switch
    {
        "raised" => "Raised",
        "answered" => step.CorrectionVersion is { } version ? $"Answered with a correction (record version {version})" : "Answered with an explanation",
        "reopened" => "Re-opened",
        "closed" => "Closed",
        _ => step.Step,
    };

    public static string QueryUrl(string code, string subject, int number) => $"{TrialText.ParticipantUrl(code, subject)}/queries/{number}";

    public static string RaiseUrl(string code, string subject, string item) => $"{TrialText.ParticipantUrl(code, subject)}/queries/new?item={TrialText.Url(item)}";

    public static string VerificationUrl(string code, string subject) => $"{TrialText.ParticipantUrl(code, subject)}/verification";

    /// <summary>A value's verification in words: verified (with the version), changed since, or not yet.</summary>
    public static string Verification(MonitoredValue value, TrialOps.Protocols.SiteClock clock) =>
        value.Verified ? $"verified (version {value.VerifiedVersion}) by {value.VerifiedBy}, {TrialText.Time(clock, value.VerifiedAt)}"
        : value.VerificationOutdated ? $"changed since verification (version {value.VerifiedVersion} verified, now {value.ChangedInVersion})"
        : "not verified";

    public static string VerificationClass(MonitoredValue value) =>
        value.Verified ? "status status-done" : value.VerificationOutdated ? "status status-warn" : "status status-off";
}
