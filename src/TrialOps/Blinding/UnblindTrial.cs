using TrialOps.Common;
using TrialOps.Messaging;
using TrialOps.Protocols;
using Wolverine;

namespace TrialOps.Blinding;

/// <summary>
/// Unblind the whole trial for analysis. Statistician only, with an electronic signature, and
/// only after database lock, so that no recorded value can change once anyone knows the
/// allocation (ICH E9: the blind is kept until the data are final).
/// </summary>
/// <param name="SignatureVerified">True when the caller re-verified the statistician's password for this action.</param>
public sealed record UnblindTrial(ProtocolCode Protocol, bool SignatureVerified, Actor By)
{
    public string StreamId => ProtocolStreams.For(Protocol);

    public static Decision Decide(ProtocolState state, UnblindTrial command, DateTimeOffset now)
    {
        if (command.By.Role != Roles.Statistician)
        {
            return Decision.Reject(RejectionCodes.NotPermitted, "Only a Statistician can unblind the trial.");
        }

        if (!command.SignatureVerified)
        {
            return Decision.Reject(RejectionCodes.SignatureRequired, "Re-enter your password to sign the trial unblinding.", "password");
        }

        if (!state.Exists)
        {
            return Decision.Reject("protocol.not-found", $"There is no protocol {command.Protocol}.");
        }

        if (state.Unblinded)
        {
            return Decision.Reject("blinding.already-unblinded", $"Trial {command.Protocol} is already unblinded.");
        }

        if (!state.Locked)
        {
            return Decision.Reject("blinding.trial-not-locked", $"Trial {command.Protocol} can be unblinded only after database lock.");
        }

        return Decision.Append(command.StreamId, new TrialUnblinded(command.Protocol, command.By.UserId, now));
    }
}

/// <summary>Wolverine handler of <see cref="UnblindTrial"/>: decides on the protocol's stream.</summary>
public static class UnblindTrialHandler
{
    public static Task<CommandResult> Handle(UnblindTrial command, Envelope envelope, ProtocolDecisions decisions, CancellationToken ct) =>
        decisions.DecideAsync(CommandBus.ContextOf(envelope, command.By), command.Protocol, (state, now) => UnblindTrial.Decide(state, command, now), ct);
}
