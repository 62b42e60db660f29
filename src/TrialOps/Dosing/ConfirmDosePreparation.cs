using TrialOps.Common;
using TrialOps.Identity;
using TrialOps.Messaging;
using TrialOps.Participants;
using TrialOps.Protocols;
using TrialOps.Runtime;
using TrialOps.Signatures;
using Wolverine;

namespace TrialOps.Dosing;

/// <summary>
/// The session weight was corrected after the dose was prepared, and the pharmacist confirms that
/// the dose already prepared is right for the corrected weight (a fixed dose, or a difference within
/// the protocol's rounding), says why, and a second pharmacist signs the check as for
/// <see cref="RecordDosePreparation"/> (ADR 0020). Dosing may then start with that preparation.
/// </summary>
/// <param name="CheckedBy">User name of the second pharmacist who checked the confirmation.</param>
/// <param name="CheckerPassword">The checker's password; held in memory for the check only, never in an event, a log or <see cref="ToString"/>.</param>
/// <param name="CheckerCode">The checker's current authenticator code, when their account has a second factor.</param>
public sealed record ConfirmDosePreparation(
    ProtocolCode Protocol,
    SubjectNumber Subject,
    int Period,
    string Reason,
    string CheckedBy,
    string CheckerPassword = "",
    string? CheckerCode = null)
{
    public override string ToString() =>
        $"ConfirmDosePreparation {{ Protocol = {Protocol}, Subject = {Subject}, Period = {Period}, Reason = {Reason}, CheckedBy = {CheckedBy} }}";

    /// <summary>The checker's user name as the account is keyed.</summary>
    public string Checker => UserRules.NormalizeUserName(CheckedBy);

    /// <summary>The checker's signature as the one signature rule reads it.</summary>
    public SignatureRequest CheckerSignature() => new(CheckedBy, CheckerPassword, CheckerCode);

    /// <summary>
    /// How far, at most, the dose for the corrected weight may differ from the dose prepared, for a
    /// confirmation: 5 %, the deviation dose banding commonly accepts. Beyond it the dose is
    /// prepared anew (ADR 0020).
    /// </summary>
    public const decimal Tolerance = 0.05m;

    private static string Percent => (Tolerance * 100).ToString("0", System.Globalization.CultureInfo.InvariantCulture) + " %";

    /// <summary>
    /// A refusal when, for any treatment of the protocol, a component's amount at
    /// <paramref name="correctedKg"/> differs by more than <see cref="Tolerance"/> from its amount at
    /// <paramref name="preparedKg"/> (or its timing differs). It reads the protocol and the two
    /// weights only, never the participant's arm, so whether the pharmacy confirmed or prepared
    /// anew tells the bedside nothing (ADR 0020); a weight-based dose that changes more must be
    /// prepared anew, or the participant would get the dose of the wrong weight.
    /// </summary>
    public static Rejection? DoseChanges(ProtocolDefinition protocol, decimal preparedKg, decimal correctedKg, int period)
    {
        static bool Close(ComponentDose prepared, ComponentDose corrected) =>
            prepared.Duration == corrected.Duration
            && Math.Abs(corrected.Amount - prepared.Amount) <= Tolerance * Math.Abs(prepared.Amount);

        var within = protocol.Treatments.All(t =>
        {
            var prepared = DoseCalculator.Calculate(t, preparedKg);
            var corrected = DoseCalculator.Calculate(t, correctedKg);
            return prepared.Components.Count == corrected.Components.Count && prepared.Components.Zip(corrected.Components).All(pair => Close(pair.First, pair.Second));
        });
        return within
            ? null
            : new Rejection(
                "dosing.confirmation-changes-dose",
                $"At the corrected weight ({DosingRules.Kg(correctedKg)} kg) the dose of period {period} differs by more than {Percent} from the one prepared for {DosingRules.Kg(preparedKg)} kg: prepare the dose anew. A confirmation is only for a dose within {Percent} of the dose for the corrected weight.",
                "period");
    }

    /// <param name="checker">The checker's account (<see cref="UserState.Initial"/> when the name is not an account).</param>
    /// <param name="secrets">The installation's second-factor key, to check the checker's code.</param>
    public static Decision Decide(ParticipantState state, TrialContext trial, ConfirmDosePreparation command, Actor by, DateTimeOffset now, UserState checker, SecondFactorSecrets secrets)
    {
        if ((DosingRules.Recheck(state, trial, command.Subject, command.Period, by, "confirm a dose preparation")
            ?? ReplaceDosePreparation.ReasonGiven(command.Reason, trial.Protocol)) is { } rejection)
        {
            return Decision.Reject(rejection);
        }

        var (signature, refused) = DoseCheck.Verify(command.CheckerSignature(), checker, secrets, state, by, now);
        if (refused is not null)
        {
            return Decision.Reject(refused);
        }

        var session = state.Session(command.Period);
        if (DoseChanges(trial.Protocol, session.Preparation!.WeightKg, session.WeightKg!.Value, command.Period) is { } changes)
        {
            return Decision.Reject(changes);
        }

        return Decision
            .Append(
                ParticipantStreams.For(trial.Code, command.Subject),
                new DosePreparationConfirmed(
                    trial.Code, command.Subject, command.Period, by.UserId, now, session.WeightKg!.Value, session.Preparation!.WeightKg,
                    command.Checker, DoseCheck.Verified, now, command.Reason.Trim()))
            .UsingUp(signature!, now);
    }
}

/// <summary>
/// Wolverine handler of <see cref="ConfirmDosePreparation"/>: loads the participant, the protocol in
/// force and the checker's account, records the decision, then records a refused password or code
/// on the checker's account, as for <see cref="RecordDosePreparationHandler"/>.
/// </summary>
public static class ConfirmDosePreparationHandler
{
    public static Task<CommandResult> Handle(ConfirmDosePreparation command, Envelope envelope, ParticipantDecisions decisions, TrialOpsRuntime runtime, CancellationToken ct) =>
        DoseCheck.DecideCheckedAsync(
            envelope, decisions, runtime, command.Protocol, command.Subject, command.CheckerSignature(), command.Reason,
            (state, trial, by, now, checker, secrets) => ConfirmDosePreparation.Decide(state, trial, command, by, now, checker, secrets),
            ct);
}
