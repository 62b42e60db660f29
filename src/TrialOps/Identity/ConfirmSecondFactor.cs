using TrialOps.Messaging;
using Wolverine;

namespace TrialOps.Identity;

/// <summary>
/// Finish setting up an authenticator: a code of the new secret proves the app has it. The
/// recovery codes are generated before the command (only their hashes are in it) and shown once.
/// </summary>
/// <param name="Code">As typed; held in memory for the check only.</param>
/// <param name="RecoveryCodeSha256s">Hashes of the new recovery codes (<see cref="RecoveryCodes.Sha256"/>).</param>
/// <param name="AtSignIn">
/// The setup the installation required at sign-in (the password was checked just before): a
/// right code also completes the sign-in (<see cref="LoginSucceeded"/>).
/// </param>
public sealed record ConfirmSecondFactor(string UserName, string Code, IReadOnlyList<string> RecoveryCodeSha256s, bool AtSignIn, Actor By)
{
    public string StreamId => UserStreams.For(UserName);

    public override string ToString() => $"ConfirmSecondFactor {{ UserName = {UserName}, AtSignIn = {AtSignIn}, By = {By} }}";

    public static Decision Decide(UserState state, ConfirmSecondFactor command, DateTimeOffset now, SecondFactorSecrets secrets)
    {
        if (SecondFactorRejections.CheckOwnActiveAccount(state, command.By, command.UserName, "set up their second factor") is { } refused)
        {
            return Decision.Reject(refused);
        }

        if (command.AtSignIn && state.IsLockedOutAt(now))
        {
            return Decision.Reject(SecondFactorRejections.WrongCode, SignInCodeMessages.LockedOrRefused, "code");
        }

        if (state.SecondFactorEnabled)
        {
            return Decision.Reject(SecondFactorRejections.AlreadyEnabled, "A second factor is already set up for this account.");
        }

        if (state.PendingSecondFactorSecret is not { } sealedSecret)
        {
            return Decision.Reject(SecondFactorRejections.NotEnrolled, "Start the setup first: no authenticator secret is waiting for confirmation.");
        }

        if (secrets.Unseal(sealedSecret, command.UserName) is not { } secret)
        {
            return Decision.Reject(SecondFactorRejections.KeyUnavailable, "The secret cannot be opened with this installation's second-factor key; start the setup again.");
        }

        if (Totp.MatchingStep(secret, SignInCodeMessages.Digits(command.Code), now) is not { } step)
        {
            return Decision.Reject(SecondFactorRejections.WrongCode, "That is not the current code of the authenticator app. Check the phone's clock and enter the 6 digits shown now.", "code");
        }

        var confirmed = Decision.Append(command.StreamId, new SecondFactorConfirmed(command.UserName, command.By.UserId, now, step, command.RecoveryCodeSha256s));
        return command.AtSignIn ? confirmed.And(command.StreamId, new LoginSucceeded(command.UserName, now)) : confirmed;
    }
}

/// <summary>Texts and input clean-up shared by the code steps.</summary>
public static class SignInCodeMessages
{
    /// <summary>The one message for a refused code: it does not say whether the account is locked meanwhile.</summary>
    public const string LockedOrRefused =
        "The code is not correct, was used already, or the account is locked. Enter the current 6-digit code of your authenticator app, or an unused recovery code.";

    /// <summary>A code as typed without spaces (apps show "123 456").</summary>
    public static string Digits(string? code) => new((code ?? string.Empty).Where(c => !char.IsWhiteSpace(c)).ToArray());
}

/// <summary>Wolverine handler of <see cref="ConfirmSecondFactor"/>; the code is checked under the installation's second-factor key.</summary>
public static class ConfirmSecondFactorHandler
{
    public static Task<CommandResult> Handle(ConfirmSecondFactor command, Envelope envelope, UserDecisions decisions, CancellationToken ct) =>
        decisions.DecideAsync(envelope, command.By, command.StreamId, (state, now) => ConfirmSecondFactor.Decide(state, command, now, decisions.SecondFactorSecrets), ct);
}
