using TrialOps.Blinding;
using TrialOps.Common;
using TrialOps.Messaging;
using TrialOps.Protocols;

namespace TrialOps.Exports;

/// <summary>
/// Who may export what (DESIGN.md §7, ADR 0003). Blinded exports: the Statistician (analysis
/// preparation, data reviews), the Monitor (source-data verification, inspections) and the
/// Coordinator (data management at the sponsor) at any time; they hold no treatment identity, so
/// any blinded role could have them, but data entry, the pharmacy and the investigators work in the
/// application, not on data sets. Unblinded exports: the Statistician only, and only once the trial
/// has been unblinded, which in turn needs the database lock (<see cref="UnblindTrial"/>). An export
/// covers every site, so only someone with all sites may have one (ADR 0010).
/// </summary>
public static class ExportPolicy
{
    public const string Refused = "export.not-permitted";
    public const string TrialNotUnblinded = "export.trial-not-unblinded";

    public static IReadOnlyList<string> BlindedExportRoles { get; } = [Roles.Statistician, Roles.Monitor, Roles.Coordinator];

    public static IReadOnlyList<string> UnblindedExportRoles { get; } = [Roles.Statistician];

    /// <summary>Null when <paramref name="actor"/> may have the export; otherwise why not.</summary>
    /// <param name="trial">The protocol stream's state as of the export's position.</param>
    public static Rejection? Check(Actor actor, bool blinded, ProtocolState trial)
    {
        if (!trial.Exists)
        {
            return new Rejection("protocol.not-found", $"There is no protocol {trial.Code?.ToString() ?? "by that code"}.");
        }

        if (!actor.Access.AllSites)
        {
            // An export is the whole trial, every site's participants (ADR 0010); it is not cut down per site.
            return new Rejection(
                RejectionCodes.SiteNotGranted,
                $"An export holds every site's participants of {trial.Code}; you are assigned to {actor.Access} only. Ask an administrator for all sites to export.");
        }

        if (blinded)
        {
            return BlindedExportRoles.Contains(actor.Role, StringComparer.Ordinal)
                ? null
                : new Rejection(Refused, $"Only a Statistician, a Monitor or a Coordinator can export trial data; you act as {actor.Role}.");
        }

        if (!UnblindedExportRoles.Contains(actor.Role, StringComparer.Ordinal))
        {
            return new Rejection(Refused, $"Only a Statistician can have an unblinded export; you act as {actor.Role}.");
        }

        // The role check above already requires a Statistician; the policy says when they see treatments.
        return BlindingPolicy.IsBlinded(actor.Role, trial.Unblinded)
            ? new Rejection(
                TrialNotUnblinded,
                $"An unblinded export of {trial.Code} needs the trial unblinded (after database lock) at the export's position; "
                + "lock the database and unblind the trial first, or export blinded.")
            : null;
    }
}
