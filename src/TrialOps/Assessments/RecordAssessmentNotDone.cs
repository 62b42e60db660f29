using TrialOps.Common;
using TrialOps.Messaging;
using TrialOps.Participants;
using TrialOps.Protocols;
using Wolverine;

namespace TrialOps.Assessments;

/// <summary>
/// Record that a scheduled assessment was not done (missed, refused, impossible), with the reason:
/// it is no longer due or overdue. Site staff, while the trial is open, for a period that has
/// begun (for a post-dose time, once dosing has started) and an assessment not recorded.
/// </summary>
/// <param name="Timepoint">The protocol's time after dosing start (<c>PT20M</c>).</param>
public sealed record RecordAssessmentNotDone(ProtocolCode Protocol, SubjectNumber Subject, int Period, string AssessmentCode, string Timepoint, string Reason)
{
    /// <summary>The longest reason: SDTM QSREASND/VSREASND holds at most 200 characters (XPORT v5), so a longer one would stop the export after lock.</summary>
    public const int MaxReasonLength = 200;

    /// <param name="monitoring">The participant's queries: an open automatic query this recording resolves closes itself in the same decision (ADR 0025).</param>
    public static Decision Decide(ParticipantState state, TrialContext trial, RecordAssessmentNotDone command, Actor by, DateTimeOffset now, Queries.MonitoringState? monitoring = null) =>
        Queries.AutomaticQueries.WithResolvedQueriesClosed(DecideValue(state, trial, command, by, now), state, monitoring, trial, command.Subject, now);

    private static Decision DecideValue(ParticipantState state, TrialContext trial, RecordAssessmentNotDone command, Actor by, DateTimeOffset now)
    {
        if ((JourneyRules.Role(by, JourneyRules.SiteStaff, "record an assessment as not done") ?? JourneyRules.Open(trial)) is { } refused)
        {
            return Decision.Reject(refused);
        }

        if (string.IsNullOrWhiteSpace(command.Reason))
        {
            return Decision.Reject(RejectionCodes.ReasonRequired, "Give the reason the assessment was not done.", "reason");
        }

        if (ExportableText.Check(command.Reason, "reason", "reason the assessment was not done") is { } notExportable)
        {
            return Decision.Reject(notExportable);
        }

        if ((AsciiText.ToAscii(command.Reason.Trim()) ?? command.Reason.Trim()).Length > MaxReasonLength)
        {
            return Decision.Reject("assessment.reason-too-long", $"Keep the reason to {MaxReasonLength} characters (it is exported in SDTM --REASND).", "reason");
        }

        var kind = trial.Protocol.Assessments.FirstOrDefault(a => a.Code == command.AssessmentCode)?.Kind ?? AssessmentKind.Scale;
        var (definition, time, unknown) = AssessmentRules.Resolve(trial, command.AssessmentCode, command.Timepoint, kind);
        if (unknown is not null)
        {
            return Decision.Reject(unknown);
        }

        if ((JourneyRules.Exists(state, command.Subject) ?? JourneyRules.Period(state, command.Period)) is { } missing)
        {
            return Decision.Reject(missing);
        }

        if (state.Status is not (ParticipantStatus.Randomized or ParticipantStatus.Withdrawn or ParticipantStatus.Completed))
        {
            return Decision.Reject("participant.not-in-treatment", $"Participant {command.Subject} is {JourneyRules.Describe(state.Status)}: no assessment is scheduled yet.", "subject");
        }

        if (command.Period > 1 && !state.Session(command.Period - 1).Stopped)
        {
            return Decision.Reject("assessment.period-not-begun", $"Period {command.Period} has not begun: dosing of period {command.Period - 1} has not ended.", "period");
        }

        if (time!.AfterDosingStart > TimeSpan.Zero && state.Session(command.Period).StartedAt is null)
        {
            return Decision.Reject("assessment.dosing-not-started", $"The {time.Iso} assessment counts from the start of dosing, which is not recorded for period {command.Period}: nothing is due yet.", "timepoint");
        }

        var key = new AssessmentKey(command.Period, definition!.Code, time.Iso);
        if (state.Assessments.ContainsKey(key))
        {
            return Decision.Reject("assessment.already-recorded", $"{definition.Code} {time.Iso} of period {command.Period} is recorded; correct the value with a reason if it is wrong.");
        }

        if (state.NotDone.TryGetValue(key, out var earlier))
        {
            return Decision.Reject("assessment.already-not-done", $"{definition.Code} {time.Iso} of period {command.Period} is already recorded as not done ({earlier}).");
        }

        return Decision.Append(
            ParticipantStreams.For(trial.Code, command.Subject),
            new AssessmentNotDone(trial.Code, command.Subject, command.Period, by.UserId, now, definition.Code, time.Iso, command.Reason.Trim()));
    }
}

/// <summary>Wolverine handler of <see cref="RecordAssessmentNotDone"/>: loads what <see cref="RecordAssessmentNotDone.Decide"/> needs (the participant, the protocol in force) and records its decision.</summary>
public static class RecordAssessmentNotDoneHandler
{
    public static Task<CommandResult> Handle(RecordAssessmentNotDone command, Envelope envelope, ParticipantDecisions decisions, CancellationToken ct) =>
        decisions.DecideAsync(envelope, command.Protocol, command.Subject, (state, trial, by, now, streams) =>
            RecordAssessmentNotDone.Decide(state, trial, command, by, now, Queries.MonitoringState.Of(streams, command.Protocol, command.Subject)), ct, command.Reason);
}
