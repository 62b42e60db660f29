using TrialOps.Common;
using TrialOps.Messaging;
using TrialOps.Participants;
using Wolverine;

namespace TrialOps.AdverseEvents;

/// <summary>
/// The sponsor's medical monitor judges whether a serious adverse event the Investigator judged
/// related was expected from the reference safety information (the protocol's
/// <c>safety.expectedTerms</c>). The system suggests; the decision is the monitor's, with a reason
/// when it departs from the suggestion. Unexpected makes the case a SUSAR and starts its expedited
/// report clock (ADR 0026).
/// </summary>
/// <param name="Reason">Required when <paramref name="Expectedness"/> differs from the suggestion.</param>
public sealed record AssessExpectedness(string AdverseEventId, Expectedness Expectedness, string? Reason)
{
    public const int MaxReasonLength = 2000;

    public static readonly IReadOnlyList<string> Assessors = [Roles.MedicalMonitor];

    public static Decision Decide(AdverseEventState state, TrialContext trial, AssessExpectedness command, Actor by, DateTimeOffset now)
    {
        if ((JourneyRules.Role(by, Assessors, "assess expectedness") ?? JourneyRules.Open(trial)) is { } refused)
        {
            return Decision.Reject(refused);
        }

        if (state.Details is not { } details)
        {
            return Decision.Reject("adverse-event.not-found", $"There is no adverse event {command.AdverseEventId}.", "adverseEventId");
        }

        if (!Enum.IsDefined(command.Expectedness))
        {
            return Decision.Reject("adverse-event.expectedness-invalid", "Choose expected or unexpected.", "expectedness");
        }

        if (state.Expectedness is { } assessed)
        {
            return Decision.Reject("adverse-event.expectedness-assessed", $"Expectedness is already assessed ({(state.CurrentExpectedness ?? assessed.Expectedness).ToString().ToLowerInvariant()}): re-assess it with a reason to change it.");
        }

        if (!details.Serious)
        {
            return Decision.Reject("adverse-event.not-serious", $"Adverse event {command.AdverseEventId} is not serious: it has no expedited report.");
        }

        if (!ExpeditedReporting.Related(details.Causality))
        {
            return Decision.Reject("adverse-event.not-related", "Expectedness is assessed after the Investigator has judged the event related (possible, probable or certain).");
        }

        if (state.ReportedToSponsorAt is null)
        {
            return Decision.Reject("adverse-event.not-reported-to-sponsor", "The site has not yet recorded its report of this SAE to the sponsor.");
        }

        var reason = string.IsNullOrWhiteSpace(command.Reason) ? null : command.Reason.Trim();
        if (InputText.Problem(reason, MaxReasonLength) is { } problem)
        {
            return Decision.Reject("adverse-event.reason-invalid", $"The reason {problem}.", "reason");
        }

        var (suggested, matched) = ExpeditedReporting.Suggest(details.MeddraCode, trial.Protocol.Safety.ExpectedTerms);
        if (command.Expectedness != suggested && reason is null)
        {
            return Decision.Reject(
                RejectionCodes.ReasonRequired,
                $"The reference safety information suggests {suggested.ToString().ToLowerInvariant()} for {details.Term} (MedDRA {details.MeddraCode}): give the reason for deciding otherwise.",
                "reason");
        }

        var assessment = new AdverseEventExpectednessAssessed(
            command.AdverseEventId, state.Protocol!.Value, state.Subject, by.UserId, now, command.Expectedness, suggested, details.MeddraCode, matched, reason);
        return ExpeditedReporting.FollowClock(state, Decision.Append(AdverseEventStreams.For(command.AdverseEventId), assessment), command.AdverseEventId);
    }
}

/// <summary>Wolverine handler of <see cref="AssessExpectedness"/>: loads the case, its participant and the protocol in force, and records the decision.</summary>
public static class AssessExpectednessHandler
{
    public static Task<CommandResult> Handle(AssessExpectedness command, Envelope envelope, ParticipantDecisions decisions, CancellationToken ct) =>
        decisions.DecideOnAdverseEventAsync(envelope, command.AdverseEventId, (state, _, trial, by, now) => AssessExpectedness.Decide(state, trial, command, by, now), ct, command.Reason);
}
