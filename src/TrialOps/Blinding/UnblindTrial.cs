using TrialOps.Common;
using TrialOps.Messaging;
using TrialOps.Protocols;
using TrialOps.Signatures;
using Wolverine;

namespace TrialOps.Blinding;

/// <summary>
/// Unblind the whole trial for analysis. Statistician only, with an electronic signature, and
/// only after database lock, so that no recorded value can change once anyone knows the
/// allocation (ICH E9: the blind is kept until the data are final).
/// </summary>
/// <param name="Signature">The statistician's credentials, checked by the handler (ADR 0023); the signer must be <paramref name="By"/>.</param>
public sealed record UnblindTrial(ProtocolCode Protocol, SignatureRequest? Signature, Actor By)
{
    public const string What = "the trial unblinding";

    public string StreamId => ProtocolStreams.For(Protocol);

    public static Decision Decide(ProtocolState state, UnblindTrial command, DateTimeOffset now, SignatureContext signing)
    {
        if (command.By.Role != Roles.Statistician)
        {
            return Decision.Reject(RejectionCodes.NotPermitted, "Only a Statistician can unblind the trial.");
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

        if (state.Unblinded)
        {
            return Decision.Reject("blinding.already-unblinded", $"Trial {command.Protocol} is already unblinded.");
        }

        if (!state.Locked)
        {
            return Decision.Reject("blinding.trial-not-locked", $"Trial {command.Protocol} can be unblinded only after database lock.");
        }

        return Decision.Append(command.StreamId, new TrialUnblinded(command.Protocol, command.By.UserId, now))
            .Signed(signature!, signing, command.StreamId, SignatureMeanings.ResponsibleFor, "trial unblinding", command.By, now);
    }
}

/// <summary>Wolverine handler of <see cref="UnblindTrial"/>: decides on the protocol's stream.</summary>
public static class UnblindTrialHandler
{
    public static Task<CommandResult> Handle(UnblindTrial command, Envelope envelope, ProtocolDecisions decisions, CancellationToken ct) =>
        decisions.SignedAsync(CommandBus.ContextOf(envelope, command.By), command.Protocol, command.Signature, (state, signing, now) => UnblindTrial.Decide(state, command, now, signing), ct);
}
