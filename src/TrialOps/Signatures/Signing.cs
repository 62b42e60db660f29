using TrialOps.Common;
using TrialOps.Identity;
using TrialOps.Messaging;
using TrialOps.Runtime;

namespace TrialOps.Signatures;

/// <summary>The meanings a signature can carry (21 CFR 11.50(a)(3)), as stored in <see cref="RecordSigned.Meaning"/>.</summary>
public static class SignatureMeanings
{
    public const string Reviewed = "reviewed";
    public const string Approved = "approved";
    public const string Verified = "verified";
    public const string Performed = "performed";
    public const string ResponsibleFor = "responsible for";

    public static IReadOnlyList<string> All { get; } = [Reviewed, Approved, Verified, Performed, ResponsibleFor];
}

/// <summary>
/// What a person types to sign a command: their user name, their password and, where their
/// account has a second factor, the current authenticator code or an unused recovery code. It
/// travels on the command to the handler, which checks it against the account (ADR 0023); a
/// command is never stored, and the password and code never reach an event, a log or
/// <see cref="ToString"/>.
/// </summary>
/// <param name="UserName">The signer's sign-in name; for every signature except a second person's check, the acting user.</param>
/// <param name="Password">Held in memory for the check only.</param>
/// <param name="Code">The authenticator code (or a recovery code) when the signer's account has a second factor.</param>
public sealed record SignatureRequest(string UserName, string Password, string? Code = null)
{
    public string Signer => UserRules.NormalizeUserName(UserName);

    /// <summary>The signer's account stream, or null when the name cannot be an account.</summary>
    public string? AccountStream => Signer.Length > 0 && UserRules.CheckUserName(Signer) is null ? UserStreams.For(Signer) : null;

    public override string ToString() => $"SignatureRequest {{ UserName = {Signer} }}";
}

/// <summary>What a decider needs to check a signature: the signer's account and the installation's second-factor key.</summary>
/// <param name="Account">The signer's account (<see cref="UserState.Initial"/> when the name is no account).</param>
/// <param name="SignedStreamVersion">The version of the signed record's stream when it was read for the decision.</param>
public sealed record SignatureContext(UserState Account, SecondFactorSecrets Secrets, int SignedStreamVersion);

/// <summary>Rejection codes of a signature; <see cref="Signing.CountsAsFailure"/> tells which count towards the lock-out.</summary>
public static class SignatureRejections
{
    public const string NotTheSigner = "signature.not-the-signer";
    public const string WrongPassword = "signature.password-wrong";
    public const string CodeRequired = "signature.code-required";
    public const string WrongCode = "signature.code-wrong";
}

/// <summary>A signature the handler accepted: the account and what of its second factor was used up.</summary>
public sealed record VerifiedSignature(string UserId, string PrintedName, long? TimeStep, string? RecoveryCodeSha256, int RemainingRecoveryCodes);

/// <summary>
/// The one rule for every electronic signature (ADR 0023): checked inside the decider against the
/// identity store, never on a caller's word; recorded as <see cref="RecordSigned"/> on the signed
/// record's stream with the action it signs.
/// </summary>
public static class Signing
{
    /// <summary>
    /// Checks <paramref name="request"/> against the account: a signer who is the acting user
    /// (unless <paramref name="secondPerson"/>), an existing active account not locked out, the
    /// right password and, where the account has a second factor, a current code not used before
    /// or an unused recovery code. Returns the accepted signature or a rejection.
    /// </summary>
    public static (VerifiedSignature? Signature, Rejection? Rejection) Verify(SignatureRequest? request, SignatureContext context, Actor by, DateTimeOffset now, string what, bool secondPerson = false)
    {
        if (request is null || string.IsNullOrEmpty(request.Password))
        {
            return (null, new Rejection(RejectionCodes.SignatureRequired, $"Re-enter your password to sign {what}.", "password"));
        }

        if (!secondPerson && !string.Equals(request.Signer, by.UserId, StringComparison.OrdinalIgnoreCase))
        {
            return (null, new Rejection(SignatureRejections.NotTheSigner, $"You sign {what} yourself: {request.Signer} is not the signed-in user {by.UserId}.", "userName"));
        }

        var account = context.Account;
        if (!account.Exists || !account.Active || account.IsLockedOutAt(now))
        {
            return (null, new Rejection(IdentityRejections.SignatureRefused, $"{request.Signer} cannot sign now: the account is unknown, deactivated or locked after wrong passwords.", "password"));
        }

        if (!PasswordHashing.Verify(account.PasswordHash, request.Password))
        {
            return (null, new Rejection(SignatureRejections.WrongPassword, $"The password is not correct; {what} is not signed.", "password"));
        }

        var printedName = string.IsNullOrWhiteSpace(account.DisplayName) ? account.UserName! : account.DisplayName.Trim();
        if (account.SecondFactorSecret is not { } sealedSecret)
        {
            return (new VerifiedSignature(account.UserName!, printedName, null, null, 0), null);
        }

        var typed = SignInCodeMessages.Digits(request.Code);
        if (typed.Length == 0)
        {
            return (null, new Rejection(SignatureRejections.CodeRequired, $"Your account has a second factor: enter the current code of your authenticator app to sign {what}.", "code"));
        }

        if (typed.Length == Totp.Digits && typed.All(char.IsAsciiDigit))
        {
            if (context.Secrets.Unseal(sealedSecret, account.UserName!) is not { } secret)
            {
                return (null, new Rejection(SecondFactorRejections.KeyUnavailable, "The second factor cannot be checked: this installation's second-factor key does not open it. Use a recovery code or ask an administrator.", "code"));
            }

            if (Totp.MatchingStep(secret, typed, now) is { } step && !(step <= account.LastTimeStep))
            {
                return (new VerifiedSignature(account.UserName!, printedName, step, null, 0), null);
            }
        }
        else if (RecoveryCodes.Normalize(request.Code ?? string.Empty) is var recovery && RecoveryCodes.LooksLikeOne(recovery)
            && RecoveryCodes.Sha256(recovery) is var hash && account.RecoveryCodeSha256s.Contains(hash))
        {
            return (new VerifiedSignature(account.UserName!, printedName, null, hash, account.RecoveryCodeSha256s.Count - 1), null);
        }

        return (null, new Rejection(SignatureRejections.WrongCode, $"The code is not correct or was used already; {what} is not signed.", "code"));
    }

