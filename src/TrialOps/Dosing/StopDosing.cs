using TrialOps.Messaging;
using TrialOps.Participants;
using TrialOps.Protocols;
using TrialOps.Washouts;
using Wolverine;

namespace TrialOps.Dosing;

/// <summary>
/// Record the end of the period's administration, complete or early. Before the last period it
/// schedules the washout message for the washout's end, when the participant becomes ready for
/// the next period.
/// </summary>
/// <param name="Completed">False for an early stop, which needs <paramref name="EarlyStopReason"/>.</param>
/// <param name="ShortInfusionConfirmed">
/// The person recording confirms that a complete administration really took much less time than
/// planned (less than <see cref="DosingRules.ShortInfusionFraction"/> of the shortest planned
/// duration, interruptions not counted); without it such a stop is refused.
/// </param>
/// <param name="ShortInfusionReason">Why the complete administration was that short; required with <paramref name="ShortInfusionConfirmed"/>.</param>
public sealed record StopDosing(
    ProtocolCode Protocol,
    SubjectNumber Subject,
    int Period,
    DateTimeOffset StoppedAt,
    bool Completed,
    string? EarlyStopReason,
    bool ShortInfusionConfirmed = false,
    string? ShortInfusionReason = null)
{
    public const string ShorterThanPlannedCode = "dosing.complete-shorter-than-planned";
    public const string ShortInfusionReasonRequiredCode = "dosing.short-infusion-reason-required";

    /// <summary>
    /// The longest reason for an early stop or a short infusion: SDTM EX.EXADJ holds it after a
    /// short prefix within XPORT's 200 characters, so a longer one would stop the export after lock.
    /// </summary>
    public const int MaxReasonLength = 160;

    private static Rejection? TooLong(string? reason, string field) =>
        reason is not null && (Common.AsciiText.ToAscii(reason.Trim()) ?? reason.Trim()).Length > MaxReasonLength
            ? new Rejection("dosing.reason-too-long", $"Keep the reason to {MaxReasonLength} characters (it is exported in SDTM EX.EXADJ).", field)
            : null;

    public static Decision Decide(ParticipantState state, TrialContext trial, StopDosing command, Actor by, DateTimeOffset now)
    {
        if ((DosingRules.Prelude(state, trial, command.Subject, command.Period, by, JourneyRules.SiteStaff, "record the end of dosing")
            ?? DosingRules.Running(state, command.Period)
            ?? JourneyRules.ClinicalTime(trial.ClockOf(command.Subject), state, command.StoppedAt, now, "stoppedAt", "end of dosing")) is { } rejection)
        {
            return Decision.Reject(rejection);
        }

        var session = state.Session(command.Period);
        if ((DosingRules.NotBefore(trial.ClockOf(command.Subject), command.StoppedAt, session.StartedAt!.Value, "stoppedAt", "end of dosing", "its start")
            ?? (session.LastInterruptionAt is { } last ? DosingRules.NotBefore(trial.ClockOf(command.Subject), command.StoppedAt, last, "stoppedAt", "end of dosing", "the last interruption") : null)) is { } order)
        {
            return Decision.Reject(order);
        }

        if (!command.Completed && string.IsNullOrWhiteSpace(command.EarlyStopReason))
        {
            return Decision.Reject("dosing.early-stop-reason-required", "Give the reason why dosing stopped before the whole dose was given.", "earlyStopReason");
        }

        if ((TooLong(command.Completed ? null : command.EarlyStopReason, "earlyStopReason") ?? TooLong(command.ShortInfusionReason, "shortInfusionReason")) is { } tooLong)
        {
            return Decision.Reject(tooLong);
        }

        if ((Common.ExportableText.Check(command.Completed ? null : command.EarlyStopReason, "earlyStopReason", "reason for the early stop")
            ?? Common.ExportableText.Check(command.ShortInfusionReason, "shortInfusionReason", "reason for the short infusion")) is { } notExportable)
        {
            return Decision.Reject(notExportable);
        }

        string? shortInfusionReason = null;
        if (command.Completed && session.AdministeredUntil(command.StoppedAt) < DosingRules.ShortInfusionThreshold(trial.Protocol))
        {
            var planned = DosingRules.ShortestPlannedDuration(trial.Protocol);
            var given = session.AdministeredUntil(command.StoppedAt);
            if (!command.ShortInfusionConfirmed)
            {
                return Decision.Reject(
                    ShorterThanPlannedCode,
                    $"Dosing ran {Minutes(given)} (interruptions not counted), less than {(int)(DosingRules.ShortInfusionFraction * 100)} % of the planned {Minutes(planned)}. "
                    + "Check the start and end times; if the whole dose really was given, confirm it and give the reason.",
                    "shortInfusionConfirmed");
            }

            if (string.IsNullOrWhiteSpace(command.ShortInfusionReason))
            {
                return Decision.Reject(ShortInfusionReasonRequiredCode, "Give the reason why the whole dose was given in less time than planned.", "shortInfusionReason");
            }

            shortInfusionReason = command.ShortInfusionReason.Trim();
        }

        var decision = Decision.Append(
            ParticipantStreams.For(trial.Code, command.Subject),
            new DosingStopped(trial.Code, command.Subject, command.Period, by.UserId, command.StoppedAt, command.Completed, command.Completed ? null : command.EarlyStopReason!.Trim(), shortInfusionReason));
        return command.Period < state.PeriodCount
            ? decision.Send(WashoutMessage(trial, command.Subject, command.Period, command.StoppedAt))
            : decision;
    }

    private static string Minutes(TimeSpan duration) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Math.Round(duration.TotalMinutes, 1)} min");

    /// <summary>The message that fires when the washout after <paramref name="period"/> ends.</summary>
    public static OutgoingMessage WashoutMessage(TrialContext trial, SubjectNumber subject, int period, DateTimeOffset stoppedAt)
    {
        var endsAt = stoppedAt + trial.Protocol.Washout.Duration;
        return new OutgoingMessage(
            WashoutElapsedMessage.MessageType,
            new WashoutElapsedMessage(trial.Code, subject, period, endsAt),
            endsAt,
            ParticipantStreams.For(trial.Code, subject));
    }
}

/// <summary>Wolverine handler of <see cref="StopDosing"/>: loads what <see cref="StopDosing.Decide"/> needs (the participant, the protocol in force) and records its decision.</summary>
public static class StopDosingHandler
{
    public static Task<CommandResult> Handle(StopDosing command, Envelope envelope, ParticipantDecisions decisions, CancellationToken ct) =>
        decisions.DecideAsync(envelope, command.Protocol, command.Subject, (state, trial, by, now) => StopDosing.Decide(state, trial, command, by, now), ct);
}
