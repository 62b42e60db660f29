using TrialOps.Common;
using TrialOps.Messaging;
using Wolverine;

namespace TrialOps.Identity;

/// <summary>
/// Change one's own password, re-entering the current one. The new password is checked with
/// <see cref="UserRules.CheckPassword"/> and hashed before the command is built.
/// </summary>
/// <param name="CurrentPassword">Held in memory for the check only; never in an event, a log or <see cref="ToString"/>.</param>
public sealed record ChangePassword(string UserName, string CurrentPassword, string NewPasswordHash, Actor By)
{
    public string StreamId => UserStreams.For(UserName);

    public override string ToString() => $"ChangePassword {{ UserName = {UserName}, By = {By} }}";

    public static Decision Decide(UserState state, ChangePassword command, DateTimeOffset now)
    {
        if (command.By.UserId != command.UserName)
        {
            return Decision.Reject(RejectionCodes.NotPermitted, "Only the user themselves can change their password.");
        }

        if (!state.Exists)
        {
            return Decision.Reject(IdentityPermissions.NotFound(command.UserName));
        }

        if (!state.Active)
        {
            return Decision.Reject(IdentityRejections.UserDeactivated, "This account is deactivated.");
        }

        if (!PasswordHashing.Verify(state.PasswordHash, command.CurrentPassword))
        {
            return Decision.Reject(IdentityRejections.WrongPassword, "The current password is not correct.", "currentPassword");
        }

        return Decision.Append(command.StreamId, new PasswordChanged(command.UserName, command.By.UserId, now, command.NewPasswordHash));
    }
}

/// <summary>Wolverine handler of <see cref="ChangePassword"/>.</summary>
public static class ChangePasswordHandler
{
    public static Task<CommandResult> Handle(ChangePassword command, Envelope envelope, UserDecisions decisions, CancellationToken ct) =>
        decisions.DecideAsync(envelope, command.By, command.StreamId, (state, now) => ChangePassword.Decide(state, command, now), ct);
}
