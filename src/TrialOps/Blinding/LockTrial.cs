using TrialOps.Common;
using TrialOps.Messaging;
using TrialOps.Protocols;
using Wolverine;

namespace TrialOps.Blinding;

/// <summary>
/// Lock the trial database: from now on no clinical data changes, and the trial can be unblinded
/// for analysis. A Coordinator or an Investigator, with an electronic signature (password
/// re-entry, verified by the caller; Part 11 §11.200), because the lock is what the analysis and
/// every unblinded export rely on.
/// </summary>
/// <param name="SignatureVerified">True when the caller re-verified the person's password for this action.</param>
public sealed record LockTrial(ProtocolCode Protocol, bool SignatureVerified, Actor By)
{
    public string StreamId => ProtocolStreams.For(Protocol);

    public static Decision Decide(ProtocolState state, LockTrial command, DateTimeOffset now)
    {
        if (command.By.Role is not (Roles.Coordinator or Roles.Investigator))
        {
            return Decision.Reject(RejectionCodes.NotPermitted, "Only a Coordinator or an Investigator can lock the trial database.");
        }

        if (!command.SignatureVerified)
        {
            return Decision.Reject(RejectionCodes.SignatureRequired, "Re-enter your password to sign the database lock.", "password");
        }

        if (!state.Exists)
        {
            return Decision.Reject("protocol.not-found", $"There is no protocol {command.Protocol}.");
        }

        if (state.Locked)
        {
            return Decision.Reject("trial.already-locked", $"The database of {command.Protocol} is already locked.");
        }

        return Decision.Append(command.StreamId, new TrialLocked(command.Protocol, command.By.UserId, now));
    }
}

/// <summary>Wolverine handler of <see cref="LockTrial"/>: decides on the protocol's stream.</summary>
public static class LockTrialHandler
{
    public static Task<CommandResult> Handle(LockTrial command, Envelope envelope, ProtocolDecisions decisions, CancellationToken ct) =>
        decisions.DecideAsync(CommandBus.ContextOf(envelope, command.By), command.Protocol, (state, now) => LockTrial.Decide(state, command, now), ct);
}
