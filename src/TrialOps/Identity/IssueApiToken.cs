using TrialOps.Messaging;
using Wolverine;

namespace TrialOps.Identity;

/// <summary>
/// Issue a personal API token for <c>Authorization: Bearer</c> calls, acting as the user. For the
/// user themselves or by an administrator. The token is generated before the command
/// (<see cref="ApiTokens.Generate"/>); the command carries only its id and SHA-256.
/// </summary>
public sealed record IssueApiToken(string UserName, string TokenId, string TokenSha256, Actor By)
{
    public string StreamId => UserStreams.For(UserName);

    public static Decision Decide(UserState state, IssueApiToken command, DateTimeOffset now)
    {
        if (IdentityPermissions.RequireSelfOrAdministrator(command.By, command.UserName, "issue API tokens") is { } notPermitted)
        {
            return Decision.Reject(notPermitted);
        }

        if (!state.Exists)
        {
            return Decision.Reject(IdentityPermissions.NotFound(command.UserName));
        }

        if (!state.Active)
        {
            return Decision.Reject(IdentityRejections.UserDeactivated, $"User {command.UserName} is deactivated.");
        }

        return Decision.Append(command.StreamId, new ApiTokenIssued(command.UserName, command.By.UserId, now, command.TokenId, command.TokenSha256));
    }
}

/// <summary>Wolverine handler of <see cref="IssueApiToken"/>.</summary>
public static class IssueApiTokenHandler
{
    public static Task<CommandResult> Handle(IssueApiToken command, Envelope envelope, UserDecisions decisions, CancellationToken ct) =>
        decisions.DecideAsync(envelope, command.By, command.StreamId, (state, now) => IssueApiToken.Decide(state, command, now), ct);
}
