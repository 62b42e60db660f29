using TrialOps.Messaging;
using Wolverine;

namespace TrialOps.Identity;

/// <summary>
/// Turn one's own second factor off, re-entering the password. Refused while the installation
/// requires a second factor for the account's role (<see cref="SecondFactorPolicy"/>).
/// </summary>
/// <param name="CurrentPassword">Held in memory for the check only; never in an event, a log or <see cref="ToString"/>.</param>
public sealed record DisableSecondFactor(string UserName, string CurrentPassword, SecondFactorPolicy Policy, Actor By)
{
    public string StreamId => UserStreams.For(UserName);

    public override string ToString() => $"DisableSecondFactor {{ UserName = {UserName}, By = {By} }}";

    public static Decision Decide(UserState state, DisableSecondFactor command, DateTimeOffset now)
    {
        if (SecondFactorRejections.CheckOwnActiveAccount(state, command.By, command.UserName, "turn off their second factor") is { } refused)
        {
            return Decision.Reject(refused);
        }

        if (!state.SecondFactorEnabled && state.PendingSecondFactorSecret is null)
        {
            return Decision.Reject(SecondFactorRejections.NotEnabled, "This account has no second factor.");
        }

        if (command.Policy.IsRequiredFor(state.Role))
        {
            return Decision.Reject(SecondFactorRejections.Required, $"A second factor is required for the {state.Role} role in this installation; it cannot be turned off.");
        }

        if (!PasswordHashing.Verify(state.PasswordHash, command.CurrentPassword))
        {
            return Decision.Reject(IdentityRejections.WrongPassword, "The password is not correct.", "currentPassword");
        }

        return Decision.Append(command.StreamId, new SecondFactorDisabled(command.UserName, command.By.UserId, now));
    }
}

/// <summary>Wolverine handler of <see cref="DisableSecondFactor"/>.</summary>
public static class DisableSecondFactorHandler
{
    public static Task<CommandResult> Handle(DisableSecondFactor command, Envelope envelope, UserDecisions decisions, CancellationToken ct) =>
        decisions.DecideAsync(envelope, command.By, command.StreamId, (state, now) => DisableSecondFactor.Decide(state, command, now), ct);
}
