using TrialOps.Common;
using TrialOps.Messaging;
using Wolverine;

namespace TrialOps.Identity;

/// <summary>
/// Create a user account. Administrator only; the system creates the first administrator at first
/// start (<see cref="IdentityService.EnsureAdministratorAsync"/>). The password is hashed before
/// the command is built (hashing draws a random salt), after <see cref="UserRules.CheckPassword"/>.
/// </summary>
/// <param name="UserName">Normalized with <see cref="UserRules.NormalizeUserName"/>.</param>
/// <param name="Sites">Normalized with <see cref="UserRules.NormalizeSites"/>.</param>
public sealed record CreateUser(string UserName, string DisplayName, string Role, IReadOnlyList<string> Sites, string PasswordHash, Actor By)
{
    public string StreamId => UserStreams.For(UserName);

    /// <summary>Every shape problem, so that a form can show each next to its field.</summary>
    public static IReadOnlyList<Rejection> Validate(CreateUser command) =>
        new[]
        {
            UserRules.CheckUserName(command.UserName),
            UserRules.CheckDisplayName(command.DisplayName),
            UserRules.CheckRole(command.Role),
            UserRules.CheckSites(command.Sites),
            UserRules.CheckSiteGrant(command.Role, command.Sites),
            string.IsNullOrEmpty(command.PasswordHash) ? new Rejection(IdentityRejections.WeakPassword, "Give an initial password.", "password") : null,
        }.OfType<Rejection>().ToArray();

    public static Decision Decide(UserState state, CreateUser command, DateTimeOffset now)
    {
        if (command.By != Actor.System && IdentityPermissions.RequireAdministrator(command.By, "create users") is { } notPermitted)
        {
            return Decision.Reject(notPermitted);
        }

        if (Validate(command) is [var first, ..])
        {
            return Decision.Reject(first);
        }

        if (state.Exists)
        {
            // Part 11 §11.100: a user name is never reused, also not after deactivation.
            return Decision.Reject(IdentityRejections.UserExists, $"User {command.UserName} already exists.", "userName");
        }

        return Decision.Append(
            command.StreamId,
            new UserCreated(command.UserName, command.By.UserId, now, command.DisplayName.Trim(), command.Role, command.Sites, command.PasswordHash));
    }
}

/// <summary>Wolverine handler of <see cref="CreateUser"/>.</summary>
public static class CreateUserHandler
{
    public static Task<CommandResult> Handle(CreateUser command, Envelope envelope, UserDecisions decisions, CancellationToken ct) =>
        decisions.DecideAsync(envelope, command.By, command.StreamId, (state, now) => CreateUser.Decide(state, command, now), ct);
}
