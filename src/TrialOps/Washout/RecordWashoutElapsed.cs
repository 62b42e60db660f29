using TrialOps.Messaging;
using TrialOps.Participants;
using TrialOps.Protocols;
using Wolverine;

namespace TrialOps.Washouts;

/// <summary>
/// Sent by the scheduler when a washout message fires: the participant becomes ready for the next
/// period. Delivery is at least once and times may have been corrected since the message was
/// scheduled, so the decision re-checks against the stream and does nothing when there is nothing
/// to record (already recorded, the next period already started, the participant left, or a
/// corrected stop moved the washout's end later — its own message then follows).
/// </summary>
public sealed record RecordWashoutElapsed(ProtocolCode Protocol, SubjectNumber Subject, int CompletedPeriod)
{
    public static Decision Decide(ParticipantState state, TrialContext trial, RecordWashoutElapsed command, Actor by, DateTimeOffset now)
    {
        // After database lock nothing is recorded, bookkeeping included: the locked record is final.
        if (trial.Locked || !state.InTreatment || command.CompletedPeriod < 1 || command.CompletedPeriod >= state.PeriodCount)
        {
            return Decision.None;
        }

        var session = state.Session(command.CompletedPeriod);
        if (session.WashoutElapsedRecorded || state.Session(command.CompletedPeriod + 1).Started)
        {
            return Decision.None;
        }

        if (WashoutRule.EndsAt(state, trial.Protocol, command.CompletedPeriod + 1) is not { } endsAt || endsAt > now)
        {
            return Decision.None;
        }

        return Decision.Append(
            ParticipantStreams.For(trial.Code, command.Subject),
            new WashoutElapsed(trial.Code, command.Subject, command.CompletedPeriod, command.CompletedPeriod + 1, by.UserId, endsAt));
    }
}

/// <summary>Wolverine handler of <see cref="RecordWashoutElapsed"/>: loads what <see cref="RecordWashoutElapsed.Decide"/> needs (the participant, the protocol in force) and records its decision.</summary>
public static class RecordWashoutElapsedHandler
{
    public static Task<CommandResult> Handle(RecordWashoutElapsed command, Envelope envelope, ParticipantDecisions decisions, CancellationToken ct) =>
        decisions.DecideAsync(envelope, command.Protocol, command.Subject, (state, trial, by, now) => RecordWashoutElapsed.Decide(state, trial, command, by, now), ct);
}
