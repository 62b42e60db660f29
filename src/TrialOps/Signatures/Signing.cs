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
    public const string SamePerson = "signature.same-person";
}

/// <summary>A signature the handler accepted: the account and what of its second factor was used up.</summary>
public sealed record VerifiedSignature(string UserId, string PrintedName, long? TimeStep, string? RecoveryCodeSha256, int RemainingRecoveryCodes);

/// <summary>
/// A second person's signature of a check (the pharmacy double check, ADR 0020): the signer is not
/// the acting user but another active account of <paramref name="Role"/> that may reach
/// <paramref name="Subject"/>'s site. Blinded roles never qualify because the role is named
/// exactly (the Pharmacist role is unblinded; ADR 0002).
/// </summary>
public sealed record SecondPerson(string Role, string Subject);

/// <summary>Why a signature was refused, before it is put into words by a <see cref="SignatureWording"/>.</summary>
public enum SignatureFailure
{
    /// <summary>Nothing to sign with: no signer named (a second person) or no password typed (one's own signature).</summary>
    SignerMissing,

    /// <summary>One's own signature by a name other than the acting user's.</summary>
    NotTheSigner,

    /// <summary>A second person's check named the acting user.</summary>
    SameAsActor,

    /// <summary>A second person's check named an account that is unknown, deactivated, of another role or of another site (one answer: a name is not confirmed).</summary>
    NotEligible,

    /// <summary>The account is unknown, deactivated (one's own signature) or locked out.</summary>
    CannotSign,

    PasswordRequired,
    WrongPassword,
    CodeRequired,
    KeyUnavailable,
    WrongCode,
}

/// <summary>
/// How a kind of signature's refusals read where it is asked for (code, message, form field). The
/// rule is one (<see cref="Signing.Verify(SignatureRequest?, SignatureContext, Actor, DateTimeOffset, string, SecondPerson?, SignatureWording?)"/>);
/// the pharmacy double check keeps the codes and fields its page and API already answer with.
/// </summary>
public class SignatureWording
{
    /// <summary>The words of every signature of one's own (ADR 0023).</summary>
    public static SignatureWording Standard { get; } = new();

    public virtual Rejection For(SignatureFailure failure, string signer, string what, Actor by) => failure switch
    {
        SignatureFailure.SignerMissing or SignatureFailure.PasswordRequired => new(RejectionCodes.SignatureRequired, $"Re-enter your password to sign {what}.", "password"),
        SignatureFailure.NotTheSigner => new(SignatureRejections.NotTheSigner, $"You sign {what} yourself: {signer} is not the signed-in user {by.UserId}.", "userName"),
        SignatureFailure.SameAsActor => new(SignatureRejections.SamePerson, $"A second person signs {what}, not the signed-in user {by.UserId}.", "userName"),
        SignatureFailure.NotEligible or SignatureFailure.CannotSign => new(IdentityRejections.SignatureRefused, $"{signer} cannot sign now: the account is unknown, deactivated or locked after wrong passwords.", "password"),
        SignatureFailure.WrongPassword => new(SignatureRejections.WrongPassword, $"The password is not correct; {what} is not signed.", "password"),
        SignatureFailure.CodeRequired => new(SignatureRejections.CodeRequired, $"Your account has a second factor: enter the current code of your authenticator app to sign {what}.", "code"),
        SignatureFailure.KeyUnavailable => new(SecondFactorRejections.KeyUnavailable, "The second factor cannot be checked: this installation's second-factor key does not open it. Use a recovery code or ask an administrator.", "code"),
        _ => new(SignatureRejections.WrongCode, $"The code is not correct or was used already; {what} is not signed.", "code"),
    };

    /// <summary>Whether a rejection in these words is a wrong credential that counts towards the signer's lock-out (ADR 0009).</summary>
    public bool CountsAsFailure(Rejection? rejection) =>
        rejection?.Code is { } code
        && (code == For(SignatureFailure.WrongPassword, string.Empty, string.Empty, Actor.System).Code
            || code == For(SignatureFailure.WrongCode, string.Empty, string.Empty, Actor.System).Code);
}

