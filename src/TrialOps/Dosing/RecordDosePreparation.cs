using TrialOps.Common;
using TrialOps.Identity;
using TrialOps.Messaging;
using TrialOps.Participants;
using TrialOps.Protocols;
using TrialOps.Randomization;
using TrialOps.Runtime;
using Wolverine;

namespace TrialOps.Dosing;

/// <summary>
/// The pharmacist records that the period's kit was prepared (from the dose the unblinded pharmacy
/// view calculated for the session weight) and checked by a second pharmacist, who signs the check
/// with their own password (and second-factor code, where they have one) at the pharmacist's
/// workstation (ADR 0020). The kit number must be the one randomization assigned to this period: a
/// wrong kit is refused before it reaches the bedside.
/// </summary>
/// <param name="CheckedBy">User name of the second pharmacist who checked the preparation.</param>
/// <param name="CheckerPassword">The checker's password; held in memory for the check only, never in an event, a log or <see cref="ToString"/>.</param>
/// <param name="CheckerCode">The checker's current authenticator code, when their account has a second factor.</param>
public sealed record RecordDosePreparation(
    ProtocolCode Protocol,
    SubjectNumber Subject,
    int Period,
    KitNumber Kit,
    DateTimeOffset PreparedAt,
    string CheckedBy,
    string CheckerPassword = "",
    string? CheckerCode = null)
{
    public override string ToString() =>
        $"RecordDosePreparation {{ Protocol = {Protocol}, Subject = {Subject}, Period = {Period}, Kit = {Kit}, PreparedAt = {PreparedAt:O}, CheckedBy = {CheckedBy} }}";

    /// <summary>The checker's user name as the account is keyed.</summary>
    public string Checker => UserRules.NormalizeUserName(CheckedBy);

    /// <param name="checker">The checker's account (<see cref="UserState.Initial"/> when the name is not an account).</param>
    /// <param name="secrets">The installation's second-factor key, to check the checker's code.</param>
    public static Decision Decide(ParticipantState state, TrialContext trial, RecordDosePreparation command, Actor by, DateTimeOffset now, UserState checker, SecondFactorSecrets secrets)
    {
        if ((DosingRules.Prelude(state, trial, command.Subject, command.Period, by, [Roles.Pharmacist], "record a dose preparation")
            ?? DosingRules.CurrentPeriod(state, command.Period)
            ?? JourneyRules.ClinicalTime(trial.ClockOf(command.Subject), state, command.PreparedAt, now, "preparedAt", "preparation time")) is { } rejection)
        {
            return Decision.Reject(rejection);
        }

        var session = state.Session(command.Period);
        if (session.WeightKg is not { } weightKg)
        {
            return Decision.Reject("dosing.no-weight", $"Record the participant's weight for period {command.Period} first: the dose is calculated from it.", "period");
        }

        if (session.Preparation is not null)
        {
            return Decision.Reject("dosing.already-prepared", $"The kit of period {command.Period} is already recorded as prepared.", "kit");
        }

        if (session.WeightMeasuredAt is { } weighed && DosingRules.NotBefore(trial.ClockOf(command.Subject), command.PreparedAt, weighed, "preparedAt", "preparation", "the weighing it is calculated from") is { } order)
        {
            return Decision.Reject(order);
        }

        if (session.Started)
        {
            return Decision.Reject("dosing.already-started", $"Dosing of period {command.Period} has already started.", "period");
        }

        if (state.Kits.GetValueOrDefault(command.Period) != command.Kit)
        {
            return Decision.Reject(
                "dosing.wrong-kit",
                $"Kit {command.Kit} is not the kit assigned to participant {command.Subject} for period {command.Period}: do not use it.",
                "kit");
        }

        if (DoseCheck.Check(command, by, checker, state.Subject, now, secrets) is { } check)
        {
            return check;
        }

        var signed = Decision.Append(
            ParticipantStreams.For(trial.Code, command.Subject),
            new DosePrepared(trial.Code, command.Subject, command.Period, by.UserId, command.PreparedAt, command.Kit, command.Checker, weightKg, DoseCheck.Verified, now));
        return DoseCheck.SecondFactorUsed(command, checker, now, secrets) is { } step
            ? signed.And(UserStreams.For(command.Checker), new SecondFactorVerified(command.Checker, now, step))
            : signed;
    }
}

/// <summary>
/// The second check of a preparation as an electronic signature (21 CFR 11.50, 11.200; ADR 0020):
/// only another active Pharmacist account that may reach the participant's site can sign it, with
/// its password and, where the account has a second factor, a current authenticator code. Blinded
/// roles can never be named. A wrong password or code is recorded on the checker's account by the
/// handler (<see cref="VerifySignature.Failure"/>) and counts towards its lock-out.
/// </summary>
public static class DoseCheck
{
    /// <summary>The meaning of the checker's signature.</summary>
    public const string Verified = "verified";

    /// <summary>Rejection codes whose attempt is recorded as a failed signature of the checker.</summary>
    public const string WrongPassword = "dosing.checker-password-wrong";

