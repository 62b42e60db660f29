using System.Security.Cryptography;
using TrialOps.Common;
using TrialOps.Messaging;
using TrialOps.Runtime;
using Wolverine;

namespace TrialOps.Identity;

/// <summary>A new account as an administrator enters it (web form, API or CLI).</summary>
/// <param name="Password">The initial password; hashed before the command is built, never stored.</param>
public sealed record NewUser(string UserName, string DisplayName, string Role, IReadOnlyList<string> Sites, string Password)
{
    public override string ToString() => $"NewUser {{ UserName = {UserName}, Role = {Role} }}";
}

/// <summary>The outcome of a sign-in attempt. Every attempt was recorded as an event.</summary>
/// <param name="User">The signed-in account, when the attempt succeeded.</param>
/// <param name="FailureReason">Why an existing account was refused; null for a success or an unknown name.</param>
public sealed record SignInResult(UserAccount? User, LoginFailureReason? FailureReason)
{
    /// <summary>
    /// The one message for every refusal: it must not tell whether the name exists, is locked or
    /// is deactivated (an attacker would learn which accounts to attack).
    /// </summary>
    public const string FailureMessage =
        "Sign-in failed: the user name or password is not correct, or the account is locked or deactivated. " +
        "After 5 wrong passwords within 15 minutes an account is locked for 15 minutes; an administrator can unlock it sooner.";

    /// <summary>
    /// The password was right but the sign-in continues with a second factor (ADR 0011):
    /// <see cref="User"/> is the account, and no session may be given yet.
    /// </summary>
    public SecondFactorStep? PendingStep { get; init; }

    public bool Succeeded => User is not null && PendingStep is null;

    /// <summary>The name has no account (or cannot be one).</summary>
    public bool UnknownUser => User is null && FailureReason is null;
}

/// <summary>What a sign-in with the right password needs next when the account has, or must set up, a second factor.</summary>
public enum SecondFactorStep
{
    /// <summary>A code from the authenticator app or a recovery code (<c>/login/code</c>).</summary>
    Code,

    /// <summary>Setting up an authenticator first, as the installation requires for the role (<c>/login/enroll</c>).</summary>
    Enroll,
}

/// <summary>What the first-start check of <see cref="IdentityService.EnsureAdministratorAsync"/> did.</summary>
public enum AdministratorSetup
{
    /// <summary>Accounts existed (or another process created the first one): nothing was created.</summary>
    AccountsExist,

    /// <summary><c>admin</c> was created with the password from TRIALOPS_ADMIN_PASSWORD.</summary>
    CreatedWithConfiguredPassword,

    /// <summary><c>admin</c> was created with a generated password, shown once.</summary>
    CreatedWithGeneratedPassword,
}

/// <summary>A personal API token issued now (<see cref="Token"/> is shown once), or the rejection.</summary>
public sealed record IssuedToken(CommandResult Result, NewApiToken? Token);

/// <summary>
/// Accounts, sign-in, electronic-signature checks and API tokens, for the web host and the CLI.
/// Each method does what must happen before a command exists (hashing a password, drawing a
/// token, normalizing a name), sends the command through Wolverine to its handler beside its
/// decider (<see cref="CreateUserHandler"/> …) and reports the result; queries read the
/// <c>users</c> read model through <see cref="Directory"/>.
/// </summary>
public sealed class IdentityService(TrialOpsRuntime runtime)
{
    private readonly UserDirectory directory = new(runtime.DataSource, runtime.Store.CommandDataSource);

    public const string AdministratorUserName = "admin";
    public const string AdminPasswordVariable = "TRIALOPS_ADMIN_PASSWORD";

    public UserDirectory Directory => directory;

    /// <summary>Every shape problem of a new account, the password included, for forms that show all at once.</summary>
    public static IReadOnlyList<Rejection> Validate(NewUser user)
    {
        var command = ToCommand(user, "(not hashed)", Actor.System);
        return [.. CreateUser.Validate(command).Where(r => r.Field != "password"), .. new[] { UserRules.CheckPassword(user.Password, user.UserName) }.OfType<Rejection>()];
    }

    public async Task<CommandResult> CreateUserAsync(CommandContext context, NewUser user, CancellationToken ct = default)
    {
        if (UserRules.CheckPassword(user.Password, user.UserName) is { } weak)
        {
            return CommandResult.Rejected(context.CommandId, weak);
        }

        var command = ToCommand(user, PasswordHashing.Hash(user.Password), context.Actor);
        return await runtime.Bus.SendCommandAsync(context, command, ct);
    }

    public Task<CommandResult> ChangeAccessAsync(CommandContext context, string userName, string role, IEnumerable<string> sites, CancellationToken ct = default)
    {
        var command = new ChangeUserAccess(UserRules.NormalizeUserName(userName), role.Trim(), UserRules.NormalizeSites(sites), context.Actor);
        return runtime.Bus.SendCommandAsync(context, command, ct);
    }

