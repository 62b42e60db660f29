using TrialOps.Messaging;
using TrialOps.Runtime;

namespace TrialOps.Identity;

/// <summary>What the second-factor page shows about one's own account.</summary>
/// <param name="PendingSecret">The secret of a setup not yet confirmed (to show its QR code again); null otherwise.</param>
public sealed record SecondFactorStatus(bool Enabled, byte[]? PendingSecret, int RecoveryCodesLeft);

/// <summary>A second-factor command's result, with the recovery codes it issued (shown once) or the secret it generated.</summary>
public sealed record SecondFactorChange(CommandResult Result, IReadOnlyList<string>? RecoveryCodes = null, byte[]? Secret = null);

/// <summary>The outcome of the code step of a sign-in. The attempt was recorded as an event.</summary>
/// <param name="User">The signed-in account when the code was right.</param>
/// <param name="Rejection">Why the code could not be checked at all (the second factor was reset meanwhile).</param>
public sealed record CodeSignInResult(UserAccount? User, SecondFactorFailureReason? FailureReason, Rejection? Rejection)
{
    public bool Succeeded => User is not null;
}

/// <summary>
/// TOTP second factor (ADR 0011) for the web host and the CLI: setting it up, the code step of a
/// sign-in, recovery codes, turning it off, and an administrator's reset. Each method builds one
/// command and runs its pure decision in the command executor, like <see cref="IdentityService"/>.
/// </summary>
public sealed class SecondFactorService(TrialOpsRuntime runtime)
{
    private readonly UserDirectory directory = new(runtime.DataSource);

    private SecondFactorSecrets Secrets => runtime.SecondFactorSecrets;

    public async Task<SecondFactorStatus> StatusAsync(string userName, CancellationToken ct = default)
    {
        var name = UserRules.NormalizeUserName(userName);
        var state = UserState.From((await runtime.Store.ReadStreamAsync(UserStreams.For(name), ct: ct)).Select(e => e.Data));
        var pending = !state.SecondFactorEnabled && state.PendingSecondFactorSecret is { } sealedSecret ? Secrets.Unseal(sealedSecret, name) : null;
        return new SecondFactorStatus(state.SecondFactorEnabled, pending, state.RecoveryCodeSha256s.Count);
    }

    /// <summary>Whether <paramref name="userName"/> has a second factor, for an administrator: never a secret.</summary>
    public async Task<SecondFactorStatus> OverviewAsync(string userName, CancellationToken ct = default)
    {
        var state = UserState.From((await runtime.Store.ReadStreamAsync(UserStreams.For(UserRules.NormalizeUserName(userName)), ct: ct)).Select(e => e.Data));
        return new SecondFactorStatus(state.SecondFactorEnabled, null, state.RecoveryCodeSha256s.Count);
    }

    /// <summary>Generates a new secret for the acting user (<see cref="CommandContext.Actor"/>); <see cref="SecondFactorChange.Secret"/> is shown to them as a QR code.</summary>
    public async Task<SecondFactorChange> EnrollAsync(CommandContext context, CancellationToken ct = default)
    {
        var name = context.Actor.UserId;
        var secret = Totp.GenerateSecret();
        var command = new EnrollSecondFactor(name, Secrets.Seal(secret, name), context.Actor);
        var result = await runtime.Bus.SendCommandAsync(context, command, ct);
        return new SecondFactorChange(result, Secret: result.Accepted && !result.Duplicate ? secret : null);
    }

    /// <summary>Confirms the acting user's setup with a code; <paramref name="atSignIn"/> also completes a sign-in the installation held for it.</summary>
    public async Task<SecondFactorChange> ConfirmAsync(CommandContext context, string? code, bool atSignIn, CancellationToken ct = default)
    {
        var codes = RecoveryCodes.Generate();
        var command = new ConfirmSecondFactor(context.Actor.UserId, code ?? string.Empty, codes.Select(RecoveryCodes.Sha256).ToArray(), atSignIn, context.Actor);
        var result = await runtime.Bus.SendCommandAsync(context, command, ct);
        return new SecondFactorChange(result, result.Accepted && !result.Duplicate ? codes : null);
    }

    /// <summary>The code step of a sign-in (see <see cref="VerifySecondFactor"/>); every attempt is recorded.</summary>
    public async Task<CodeSignInResult> VerifyAsync(string userName, string? code, CancellationToken ct = default)
    {
        var command = new VerifySecondFactor(UserRules.NormalizeUserName(userName), code ?? string.Empty);
        var (result, events) = await runtime.Bus.SendCommandAsync<VerifySecondFactor, DecidedEvents>(CommandContext.New(SignIn.Anonymous), command, ct);
        if (!result.Accepted)
        {
            return new CodeSignInResult(null, null, result.Rejection);
        }

        if (events.OfType<LoginSucceeded>().Any() && await directory.FindAsync(command.UserName, ct) is { } user)
        {
            return new CodeSignInResult(user, null, null);
        }

        return new CodeSignInResult(null, events.OfType<SecondFactorSignInFailed>().FirstOrDefault()?.Reason ?? SecondFactorFailureReason.WrongCode, null);
    }

    public async Task<SecondFactorChange> RegenerateRecoveryCodesAsync(CommandContext context, CancellationToken ct = default)
    {
        var codes = RecoveryCodes.Generate();
        var command = new RegenerateRecoveryCodes(context.Actor.UserId, codes.Select(RecoveryCodes.Sha256).ToArray(), context.Actor);
        var result = await runtime.Bus.SendCommandAsync(context, command, ct);
        return new SecondFactorChange(result, result.Accepted && !result.Duplicate ? codes : null);
    }

    public Task<CommandResult> DisableAsync(CommandContext context, string? currentPassword, SecondFactorPolicy policy, CancellationToken ct = default)
    {
        var command = new DisableSecondFactor(context.Actor.UserId, currentPassword ?? string.Empty, policy, context.Actor);
        return runtime.Bus.SendCommandAsync(context, command, ct);
    }

    /// <summary>An administrator removes <paramref name="userName"/>'s second factor (see <see cref="ResetSecondFactor"/>).</summary>
    public Task<CommandResult> ResetAsync(CommandContext context, string userName, CancellationToken ct = default)
    {
        var command = new ResetSecondFactor(UserRules.NormalizeUserName(userName), context.Actor);
        return runtime.Bus.SendCommandAsync(context, command, ct);
    }
}
