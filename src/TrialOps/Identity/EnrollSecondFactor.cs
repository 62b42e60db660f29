using TrialOps.Messaging;
using Wolverine;

namespace TrialOps.Identity;

/// <summary>
/// Start setting up an authenticator app for one's own account: a new secret, generated and
/// sealed (<see cref="SecondFactorSecrets"/>) before the command is built, replaces any
/// unconfirmed one. Sign-ins are not affected until <see cref="ConfirmSecondFactor"/>.
/// </summary>
/// <param name="SealedSecret">The new secret, sealed; the clear secret is only shown to the user.</param>
public sealed record EnrollSecondFactor(string UserName, string SealedSecret, Actor By)
{
    public string StreamId => UserStreams.For(UserName);

    public override string ToString() => $"EnrollSecondFactor {{ UserName = {UserName}, By = {By} }}";

    public static Decision Decide(UserState state, EnrollSecondFactor command, DateTimeOffset now)
    {
        if (SecondFactorRejections.CheckOwnActiveAccount(state, command.By, command.UserName, "set up their second factor") is { } refused)
        {
            return Decision.Reject(refused);
        }

        if (state.SecondFactorEnabled)
        {
            return Decision.Reject(SecondFactorRejections.AlreadyEnabled, "A second factor is already set up for this account.");
        }

        return Decision.Append(command.StreamId, new SecondFactorEnrolled(command.UserName, command.By.UserId, now, command.SealedSecret));
    }
}

/// <summary>Wolverine handler of <see cref="EnrollSecondFactor"/>.</summary>
public static class EnrollSecondFactorHandler
{
    public static Task<CommandResult> Handle(EnrollSecondFactor command, Envelope envelope, UserDecisions decisions, CancellationToken ct) =>
        decisions.DecideAsync(envelope, command.By, command.StreamId, (state, now) => EnrollSecondFactor.Decide(state, command, now), ct);
}