    public Task<CommandResult> DeactivateAsync(CommandContext context, string userName, CancellationToken ct = default)
    {
        var command = new DeactivateUser(UserRules.NormalizeUserName(userName), context.Actor);
        return runtime.Bus.SendCommandAsync(context, command, ct);
    }

    public Task<CommandResult> ReactivateAsync(CommandContext context, string userName, CancellationToken ct = default)
    {
        var command = new ReactivateUser(UserRules.NormalizeUserName(userName), context.Actor);
        return runtime.Bus.SendCommandAsync(context, command, ct);
    }

    public Task<CommandResult> UnlockAsync(CommandContext context, string userName, CancellationToken ct = default)
    {
        var command = new UnlockUser(UserRules.NormalizeUserName(userName), context.Actor);
        return runtime.Bus.SendCommandAsync(context, command, ct);
    }

    /// <summary>
    /// Checks the password and records the attempt (success, failure, lock-out or unknown name).
    /// With <paramref name="recordUnknownName"/> false, an attempt with a name that has no account
    /// records nothing: the caller counts it and records a <see cref="SignInAttemptsSummarized"/>.
    /// </summary>
    /// <param name="policy">The installation's second-factor rule (<see cref="SecondFactorPolicy.Optional"/> when null).</param>
    public async Task<SignInResult> SignInAsync(string userName, string password, bool recordUnknownName = true, CancellationToken ct = default, SecondFactorPolicy? policy = null)
    {
        var name = UserRules.NormalizeUserName(userName);
        var wellFormed = UserRules.CheckUserName(name) is null;
        if (!recordUnknownName && (!wellFormed || await directory.FindAsync(name, ct) is null))
        {
            PasswordHashing.VerifyDecoy(password);
            return new SignInResult(null, null);
        }

        var command = new SignIn(wellFormed ? name : name[..Math.Min(name.Length, UserRules.MaxUserNameLength)], password ?? string.Empty, policy);
        var events = (await runtime.Bus.SendCommandAsync<SignIn, DecidedEvents>(CommandContext.New(SignIn.Anonymous), command, ct)).Events;
        if (events.OfType<LoginSucceeded>().Any() && await directory.FindAsync(command.UserName, ct) is { } user)
        {
            return new SignInResult(user, null);
        }

        if (events.OfType<SecondFactorRequested>().FirstOrDefault() is { } requested && await directory.FindAsync(command.UserName, ct) is { } pending)
        {
            return new SignInResult(pending, null) { PendingStep = requested.EnrollmentRequired ? SecondFactorStep.Enroll : SecondFactorStep.Code };
        }

        return new SignInResult(null, events.OfType<LoginFailed>().FirstOrDefault()?.Reason);
    }

    /// <summary>Records the sign-in attempts a web node counted instead of recording each (see <see cref="RecordSignInAttempts"/>).</summary>
    public async Task<CommandResult> RecordSignInAttemptsAsync(IReadOnlyList<SignInAttemptsSummarized> summaries, CancellationToken ct = default) =>
        (await runtime.Bus.SendCommandAsync<RecordSignInAttempts, DecidedEvents>(CommandContext.New(SignIn.Anonymous), new RecordSignInAttempts(summaries), ct)).Result;

    /// <summary>
    /// Verifies a password re-entered for an electronic signature (Part 11 §11.200). False for a
    /// wrong password (recorded; counts towards the lock-out) and for unknown, deactivated or
    /// locked-out accounts. Features call this before a command that needs a signature.
    /// </summary>
    public async Task<bool> VerifySignatureAsync(string userName, string password, CancellationToken ct = default)
    {
        var command = new VerifySignature(UserRules.NormalizeUserName(userName), password ?? string.Empty);
        // A right password appends nothing; a wrong one records the failure (and a lock-out).
        var outcome = await runtime.Bus.SendCommandAsync<VerifySignature, DecidedEvents>(CommandContext.New(VerifySignature.Signer(command.UserName)), command, ct);
        return outcome.Result.Accepted && !outcome.Result.Duplicate && outcome.Events.Count == 0;
    }

    /// <summary>Changes the signed-in user's (<see cref="CommandContext.Actor"/>) own password.</summary>
    public async Task<CommandResult> ChangePasswordAsync(CommandContext context, string currentPassword, string newPassword, CancellationToken ct = default)
    {
        if (UserRules.CheckPassword(newPassword, context.Actor.UserId, "newPassword") is { } weak)
        {
            return CommandResult.Rejected(context.CommandId, weak);
        }

        var command = new ChangePassword(context.Actor.UserId, currentPassword ?? string.Empty, PasswordHashing.Hash(newPassword), context.Actor);
        return await runtime.Bus.SendCommandAsync(context, command, ct);
    }