/// <summary>
/// The one rule for every electronic signature (ADR 0023), a second person's check included
/// (ADR 0020): checked inside the decider against the identity store, never on a caller's word;
/// recorded as <see cref="RecordSigned"/> on the signed record's stream with the action it signs
/// (the pharmacy check keeps its own record, <c>DosePrepared</c>).
/// </summary>
public static class Signing
{
    /// <summary>
    /// Checks <paramref name="request"/> against the account: a signer who is the acting user (or,
    /// for <paramref name="secondPerson"/>, another active account of its role at the participant's
    /// site), an existing active account not locked out, the right password and, where the account
    /// has a second factor, a current code not used before or an unused recovery code. Returns the
    /// accepted signature or a rejection in <paramref name="wording"/> (standard by default).
    /// </summary>
    public static (VerifiedSignature? Signature, Rejection? Rejection) Verify(
        SignatureRequest? request, SignatureContext context, Actor by, DateTimeOffset now, string what, SecondPerson? secondPerson = null, SignatureWording? wording = null)
    {
        var (signature, failure) = Check(request, context, by, now, secondPerson);
        return failure is { } refused
            ? (null, (wording ?? SignatureWording.Standard).For(refused, request?.Signer ?? string.Empty, what, by))
            : (signature, null);
    }

    private static (VerifiedSignature? Signature, SignatureFailure? Failure) Check(SignatureRequest? request, SignatureContext context, Actor by, DateTimeOffset now, SecondPerson? secondPerson)
    {
        var account = context.Account;
        if (secondPerson is null)
        {
            // One's own signature: the person at the keyboard is asked for the password first.
            if (request is null || string.IsNullOrEmpty(request.Password))
            {
                return (null, SignatureFailure.SignerMissing);
            }

            if (!string.Equals(request.Signer, by.UserId, StringComparison.OrdinalIgnoreCase))
            {
                return (null, SignatureFailure.NotTheSigner);
            }

            if (!account.Exists || !account.Active || account.IsLockedOutAt(now))
            {
                return (null, SignatureFailure.CannotSign);
            }
        }
        else
        {
            // A second person: naming the right person comes first, then their credentials.
            if (request is null || request.Signer.Length == 0)
            {
                return (null, SignatureFailure.SignerMissing);
            }

            if (string.Equals(request.Signer, by.UserId, StringComparison.OrdinalIgnoreCase))
            {
                return (null, SignatureFailure.SameAsActor);
            }

            if (!account.Exists || !account.Active || account.Role != secondPerson.Role
                || !Participants.SiteRules.MayReach(SiteGrants.AccessOf(account.Role, account.Sites), secondPerson.Subject))
            {
                return (null, SignatureFailure.NotEligible);
            }

            if (account.IsLockedOutAt(now))
            {
                return (null, SignatureFailure.CannotSign);
            }

            if (string.IsNullOrEmpty(request.Password))
            {
                return (null, SignatureFailure.PasswordRequired);
            }
        }

        if (!PasswordHashing.Verify(account.PasswordHash, request.Password))
        {
            return (null, SignatureFailure.WrongPassword);
        }

        var printedName = string.IsNullOrWhiteSpace(account.DisplayName) ? account.UserName! : account.DisplayName.Trim();
        if (account.SecondFactorSecret is not { } sealedSecret)
        {
            return (new VerifiedSignature(account.UserName!, printedName, null, null, 0), null);
        }

        var typed = SignInCodeMessages.Digits(request.Code);
        if (typed.Length == 0)
        {
            return (null, SignatureFailure.CodeRequired);
        }

        if (typed.Length == Totp.Digits && typed.All(char.IsAsciiDigit))
        {
            if (context.Secrets.Unseal(sealedSecret, account.UserName!) is not { } secret)
            {
                return (null, SignatureFailure.KeyUnavailable);
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

        return (null, SignatureFailure.WrongCode);
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
        return action
            .And(signedStream, new RecordSigned(signedStream, signedVersion, signature.UserId, signature.PrintedName, by.Role, meaning, what, now, record))
            .UsingUp(signature, now);
    }

    /// <summary>Records the second-factor step or recovery code <paramref name="signature"/> used on the signer's account, so it cannot sign twice.</summary>
    public static Decision UsingUp(this Decision action, VerifiedSignature signature, DateTimeOffset now)
    {
        var account = UserStreams.For(signature.UserId);
        var used = action;
        if (signature.TimeStep is { } step)
        {
            used = used.And(account, new SecondFactorVerified(signature.UserId, now, step));
        }

        if (signature.RecoveryCodeSha256 is { } code)
        {
            used = used.And(account, new RecoveryCodeUsed(signature.UserId, now, code, signature.RemainingRecoveryCodes));
        }

        return used;
    }

    /// <summary>Whether a rejection is a wrong credential that counts towards the signer's lock-out (ADR 0009).</summary>
    public static bool CountsAsFailure(Rejection? rejection) => SignatureWording.Standard.CountsAsFailure(rejection);

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
    public static async Task RecordFailureAsync(TrialOpsRuntime runtime, SignatureRequest? request, CommandResult result, CancellationToken ct, SignatureWording? wording = null)
    {
        if (request?.AccountStream is not { } account || result.Duplicate || !(wording ?? SignatureWording.Standard).CountsAsFailure(result.Rejection))
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
