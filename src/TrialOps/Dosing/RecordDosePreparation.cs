using TrialOps.Common;
using TrialOps.Identity;
using TrialOps.Messaging;
using TrialOps.Participants;
using TrialOps.Protocols;
using TrialOps.Randomization;
using TrialOps.Runtime;
using TrialOps.Signatures;
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

    /// <summary>The checker's signature as the one signature rule reads it.</summary>
    public SignatureRequest CheckerSignature() => new(CheckedBy, CheckerPassword, CheckerCode);

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

        if (DoseCheck.WrongKit(state, command.Subject, command.Period, command.Kit) is { } wrongKit)
        {
            return Decision.Reject(wrongKit);
        }

        var (signature, refused) = DoseCheck.Verify(command.CheckerSignature(), checker, secrets, state, by, now);
        if (refused is not null)
        {
            return Decision.Reject(refused);
        }

        // No RecordSigned here: DosePrepared itself is the signed record of the check (checker, meaning,
        // time; ADR 0020), and it sits on the participant's stream that blinded roles read (ADR 0023).
        return Decision
            .Append(
                ParticipantStreams.For(trial.Code, command.Subject),
                new DosePrepared(trial.Code, command.Subject, command.Period, by.UserId, command.PreparedAt, command.Kit, command.Checker, weightKg, DoseCheck.Verified, now))
            .UsingUp(signature!, now);
    }
}

/// <summary>
/// The second check of a preparation is an electronic signature (21 CFR 11.50, 11.200; ADR 0020)
/// checked by the one signature rule, <see cref="Signing.Verify(SignatureRequest?, SignatureContext, Actor, DateTimeOffset, string, SecondPerson?, SignatureWording?)"/>,
/// as a second person's: only another active Pharmacist account that may reach the participant's
/// site can sign it, with its password and, where the account has a second factor, a current
/// authenticator code or an unused recovery code. Blinded roles can never be named. A wrong
/// password or code is recorded on the checker's account by the handler and counts towards its
/// lock-out. Here are only its words: the codes and fields the preparation page and API answer with.
/// </summary>
public static class DoseCheck
{
    /// <summary>The meaning of the checker's signature.</summary>
    public const string Verified = SignatureMeanings.Verified;

    /// <summary>What the checker signs, in the signature rule's messages.</summary>
    public const string What = "the check";

    /// <summary>Rejection codes whose attempt is recorded as a failed signature of the checker.</summary>
    public const string WrongPassword = "dosing.checker-password-wrong";

    public const string WrongCode = "dosing.checker-code-wrong";

    /// <summary>The refusals of the check, in the words the pharmacy has always used.</summary>
    public static SignatureWording Wording { get; } = new CheckWording();

    /// <summary>A refusal when <paramref name="kit"/> is not the kit assigned to the participant for the period.</summary>
    public static Rejection? WrongKit(ParticipantState state, SubjectNumber subject, int period, KitNumber kit) =>
        state.Kits.GetValueOrDefault(period) != kit
            ? new Rejection("dosing.wrong-kit", $"Kit {kit} is not the kit assigned to participant {subject} for period {period}: do not use it.", "kit")
            : null;

    /// <summary>
    /// The checker's signature, verified by the one signature rule as a second person's (another
    /// Pharmacist of the participant's site). The signed-stream version is for RecordSigned, which
    /// the check does not write: the preparation event itself is the signed record of the check.
    /// </summary>
    public static (VerifiedSignature? Signature, Rejection? Rejection) Verify(SignatureRequest request, UserState checker, SecondFactorSecrets secrets, ParticipantState state, Actor by, DateTimeOffset now) =>
        Signing.Verify(request, new SignatureContext(checker, secrets, SignedStreamVersion: 0), by, now, What, new SecondPerson(Roles.Pharmacist, state.Subject.ToString()), Wording);

    /// <summary>
    /// The handler of a command signed by a second pharmacist: loads the participant, the protocol in
    /// force and the checker's account, records the decision, then records a refused password or
    /// code on the checker's account, in a transaction of its own, since a rejected decision writes nothing.
    /// </summary>
    public static async Task<CommandResult> DecideCheckedAsync(
        Envelope envelope,
        ParticipantDecisions decisions,
        TrialOpsRuntime runtime,
        ProtocolCode protocol,
        SubjectNumber subject,
        SignatureRequest signature,
        string? reason,
        Func<ParticipantState, TrialContext, Actor, DateTimeOffset, UserState, SecondFactorSecrets, Decision> decide,
        CancellationToken ct)
    {
        var result = await decisions.DecideAsync(
            envelope,
            protocol,
            subject,
            (state, trial, by, now, streams) => decide(
                state, trial, by, now, signature.AccountStream is { } account ? UserState.From(streams.Data(account)) : UserState.Initial, runtime.SecondFactorSecrets),
            ct,
            reason,
            [.. Signing.AccountStreams(signature)]);
        await Signing.RecordFailureAsync(runtime, signature, result, ct, Wording);
        return result;
    }

    private sealed class CheckWording : SignatureWording
    {
        public override Rejection For(SignatureFailure failure, string signer, string what, Actor by) => failure switch
        {
            SignatureFailure.SignerMissing => new("dosing.check-required", "Name the second pharmacist who checked the preparation; they sign the check with their password.", "checkedBy"),
            SignatureFailure.SameAsActor or SignatureFailure.NotTheSigner => new("dosing.same-checker", "The preparation must be checked by a second pharmacist, not by the pharmacist who prepared it.", "checkedBy"),
            // One answer for unknown, deactivated, blinded and other-site accounts: a name is not confirmed.
            SignatureFailure.NotEligible => new("dosing.checker-not-pharmacist", $"{signer} cannot sign this check: the second check is signed by another active pharmacist of this participant's site.", "checkedBy"),
            SignatureFailure.CannotSign => new("dosing.checker-cannot-sign", $"{signer}'s account is locked after wrong passwords and cannot sign now.", "checkerPassword"),
            SignatureFailure.PasswordRequired => new("dosing.checker-password-required", $"{signer} signs the check with their password.", "checkerPassword"),
            SignatureFailure.WrongPassword => new(WrongPassword, $"The password of {signer} is not correct; the check is not signed.", "checkerPassword"),
            SignatureFailure.CodeRequired => new("dosing.checker-code-required", $"{signer} has a second factor: enter the current code of their authenticator app.", "checkerCode"),
            SignatureFailure.KeyUnavailable => new(SecondFactorRejections.KeyUnavailable, "The checker's second factor cannot be checked: this installation's second-factor key does not open it. Use one of their recovery codes or ask an administrator.", "checkerCode"),
            _ => new(WrongCode, $"The code of {signer} is not correct or was used already; the check is not signed.", "checkerCode"),
        };
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
    public static Task<CommandResult> Handle(RecordDosePreparation command, Envelope envelope, ParticipantDecisions decisions, TrialOpsRuntime runtime, CancellationToken ct) =>
        DoseCheck.DecideCheckedAsync(
            envelope, decisions, runtime, command.Protocol, command.Subject, command.CheckerSignature(), null,
            (state, trial, by, now, checker, secrets) => RecordDosePreparation.Decide(state, trial, command, by, now, checker, secrets),
            ct);
}
