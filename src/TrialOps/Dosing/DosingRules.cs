using TrialOps.Messaging;
using TrialOps.Participants;
using TrialOps.Protocols;

namespace TrialOps.Dosing;

/// <summary>Checks shared by the dosing-session commands.</summary>
public static class DosingRules
{
    public const decimal MinWeightKg = 20m;
    public const decimal MaxWeightKg = 350m;

    /// <summary>
    /// A dosing session is overdue this long after it became due (period 1: randomization; later
    /// periods: the end of the washout). The protocol format has no visit windows yet; this is
    /// the product's default until it does.
    /// </summary>
    public static readonly TimeSpan SessionWindow = TimeSpan.FromDays(7);

    /// <summary>Periods are dosed in order: a session can be prepared and started only in the participant's current period.</summary>
    public static Rejection? CurrentPeriod(ParticipantState participant, int period)
    {
        var current = participant.CurrentPeriod;
        return current == period
            ? null
            : new Rejection(
                "dosing.not-current-period",
                current is null
                    ? $"Every period of participant {participant.Subject} has been dosed."
                    : $"Period {period} is not participant {participant.Subject}'s current period (period {current}).",
                "period");
    }

    /// <summary>
    /// A dosing stop recorded as complete after less than this fraction of the shortest planned
    /// treatment duration needs a confirmation and a reason (issue 10: a "complete" infusion much
    /// shorter than planned is more often a wrong time or a wrong button than a fast pump).
    /// </summary>
    public const decimal ShortInfusionFraction = 0.9m;

    /// <summary>
    /// The shortest planned duration of a session over every treatment of the protocol (the sum
    /// of its components' minutes). Blinded staff record the stop, so the rule cannot depend on
    /// the treatment given; in a blinded trial the treatments' durations match anyway.
    /// </summary>
    public static TimeSpan ShortestPlannedDuration(Protocols.ProtocolDefinition protocol) =>
        protocol.Treatments.Count == 0
            ? TimeSpan.Zero
            : protocol.Treatments.Min(t => t.Components.Aggregate(TimeSpan.Zero, (sum, c) => sum + c.Duration));

    /// <summary>A complete administration shorter than this needs <see cref="StopDosing.ShortInfusionConfirmed"/> and a reason; zero when the protocol plans no duration (a push).</summary>
    public static TimeSpan ShortInfusionThreshold(Protocols.ProtocolDefinition protocol) =>
        TimeSpan.FromTicks((long)(ShortestPlannedDuration(protocol).Ticks * ShortInfusionFraction));

    public static Rejection? Weight(decimal weightKg) =>
        weightKg is >= MinWeightKg and <= MaxWeightKg
            ? null
            : new Rejection("dosing.weight-implausible", $"A weight of {weightKg} kg is outside {MinWeightKg}–{MaxWeightKg} kg.", "weightKg");

    /// <summary>Dosing of the period is running (started, not stopped).</summary>
    public static Rejection? Running(ParticipantState participant, int period) =>
        participant.Session(period).Running
            ? null
            : new Rejection(
                "dosing.not-running",
                participant.Session(period).Started
                    ? $"Dosing of period {period} has already stopped."
                    : $"Dosing of period {period} has not started.",
                "period");

    public static Rejection? NotBefore(SiteClock clock, DateTimeOffset time, DateTimeOffset earliest, string field, string what, string earlier) =>
        time < earliest
            ? new Rejection("dosing.time-out-of-order", $"The {what} ({clock.Show(time)}) cannot precede {earlier} ({clock.Show(earliest)}).", field)
            : null;

    /// <summary>Refusal (a conflict with the session's state, 409) of a start while the weight in force differs from the weight the preparation in force was calculated for.</summary>
    public const string WeightChangedSincePreparation = "dosing.weight-changed-since-preparation";

    /// <summary>
    /// A dose prepared for one weight must not be given after the weight was corrected (ADR 0020):
    /// the pharmacy prepares it anew (<see cref="ReplaceDosePreparation"/>) or confirms it for the
    /// corrected weight (<see cref="ConfirmDosePreparation"/>). The message is for the bedside team and
    /// the same whatever the allocation: it names the two weights, which they recorded themselves.
    /// </summary>
    public static Rejection? PreparationCurrent(DosingSession session) =>
        session.PreparationOutdated
            ? new Rejection(
                WeightChangedSincePreparation,
                $"The weight was corrected after the dose was prepared ({Kg(session.Preparation!.WeightKg)} kg → {Kg(session.WeightKg!.Value)} kg): "
                + "the pharmacy must re-prepare or confirm the dose before dosing of period " + session.Period + " can start.")
            : null;

    /// <summary>
    /// What replacing and confirming a preparation have in common: a Pharmacist (the role that sees
    /// the allocation) of the participant's site, the current period, prepared, not started, and the
    /// weight in force differing from the one the preparation in force is right for.
    /// </summary>
    public static Rejection? Recheck(ParticipantState participant, TrialContext trial, SubjectNumber subject, int period, Actor by, string action)
    {
        if ((Prelude(participant, trial, subject, period, by, [Common.Roles.Pharmacist], action) ?? CurrentPeriod(participant, period)) is { } rejection)
        {
            return rejection;
        }

        var session = participant.Session(period);
        if (session.Preparation is null)
        {
            return new Rejection("dosing.not-prepared", $"The kit of period {period} has not been recorded as prepared: record the preparation.", "period");
        }

        if (session.Started)
        {
            return new Rejection("dosing.already-started", $"Dosing of period {period} has already started.", "period");
        }

        return session.PreparationOutdated
            ? null
            : new Rejection(
                "dosing.preparation-current",
                $"The preparation of period {period} is already right for the weight in force ({Kg(session.WeightKg ?? session.Preparation.WeightKg)} kg): there is nothing to re-prepare or confirm.");
    }

    /// <summary>A weight as the pages show it: "80", "72.5".</summary>
    public static string Kg(decimal kg) => kg.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Common prelude: role, open trial, participant in treatment, period exists.</summary>
    public static Rejection? Prelude(ParticipantState participant, TrialContext trial, SubjectNumber subject, int period, Actor by, IReadOnlyList<string> roles, string action) =>
        JourneyRules.Role(by, roles, action)
        ?? JourneyRules.Open(trial)
        ?? JourneyRules.InTreatment(participant, subject)
        ?? JourneyRules.Period(participant, period);
}
