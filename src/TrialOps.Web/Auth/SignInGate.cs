using TrialOps.Identity;

namespace TrialOps.Web.Auth;

/// <summary>The outcome of one sign-in request: the attempt's result, or how long a throttled client must wait.</summary>
public sealed record SignInOutcome(SignInResult? Result, TimeSpan? RetryAfter)
{
    public const string ThrottledMessage =
        "Too many failed sign-ins from this computer. Wait a few minutes, then try again; " +
        "if you have forgotten your password, ask an administrator.";

    public bool Throttled => RetryAfter is not null;

    public bool Succeeded => Result?.Succeeded == true;
}

/// <summary>
/// Sign-in through the web host (ADR 0009): throttled per client and name
/// (<see cref="SignInThrottle"/>), each attempt recorded by <see cref="IdentityService.SignInAsync"/>
/// except repeats of an unknown name and throttled attempts, which <see cref="SignInAttemptLog"/>
/// counts and records as summaries.
/// </summary>
public sealed class SignInGate(IdentityService identity, SecondFactorService secondFactor, SecondFactorPolicy policy, SignInThrottle throttle, SignInAttemptLog log)
{
    public async Task<SignInOutcome> SignInAsync(HttpContext context, string? userName, string? password)
    {
        var client = SignInThrottle.ClientOf(context);
        var name = UserRules.NormalizeUserName(userName);
        name = name[..Math.Min(name.Length, UserRules.MaxUserNameLength)];
        if (throttle.RetryAfter(client, name) is { } wait)
        {
            log.Throttled(client, name);
            return new SignInOutcome(null, wait);
        }

        var recordUnknownName = log.ShouldRecordUnknownName(client, name);
        var result = await identity.SignInAsync(userName ?? string.Empty, password ?? string.Empty, recordUnknownName, context.RequestAborted, policy);
        if (result.User is null)
        {
            throttle.RecordFailure(client, name);
        }

        if (result.UnknownUser)
        {
            if (recordUnknownName)
            {
                log.UnknownNameRecorded(client, name);
            }
            else
            {
                log.UnknownNameRepeated(client, name);
            }
        }

        return new SignInOutcome(result, null);
    }

    /// <summary>
    /// The code step of a sign-in (ADR 0011), throttled like passwords: a throttled attempt is
    /// answered 429 before the code is checked, and a refused code counts as a failure.
    /// </summary>
    public async Task<SecondFactorOutcome> VerifyCodeAsync(HttpContext context, string userName, string? code)
    {
        var client = SignInThrottle.ClientOf(context);
        if (throttle.RetryAfter(client, userName) is { } wait)
        {
            log.Throttled(client, userName);
            return new SecondFactorOutcome(null, wait);
        }

        var result = await secondFactor.VerifyAsync(userName, code, context.RequestAborted);
        if (!result.Succeeded)
        {
            throttle.RecordFailure(client, userName);
        }

        return new SecondFactorOutcome(result, null);
    }
}

/// <summary>The outcome of one code request: the attempt's result, or how long a throttled client must wait.</summary>
public sealed record SecondFactorOutcome(CodeSignInResult? Result, TimeSpan? RetryAfter)
{
    public bool Succeeded => Result?.Succeeded == true;
}
