using TrialOps.Common;

namespace TrialOps.Blinding;

/// <summary>
/// Who may see treatment identity (DESIGN.md §6). Read models and exports ask this before they
/// include any allocation; the answer is per role, never per request parameter.
/// </summary>
public static class BlindingPolicy
{
    /// <summary>
    /// The pharmacist is unblinded: they prepare active and placebo in identical syringes. The
    /// statistician is blinded until the trial is unblinded after database lock. Everyone else
    /// stays blinded, also after trial unblinding: an emergency code break opens one participant
    /// to one investigator through its own event, not the role. The sponsor's medical monitor and
    /// safety officer are blinded too: the safety officer sees the treatment at onset of one SUSAR
    /// case through an event of its own (<c>SusarTreatmentRevealed</c>, ADR 0026), not the role.
    /// Unknown roles are blinded.
    /// </summary>
    public static bool IsBlinded(string role, bool trialUnblinded) => role switch
    {
        Roles.Pharmacist => false,
        Roles.Statistician => !trialUnblinded,
        _ => true,
    };

    /// <summary>
    /// Roles that can reach treatment identity through an action of their own: the pharmacist
    /// always, the statistician by trial unblinding, the investigator by an emergency code break,
    /// the safety officer for a SUSAR case (ADR 0026). The installation may require a second factor
    /// for them (ADR 0011).
    /// </summary>
    public static bool CanUnblind(string role) => role is Roles.Pharmacist or Roles.Statistician or Roles.Investigator or Roles.SafetyOfficer;
}
