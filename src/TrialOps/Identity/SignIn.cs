using TrialOps.Messaging;
using Wolverine;

namespace TrialOps.Identity;

/// <summary>
/// Sign in with a user name and password. Every attempt is recorded (Part 11 §11.300(d)): a
/// success, a failure with its reason, a lock-out after <see cref="UserRules.MaxConsecutiveFailures"/>
/// wrong passwords within <see cref="UserRules.LockOutWindow"/>, or an attempt with a name that has
/// no account. (The web host throttles failed attempts per client before they get here, so that one
/// client cannot lock someone else's account; see ADR 0009.) The person is not
/// authenticated yet, so the command runs as <see cref="Anonymous"/>; the events name the account.
/// </summary>
/// <param name="UserName">Normalized with <see cref="UserRules.NormalizeUserName"/>.</param>
/// <param name="Password">Held in memory for the check only; never in an event, a log or <see cref="ToString"/>.</param>
/// <param name="Policy">The installation's second-factor rule; <see cref="SecondFactorPolicy.Optional"/> when null.</param>
public sealed record SignIn(string UserName, string Password, SecondFactorPolicy? Policy = null)
{
    /// <summary>The actor of sign-in attempts: nobody is authenticated before the password is checked.</summary>
    public static Actor Anonymous { get; } = new("anonymous", "Anonymous");

    public string StreamId => UserStreams.For(UserName);

    public override string ToString() => $"SignIn {{ UserName = {UserName} }}";

    public static Decision Decide(UserState state, SignIn command, DateTimeOffset now)
    {
        if (!state.Exists)
        {
            PasswordHashing.VerifyDecoy(command.Password);
            return Decision.Append(UserStreams.UnknownLoginsOn(now), new UnknownUserLoginFailed(command.UserName, now));
        }

        if (!state.Active)
        {
            PasswordHashing.VerifyDecoy(command.Password);
            return Decision.Append(command.StreamId, new LoginFailed(command.UserName, now, LoginFailureReason.Deactivated, state.ConsecutiveFailures));
        }

        if (state.IsLockedOutAt(now))
        {
            PasswordHashing.VerifyDecoy(command.Password);
            return Decision.Append(command.StreamId, new LoginFailed(command.UserName, now, LoginFailureReason.LockedOut, state.ConsecutiveFailures));
        }

        if (PasswordHashing.Verify(state.PasswordHash, command.Password))
        {
            // ADR 0011: with a second factor (or one the role must set up first) no session yet.
            var enrollmentRequired = !state.SecondFactorEnabled && (command.Policy ?? SecondFactorPolicy.Optional).IsRequiredFor(state.Role);
            if (state.SecondFactorEnabled || enrollmentRequired)
            {
                return Decision.Append(command.StreamId, new SecondFactorRequested(command.UserName, now, enrollmentRequired));
            }

            return Decision.Append(command.StreamId, new LoginSucceeded(command.UserName, now));
        }

        var failures = state.ConsecutiveFailures + 1;
        var failed = Decision.Append(command.StreamId, new LoginFailed(command.UserName, now, LoginFailureReason.WrongPassword, failures));
        return state.NextFailureLocksAt(now)
            ? failed.And(command.StreamId, new UserLockedOut(command.UserName, now, now + UserRules.LockOutDuration, failures))
            : failed;
    }
}

/// <summary>Wolverine handler of <see cref="SignIn"/>; answers with the events decided, which the sender reads.</summary>
public static class SignInHandler
{
    /// <summary>An attempt with a name that is no well-formed user name reads and appends nothing (see <see cref="IdentityService.SignInAsync"/>).</summary>
    public static Task<DecidedEvents> Handle(SignIn command, Envelope envelope, UserDecisions decisions, CancellationToken ct)
    {
        var wellFormed = UserRules.CheckUserName(command.UserName) is null;
        return decisions.DecideAndTellAsync(
            envelope,
            wellFormed ? [command.StreamId] : [],
            (streams, now) => SignIn.Decide(wellFormed ? UserState.From(streams.Data(command.StreamId)) : UserState.Initial, command, now),
            ct);
    }
}
