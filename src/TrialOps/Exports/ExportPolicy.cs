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
/// covers every site, so only someone with all of the trial's sites may have one (ADR 0010).
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

        var refused = blinded ? CheckBlindedRole(actor) : CheckUnblinded(actor, trial);
        return refused ?? CheckSites(actor, trial);
    }

    private static Rejection? CheckBlindedRole(Actor actor) =>
        BlindedExportRoles.Contains(actor.Role, StringComparer.Ordinal)
            ? null
            : new Rejection(Refused, $"Only a Statistician, a Monitor or a Coordinator can export trial data; you act as {actor.Role}.");

    private static Rejection? CheckUnblinded(Actor actor, ProtocolState trial)
    {
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

    /// <summary>
    /// An export is the whole trial, every site's participants (ADR 0010); it is not cut down per
    /// site. So it is for someone with all sites, or with every site of the protocol in force at
    /// the export's position.
    /// </summary>
    private static Rejection? CheckSites(Actor actor, ProtocolState trial)
    {
        if (actor.Access.AllSites
            || (Participants.ParticipantDecisions.TrialFrom(trial) is { } context && context.Protocol.Sites.All(site => actor.Access.Allows(site.Code))))
        {
            return null;
        }

        return new Rejection(
            RejectionCodes.SiteNotGranted,
            $"An export holds every site's participants of {trial.Code}; you are assigned to {actor.Access} only. Ask an administrator for all sites to export.");
    }
}
