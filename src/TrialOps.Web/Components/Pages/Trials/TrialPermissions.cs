using TrialOps.Common;
using TrialOps.Participants;

namespace TrialOps.Web.Components.Pages.Trials;

/// <summary>
/// Which roles the pages offer each form to. The deciders are the authority (they refuse anyone
/// else, and the API answers 403); these lists only keep pages from showing a form its user could
/// not submit. They reuse the deciders' own role lists where those are public.
/// </summary>
public static class TrialPermissions
{
    public static readonly IReadOnlyList<string> Screen = JourneyRules.CoordinatorOrInvestigator;

    public static readonly IReadOnlyList<string> ConfirmEligibility = [Roles.Investigator];

    public static readonly IReadOnlyList<string> Randomize = JourneyRules.CoordinatorOrInvestigator;

    /// <summary>Withdrawal, completion and consent corrections.</summary>
    public static readonly IReadOnlyList<string> Disposition = JourneyRules.CoordinatorOrInvestigator;

    /// <summary>Weights, dosing times, assessments, adverse events and their corrections.</summary>
    public static readonly IReadOnlyList<string> RecordClinicalData = JourneyRules.SiteStaff;

    public static readonly IReadOnlyList<string> PrepareDose = [Roles.Pharmacist];

    public static readonly IReadOnlyList<string> StartBeforeWashout = [Roles.Investigator];

    public static readonly IReadOnlyList<string> AssessCausality = [Roles.Investigator];

    /// <summary>Reports of a serious adverse event to the sponsor and their follow-ups.</summary>
    public static readonly IReadOnlyList<string> ReportToSponsor = JourneyRules.CoordinatorOrInvestigator;

    public static readonly IReadOnlyList<string> BreakBlind = [Roles.Investigator];

    public static readonly IReadOnlyList<string> LockTrial = [Roles.Coordinator, Roles.Investigator];

    public static readonly IReadOnlyList<string> UnblindTrial = [Roles.Statistician];

    /// <summary>Extending a stratum's randomization list and generating missing ones.</summary>
    public static readonly IReadOnlyList<string> ManageRandomization = [Roles.Coordinator];

    public static readonly IReadOnlyList<string> ImportProtocol = [Roles.Coordinator, Roles.Administrator];

    public static bool Allows(this IReadOnlyList<string> roles, string role) => roles.Contains(role, StringComparer.Ordinal);
}
