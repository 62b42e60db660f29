using TrialOps.Common;
using TrialOps.Messaging;
using TrialOps.Protocols;
using TrialOps.Runtime;
using TrialOps.Signatures;
using Wolverine;

namespace TrialOps.Blinding;

/// <summary>
/// Lock the trial database: from now on no clinical data changes, and the trial can be unblinded
/// for analysis. A Coordinator or an Investigator, signed with their password (checked by the
/// handler; Part 11 §11.200, ADR 0023) whose account reaches every site of the trial
/// (<see cref="TrialWideAccess"/>), after the pre-lock review: every category of
/// <see cref="PreLockChecklist"/> that is not empty needs a reason, because the lock is what the
/// analysis and every unblinded export rely on.
/// </summary>
/// <param name="Signature">The signer's credentials; the signer must be <paramref name="By"/>.</param>
/// <param name="Confirmations">Category → reason for locking although the category is not empty.</param>
/// <param name="Shown">
/// Category → count of the checklist the person saw; when given, a lock is refused if the checklist
/// has changed since (other than <see cref="PreLockCategories.IsTransient"/> ones).
/// </param>
public sealed record LockTrial(
    ProtocolCode Protocol,
    SignatureRequest? Signature,
    Actor By,
    IReadOnlyDictionary<string, string>? Confirmations = null,
    IReadOnlyDictionary<string, int>? Shown = null)
{
    public const string What = "the database lock";

    public string StreamId => ProtocolStreams.For(Protocol);

    public static Decision Decide(ProtocolState state, LockTrial command, DateTimeOffset now, SignatureContext signing, PreLockChecklist checklist)
    {
        if (command.By.Role is not (Roles.Coordinator or Roles.Investigator))
        {
            return Decision.Reject(RejectionCodes.NotPermitted, "Only a Coordinator or an Investigator can lock the trial database.");
        }

        var (signature, refused) = Signing.Verify(command.Signature, signing, command.By, now, What);
        if (refused is not null)
        {
            return Decision.Reject(refused);
        }

        if (!state.Exists)
        {
            return Decision.Reject("protocol.not-found", $"There is no protocol {command.Protocol}.");
        }

        if (state.Locked)
        {
            return Decision.Reject("trial.already-locked", $"The database of {command.Protocol} is already locked.");
        }

        if (TrialWideAccess.Refusal(state, signing.Account, "Locking the database") is { } notEverySite)
        {
            return Decision.Reject(notEverySite);
        }

        if (command.Shown is { } shown)
        {
            var changed = checklist.Items
                .Where(i => !PreLockCategories.IsTransient(i.Category) && shown.GetValueOrDefault(i.Category) != i.Count)
                .Select(i => $"{i.Label}: {shown.GetValueOrDefault(i.Category)} shown, {i.Count} now")
                .ToArray();
            if (changed.Length > 0)
            {
                return Decision.Reject("trial.checklist-changed", $"The pre-lock checklist changed since it was shown ({string.Join("; ", changed)}). Review it again before locking.");
            }
        }

        var reasons = command.Confirmations ?? new Dictionary<string, string>();
        var unconfirmed = checklist.NotEmpty.Where(i => string.IsNullOrWhiteSpace(reasons.GetValueOrDefault(i.Category))).ToArray();
        if (unconfirmed.Length > 0)
        {
            return Decision.Reject(
                "trial.checklist-not-confirmed",
                $"Before locking, confirm each open item of the pre-lock checklist with a reason: {string.Join("; ", unconfirmed.Select(i => $"{i.Label} ({i.Count})"))}.",
                $"confirm.{unconfirmed[0].Category}");
        }

        var recorded = checklist.Items
            .Select(i => new LockChecklistEntry(i.Category, i.Count, i.Count > 0 ? reasons[i.Category].Trim() : null))
            .ToArray();
        return Decision.Append(command.StreamId, new TrialLocked(command.Protocol, command.By.UserId, now, recorded))
            .Signed(signature!, signing, command.StreamId, SignatureMeanings.Approved, "trial lock", command.By, now);
    }
}

/// <summary>
/// Wolverine handler of <see cref="LockTrial"/>: computes the pre-lock checklist as it stands now,
/// then decides on the protocol's stream with the signer's account.
/// </summary>
public static class LockTrialHandler
{
    public static async Task<CommandResult> Handle(LockTrial command, Envelope envelope, ProtocolDecisions decisions, TrialOpsRuntime runtime, CancellationToken ct)
    {
        var checklist = command.Protocol.Value is null ? PreLockChecklist.Empty : await new PreLockReview(runtime).ComputeAsync(command.Protocol, ct);
        return await decisions.SignedAsync(
            CommandBus.ContextOf(envelope, command.By),
            command.Protocol,
            command.Signature,
            (state, signing, now) => LockTrial.Decide(state, command, now, signing, checklist),
            ct);
    }
}
