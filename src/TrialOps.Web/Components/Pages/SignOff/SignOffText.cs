using TrialOps.SignOff;
using TrialOps.Web.Components.Pages.Trials;

namespace TrialOps.Web.Components.Pages.SignOff;

/// <summary>Addresses and words of the Investigator's sign-off pages (ADR 0025).</summary>
public static class SignOffText
{
    /// <summary>The roles that open the sign-off worklist: the Investigator signs; the Coordinator and the Monitor see what is left before lock.</summary>
    public static readonly IReadOnlyList<string> WorklistRoles = [Common.Roles.Investigator, Common.Roles.Coordinator, Common.Roles.Monitor];

    public static string WorklistUrl(string code) => $"/trials/{TrialText.Url(code)}/sign-off";

    public static string EligibilityUrl(string code, string subject) => $"{TrialText.ParticipantUrl(code, subject)}/sign/eligibility";

    public static string CasebookUrl(string code, string subject) => $"{TrialText.ParticipantUrl(code, subject)}/sign/casebook";

    public static string CausalityUrl(string code, string adverseEventId) => $"/trials/{TrialText.Url(code)}/adverse-events/{TrialText.Url(adverseEventId)}/sign";

    /// <summary>Where the Investigator signs the item.</summary>
    public static string SignUrl(SignOffItem item) => item.Kind switch
    {
        SignOffKind.Eligibility => EligibilityUrl(item.Protocol, item.Subject),
        SignOffKind.Casebook => CasebookUrl(item.Protocol, item.Subject),
        _ => CausalityUrl(item.Protocol, item.AdverseEventId!),
    };

    /// <summary>Where the signed record is shown.</summary>
    public static string RecordUrl(SignOffItem item) => item.Kind switch
    {
        SignOffKind.Eligibility => TrialText.ParticipantUrl(item.Protocol, item.Subject),
        SignOffKind.Casebook => $"{TrialText.ParticipantUrl(item.Protocol, item.Subject)}/casebook",
        _ => $"/trials/{TrialText.Url(item.Protocol)}/adverse-events/{TrialText.Url(item.AdverseEventId!)}",
    };

    /// <summary>The item's state; a time on the participant's site clock.</summary>
    public static string State(SignOffItem item, TrialOps.Protocols.SiteClock clock) =>
        item.Signature is { Current: false } signature
            ? $"signed by {signature.PrintedName}, not current: changed after signing ({TrialText.Time(clock, signature.ChangedAt)})"
            : "not signed";
}