    public const string WrongCode = "dosing.checker-code-wrong";

    /// <summary>A rejection when the checker cannot sign, or null when the signature holds.</summary>
    public static Decision? Check(RecordDosePreparation command, Actor by, UserState checker, SubjectNumber subject, DateTimeOffset now, SecondFactorSecrets secrets)
    {
        var name = command.Checker;
        if (name.Length == 0)
        {
            return Decision.Reject("dosing.check-required", "Name the second pharmacist who checked the preparation; they sign the check with their password.", "checkedBy");
        }

        if (string.Equals(name, by.UserId, StringComparison.OrdinalIgnoreCase))
        {
            return Decision.Reject("dosing.same-checker", "The preparation must be checked by a second pharmacist, not by the pharmacist who prepared it.", "checkedBy");
        }

        // One answer for unknown, deactivated, blinded and other-site accounts: a name is not confirmed.
        if (!checker.Exists || !checker.Active || checker.Role != Roles.Pharmacist
            || !Participants.SiteRules.MayReach(SiteGrants.AccessOf(checker.Role, checker.Sites), subject.ToString()))
        {
            return Decision.Reject(
                "dosing.checker-not-pharmacist",
                $"{name} cannot sign this check: the second check is signed by another active pharmacist of this participant's site.",
                "checkedBy");
        }

        if (checker.IsLockedOutAt(now))
        {
            return Decision.Reject("dosing.checker-cannot-sign", $"{name}'s account is locked after wrong passwords and cannot sign now.", "checkerPassword");
        }

        if (string.IsNullOrEmpty(command.CheckerPassword))
        {
            return Decision.Reject("dosing.checker-password-required", $"{name} signs the check with their password.", "checkerPassword");
        }

        if (!PasswordHashing.Verify(checker.PasswordHash, command.CheckerPassword))
        {
            return Decision.Reject(WrongPassword, $"The password of {name} is not correct; the check is not signed.", "checkerPassword");
        }

        if (checker.SecondFactorSecret is { } sealedSecret)
        {
            var typed = SignInCodeMessages.Digits(command.CheckerCode);
            if (typed.Length == 0)
            {
                return Decision.Reject("dosing.checker-code-required", $"{name} has a second factor: enter the current code of their authenticator app.", "checkerCode");
            }

            if (secrets.Unseal(sealedSecret, name) is null)
            {
                return Decision.Reject(SecondFactorRejections.KeyUnavailable, "The checker's second factor cannot be checked: this installation's second-factor key does not open it. Ask an administrator.", "checkerCode");
            }

            if (SecondFactorUsed(command, checker, now, secrets) is null)
            {
                return Decision.Reject(WrongCode, $"The code of {name} is not correct or was used already; the check is not signed.", "checkerCode");
            }
        }

        return null;
    }

    /// <summary>The time step of the checker's accepted code (recorded so it cannot be used again), or null.</summary>
    public static long? SecondFactorUsed(RecordDosePreparation command, UserState checker, DateTimeOffset now, SecondFactorSecrets secrets)
    {
        var typed = SignInCodeMessages.Digits(command.CheckerCode);
        if (checker.SecondFactorSecret is not { } sealedSecret || typed.Length != Totp.Digits || !typed.All(char.IsAsciiDigit)
            || secrets.Unseal(sealedSecret, command.Checker) is not { } secret)
        {
            return null;
        }

        return Totp.MatchingStep(secret, typed, now) is { } step && !(step <= checker.LastTimeStep) ? step : null;
    }
}

/// <summary>
/// Wolverine handler of <see cref="RecordDosePreparation"/>: loads what <see cref="RecordDosePreparation.Decide"/>
/// needs (the participant, the protocol in force, the checker's account) and records its decision.
/// A refused password or code is then recorded on the checker's account, in a transaction of its
/// own, since a rejected decision writes nothing.
/// </summary>
public static class RecordDosePreparationHandler
{
    public static async Task<CommandResult> Handle(RecordDosePreparation command, Envelope envelope, ParticipantDecisions decisions, TrialOpsRuntime runtime, CancellationToken ct)
    {
        var checker = command.Checker;
        var account = UserRules.CheckUserName(checker) is null ? UserStreams.For(checker) : null;
        var result = await decisions.DecideAsync(
            envelope,
            command.Protocol,
            command.Subject,
            (state, trial, by, now, streams) => RecordDosePreparation.Decide(
                state, trial, command, by, now, account is null ? UserState.Initial : UserState.From(streams.Data(account)), runtime.SecondFactorSecrets),
            ct,
            moreStreams: account is null ? [] : [account]);

        if (account is not null && !result.Duplicate && result.Rejection?.Code is DoseCheck.WrongPassword or DoseCheck.WrongCode)
        {
            await runtime.Executor.ExecuteAsync(
                CommandContext.New(VerifySignature.Signer(checker)),
                [account],
                (streams, now) => VerifySignature.Failure(UserState.From(streams.Data(account)), checker, now),
                ct);
        }

        return result;
    }
}