    /// <summary>
    /// The signed action: <paramref name="action"/> with the <see cref="RecordSigned"/> that binds the
    /// signature to the version of <paramref name="signedStream"/> its last event gets, and the
    /// second-factor step or recovery code used up, so it cannot sign twice.
    /// </summary>
    /// <param name="record">For a sign-off of a record already there, which one (<see cref="SignedRecords"/>); null for a signed action.</param>
    public static Decision Signed(this Decision action, VerifiedSignature signature, SignatureContext context, string signedStream, string meaning, string what, Actor by, DateTimeOffset now, string? record = null)
    {
        var signedVersion = context.SignedStreamVersion + action.Events.Count(e => e.StreamId == signedStream);
        var signed = action.And(signedStream, new RecordSigned(signedStream, signedVersion, signature.UserId, signature.PrintedName, by.Role, meaning, what, now, record));
        var account = UserStreams.For(signature.UserId);
        if (signature.TimeStep is { } step)
        {
            signed = signed.And(account, new SecondFactorVerified(signature.UserId, now, step));
        }

        if (signature.RecoveryCodeSha256 is { } code)
        {
            signed = signed.And(account, new RecoveryCodeUsed(signature.UserId, now, code, signature.RemainingRecoveryCodes));
        }

        return signed;
    }

    /// <summary>Whether a rejection is a wrong credential that counts towards the signer's lock-out (ADR 0009).</summary>
    public static bool CountsAsFailure(Rejection? rejection) =>
        rejection?.Code is SignatureRejections.WrongPassword or SignatureRejections.WrongCode;

    /// <summary>The streams a signed command reads besides the signed record: the signer's account, when the name can be one.</summary>
    public static IReadOnlyList<string> AccountStreams(SignatureRequest? request) =>
        request?.AccountStream is { } stream ? [stream] : [];

    /// <summary>The signer's account as read for the decision.</summary>
    public static SignatureContext ContextFor(SignatureRequest? request, StreamSet streams, string signedStream, SecondFactorSecrets secrets) =>
        new(request?.AccountStream is { } stream ? UserState.From(streams.Data(stream)) : UserState.Initial, secrets, streams.VersionOf(signedStream));

    /// <summary>
    /// After a rejected signed command (which writes nothing): records a wrong password or code on
    /// the signer's account in a transaction of its own, so it counts towards the lock-out like a
    /// wrong password at sign-in.
    /// </summary>
    public static async Task RecordFailureAsync(TrialOpsRuntime runtime, SignatureRequest? request, CommandResult result, CancellationToken ct)
    {
        if (request?.AccountStream is not { } account || result.Duplicate || !CountsAsFailure(result.Rejection))
        {
            return;
        }

        await runtime.Executor.ExecuteAsync(
            CommandContext.New(VerifySignature.Signer(request.Signer)),
            [account],
            (streams, now) => VerifySignature.Failure(UserState.From(streams.Data(account)), request.Signer, now),
            ct);
    }
}
