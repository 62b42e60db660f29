using TrialOps.Common;
using TrialOps.Messaging;
using Wolverine;

namespace TrialOps.Identity;

/// <summary>
/// Sign out: the user ends their sessions. Deleting the browser's cookie is not enough (a copied
/// cookie would stay valid for as long as it is renewed), so the account's security stamp
/// changes (<see cref="UserSignedOut"/>) and every session cookie issued before is refused from
/// the next request on, on every device: signing out on a shared ward computer also ends a
/// session forgotten on another one.
/// </summary>
public sealed record SignOut(string UserName, Actor By)
{
    public string StreamId => UserStreams.For(UserName);

    public static Decision Decide(UserState state, SignOut command, DateTimeOffset now)
    {
        if (command.By.UserId != command.UserName)
        {
            return Decision.Reject(RejectionCodes.NotPermitted, "Only the user themselves can sign out.");
        }

        if (!state.Exists)
        {
            return Decision.Reject(IdentityPermissions.NotFound(command.UserName));
        }

        return Decision.Append(command.StreamId, new UserSignedOut(command.UserName, now));
    }
}

/// <summary>Wolverine handler of <see cref="SignOut"/>.</summary>
public static class SignOutHandler
{
    public static Task<CommandResult> Handle(SignOut command, Envelope envelope, UserDecisions decisions, CancellationToken ct) =>
        decisions.DecideAsync(envelope, command.By, command.StreamId, (state, now) => SignOut.Decide(state, command, now), ct);
}
