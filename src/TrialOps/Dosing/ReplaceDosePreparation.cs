using TrialOps.Blinding;
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
/// The session weight was corrected after the dose was prepared: the pharmacist prepares the dose
/// anew from the period's kit for the weight in force (the pharmacy view calculates it with the same
/// calculation, cap and make-up volume as for the first preparation, from the preparation's weight),
/// says why, and a second pharmacist signs the check as for <see cref="RecordDosePreparation"/>
/// (ADR 0020). The earlier preparation stays in the record.
/// </summary>
/// <param name="CheckedBy">User name of the second pharmacist who checked the new preparation.</param>
/// <param name="CheckerPassword">The checker's password; held in memory for the check only, never in an event, a log or <see cref="ToString"/>.</param>
/// <param name="CheckerCode">The checker's current authenticator code, when their account has a second factor.</param>
public sealed record ReplaceDosePreparation(
    ProtocolCode Protocol,
    SubjectNumber Subject,
    int Period,
    KitNumber Kit,
    DateTimeOffset PreparedAt,
    string Reason,
    string CheckedBy,
    string CheckerPassword = "",
    string? CheckerCode = null)
{
    public override string ToString() =>
        $"ReplaceDosePreparation {{ Protocol = {Protocol}, Subject = {Subject}, Period = {Period}, Kit = {Kit}, PreparedAt = {PreparedAt:O}, Reason = {Reason}, CheckedBy = {CheckedBy} }}";

    /// <summary>The checker's user name as the account is keyed.</summary>
    public string Checker => UserRules.NormalizeUserName(CheckedBy);

    /// <summary>The checker's signature as the one signature rule reads it.</summary>
    public SignatureRequest CheckerSignature() => new(CheckedBy, CheckerPassword, CheckerCode);

    /// <param name="checker">The checker's account (<see cref="UserState.Initial"/> when the name is not an account).</param>
    /// <param name="secrets">The installation's second-factor key, to check the checker's code.</param>
    public static Decision Decide(ParticipantState state, TrialContext trial, ReplaceDosePreparation command, Actor by, DateTimeOffset now, UserState checker, SecondFactorSecrets secrets)
    {
        var clock = trial.ClockOf(command.Subject);
        if ((DosingRules.Recheck(state, trial, command.Subject, command.Period, by, "prepare a dose anew")
            ?? ReasonGiven(command.Reason, trial.Protocol)
            ?? JourneyRules.ClinicalTime(clock, state, command.PreparedAt, now, "preparedAt", "preparation time")) is { } rejection)
        {
            return Decision.Reject(rejection);
        }

        var session = state.Session(command.Period);
        if ((DosingRules.NotBefore(clock, command.PreparedAt, session.Preparation!.PreparedAt, "preparedAt", "new preparation", "the preparation it replaces")
            ?? (session.WeightMeasuredAt is { } weighed ? DosingRules.NotBefore(clock, command.PreparedAt, weighed, "preparedAt", "new preparation", "the weighing it is calculated from") : null)) is { } order)
        {
            return Decision.Reject(order);
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

        // Like DosePrepared, the event itself is the signed record of the check (ADR 0020).
        return Decision
            .Append(
                ParticipantStreams.For(trial.Code, command.Subject),
                new DosePreparationReplaced(
                    trial.Code, command.Subject, command.Period, by.UserId, command.PreparedAt, command.Kit, command.Checker,
                    session.WeightKg!.Value, session.Preparation.WeightKg, DoseCheck.Verified, now, command.Reason.Trim()))
            .UsingUp(signature!, now);
    }

    /// <summary>A reason is required and, as blinded roles read it, must not name the arm (<see cref="ArmWording"/>).</summary>
    internal static Rejection? ReasonGiven(string? reason, ProtocolDefinition protocol) =>
        JourneyRules.Reason(reason) is { } missing
            ? missing with { Message = "Give the reason: what was done with the dose prepared for the earlier weight, or why it is right for the corrected one." }
            : ArmWording.Check(protocol, reason);
}

/// <summary>
/// Wolverine handler of <see cref="ReplaceDosePreparation"/>: loads the participant, the protocol in
/// force and the checker's account, records the decision, then records a refused password or code
/// on the checker's account, as for <see cref="RecordDosePreparationHandler"/>.
/// </summary>
public static class ReplaceDosePreparationHandler
{
    public static Task<CommandResult> Handle(ReplaceDosePreparation command, Envelope envelope, ParticipantDecisions decisions, TrialOpsRuntime runtime, CancellationToken ct) =>
        DoseCheck.DecideCheckedAsync(
            envelope, decisions, runtime, command.Protocol, command.Subject, command.CheckerSignature(), command.Reason,
            (state, trial, by, now, checker, secrets) => ReplaceDosePreparation.Decide(state, trial, command, by, now, checker, secrets),
            ct);
}
