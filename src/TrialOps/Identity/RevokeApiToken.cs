using TrialOps.Messaging;
using Wolverine;

namespace TrialOps.Identity;

/// <summary>Revoke a personal API token. For the user themselves or by an administrator.</summary>
public sealed record RevokeApiToken(string UserName, string TokenId, Actor By)
{
    public string StreamId => UserStreams.For(UserName);

    public static Decision Decide(UserState state, RevokeApiToken command, DateTimeOffset now)
    {
        if (IdentityPermissions.RequireSelfOrAdministrator(command.By, command.UserName, "revoke API tokens") is { } notPermitted)
        {
            return Decision.Reject(notPermitted);
        }

        if (!state.Exists)
        {
            return Decision.Reject(IdentityPermissions.NotFound(command.UserName));
        }

        if (!state.ActiveTokenIds.Contains(command.TokenId))
        {
            return Decision.Reject(IdentityRejections.TokenNotFound, $"User {command.UserName} has no active API token {command.TokenId}.", "tokenId");
        }

        return Decision.Append(command.StreamId, new ApiTokenRevoked(command.UserName, command.By.UserId, now, command.TokenId));
    }
}

/// <summary>Wolverine handler of <see cref="RevokeApiToken"/>.</summary>
public static class RevokeApiTokenHandler
{
    public static Task<CommandResult> Handle(RevokeApiToken command, Envelope envelope, UserDecisions decisions, CancellationToken ct) =>
        decisions.DecideAsync(envelope, command.By, command.StreamId, (state, now) => RevokeApiToken.Decide(state, command, now), ct);
}
