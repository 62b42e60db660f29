using TrialOps.Common;
using TrialOps.Messaging;
using TrialOps.Participants;
using Wolverine;

namespace TrialOps.AdverseEvents;

/// <summary>An investigator judges the causality of an event reported without one. A judgement already recorded is changed by a correction, with a reason.</summary>
public sealed record AssessAdverseEventCausality(string AdverseEventId, Causality Causality)
{
    public static Decision Decide(AdverseEventState state, TrialContext trial, AssessAdverseEventCausality command, Actor by, DateTimeOffset now)
    {
        if (by.Role != Roles.Investigator)
        {
            return Decision.Reject(RejectionCodes.NotPermitted, "Only an Investigator can judge causality.");
        }

        if (JourneyRules.Open(trial) is { } locked)
        {
            return Decision.Reject(locked);
        }

        if (state.Details is not { } details)
        {
            return Decision.Reject("adverse-event.not-found", $"There is no adverse event {command.AdverseEventId}.", "adverseEventId");
        }

        if (details.Causality is { } recorded)
        {
            return Decision.Reject("adverse-event.causality-recorded", $"Causality is already judged ({recorded}); correct it with a reason to change it.", "causality");
        }

        return Decision.Append(
            AdverseEventStreams.For(command.AdverseEventId),
            new AdverseEventCausalityAssessed(command.AdverseEventId, state.Protocol!.Value, state.Subject, by.UserId, now, command.Causality));
    }
}

/// <summary>Wolverine handler of <see cref="AssessAdverseEventCausality"/>: loads what <see cref="AssessAdverseEventCausality.Decide"/> needs (the participant, the protocol in force, the adverse-event case) and records its decision.</summary>
public static class AssessAdverseEventCausalityHandler
{
    public static Task<CommandResult> Handle(AssessAdverseEventCausality command, Envelope envelope, ParticipantDecisions decisions, CancellationToken ct) =>
        decisions.DecideOnAdverseEventAsync(envelope, command.AdverseEventId, (state, _, trial, by, now) => AssessAdverseEventCausality.Decide(state, trial, command, by, now), ct);
}