    /// <summary>Ends every session of the signed-in user (<see cref="CommandContext.Actor"/>); see <see cref="SignOut"/>.</summary>
    public Task<CommandResult> SignOutAsync(CommandContext context, CancellationToken ct = default)
    {
        var command = new SignOut(context.Actor.UserId, context.Actor);
        return runtime.Bus.SendCommandAsync(context, command, ct);
    }

    /// <summary>Issues a personal API token; the caller shows <see cref="IssuedToken.Token"/> once and forgets it.</summary>
    public async Task<IssuedToken> IssueTokenAsync(CommandContext context, string userName, CancellationToken ct = default)
    {
        var token = ApiTokens.Generate();
        var command = new IssueApiToken(UserRules.NormalizeUserName(userName), token.TokenId, ApiTokens.Sha256(token.Token), context.Actor);
        var result = await runtime.Bus.SendCommandAsync(context, command, ct);
        return new IssuedToken(result, result.Accepted && !result.Duplicate ? token : null);
    }

    public Task<CommandResult> RevokeTokenAsync(CommandContext context, string userName, string tokenId, CancellationToken ct = default)
    {
        var command = new RevokeApiToken(UserRules.NormalizeUserName(userName), tokenId.Trim(), context.Actor);
        return runtime.Bus.SendCommandAsync(context, command, ct);
    }

    /// <summary>The active account a bearer token belongs to, or null.</summary>
    public Task<UserAccount?> AuthenticateTokenAsync(string token, CancellationToken ct = default) =>
        string.IsNullOrWhiteSpace(token) ? Task.FromResult<UserAccount?>(null) : directory.FindByTokenAsync(token.Trim(), ct);

    /// <summary>
    /// First start: when no account exists, creates <c>admin</c> (Administrator) with
    /// <paramref name="configuredPassword"/> (TRIALOPS_ADMIN_PASSWORD), else with a generated
    /// password. <paramref name="announce"/> is told, truthfully, what happened: the account and
    /// how its password was set, or why no account was created and why the configured password
    /// was not applied (accounts exist already; or it is too weak, and a generated one is used).
    /// </summary>
    public async Task<AdministratorSetup> EnsureAdministratorAsync(string? configuredPassword, Action<string> announce, CancellationToken ct = default)
    {
        var configured = !string.IsNullOrEmpty(configuredPassword);
        await using (var any = runtime.DataSource.CreateCommand("SELECT count(*) FROM mt_streams WHERE id LIKE 'user-%'"))
        {
            var accounts = (long)(await any.ExecuteScalarAsync(ct))!;
            if (accounts > 0)
            {
                if (configured)
                {
                    announce(
                        $"{AdminPasswordVariable} is not applied: it only sets the password of the first administrator, " +
                        $"created when the database has no accounts, and this one has {accounts}. Sign in with an existing account " +
                        "(an administrator can create accounts; each user changes their own password after signing in).");
                }

                return AdministratorSetup.AccountsExist;
            }
        }

        var refusal = configured ? UserRules.CheckPassword(configuredPassword, AdministratorUserName) : null;
        var password = configured && refusal is null ? configuredPassword! : GeneratePassword();
        var result = await CreateUserAsync(
            CommandContext.New(Actor.System),
            new NewUser(AdministratorUserName, "Administrator", Roles.Administrator, [], password),
            ct);
        if (!result.Accepted)
        {
            announce($"Another TrialOps process created the first account at the same moment; {AdminPasswordVariable} was not applied here.");
            return AdministratorSetup.AccountsExist;
        }

        if (refusal is not null)
        {
            announce($"{AdminPasswordVariable} is not applied: {refusal.Message}");
        }

        announce(configured && refusal is null
            ? $"Created user {AdministratorUserName} (Administrator) with the password from {AdminPasswordVariable}"
            : $"Created user {AdministratorUserName} (Administrator) with password {password}");
        return configured && refusal is null ? AdministratorSetup.CreatedWithConfiguredPassword : AdministratorSetup.CreatedWithGeneratedPassword;
    }

    /// <summary>20 characters from 54 unambiguous letters and digits: some 115 bits.</summary>
    private static string GeneratePassword()
    {
        while (true)
        {
            var password = RandomNumberGenerator.GetString("abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789", 20);
            if (UserRules.CheckPassword(password, AdministratorUserName) is null)
            {
                return password;
            }
        }
    }

    private static CreateUser ToCommand(NewUser user, string passwordHash, Actor by) =>
        new(UserRules.NormalizeUserName(user.UserName), (user.DisplayName ?? string.Empty).Trim(), (user.Role ?? string.Empty).Trim(), UserRules.NormalizeSites(user.Sites), passwordHash, by);
}
