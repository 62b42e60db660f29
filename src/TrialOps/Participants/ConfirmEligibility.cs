using TrialOps.Common;
using TrialOps.Messaging;
using TrialOps.Protocols;
using Wolverine;

namespace TrialOps.Participants;

/// <summary>One answer of the eligibility checklist, as the investigator gives it.</summary>
/// <param name="Met">Inclusion: the participant satisfies it. Exclusion: the condition is present.</param>
public sealed record EligibilityAnswer(string Code, bool Met);

/// <summary>
/// An investigator answers the protocol's eligibility checklist, every inclusion and every
/// exclusion criterion, and confirms the result. An ineligible participant is a screen failure,
/// recorded with the criteria that failed.
/// </summary>
public sealed record ConfirmEligibility(ProtocolCode Protocol, SubjectNumber Subject, IReadOnlyList<EligibilityAnswer> Answers)
{
    public static Decision Decide(ParticipantState state, TrialContext trial, ConfirmEligibility command, Actor by, DateTimeOffset now)
    {
        if (by.Role != Roles.Investigator)
        {
            return Decision.Reject(RejectionCodes.NotPermitted, "Only an Investigator can confirm eligibility.");
        }

        if (JourneyRules.Open(trial) is { } locked)
        {
            return Decision.Reject(locked);
        }

        if (JourneyRules.Exists(state, command.Subject) is { } missing)
        {
            return Decision.Reject(missing);
        }

        if (state.Status != ParticipantStatus.Screened)
        {
            return Decision.Reject(
                "participant.eligibility-already-confirmed",
                $"Participant {command.Subject} is {JourneyRules.Describe(state.Status)}: eligibility can be confirmed only once, after screening.");
        }

        var eligibility = trial.Protocol.Eligibility;
        var criteria = eligibility.Inclusion.Select(c => (c.Code, Kind: CriterionKind.Inclusion))
            .Concat(eligibility.Exclusion.Select(c => (c.Code, Kind: CriterionKind.Exclusion)))
            .ToArray();
        var duplicate = command.Answers.GroupBy(a => a.Code, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            return Decision.Reject("participant.eligibility-duplicate-answer", $"Criterion {duplicate.Key} is answered more than once.", "answers");
        }

        var unknown = command.Answers.Select(a => a.Code).Except(criteria.Select(c => c.Code), StringComparer.Ordinal).ToArray();
        if (unknown.Length > 0)
        {
            return Decision.Reject("participant.eligibility-unknown-criterion", $"Protocol {trial.Code} has no criterion {string.Join(", ", unknown)}.", "answers");
        }

        var unanswered = criteria.Select(c => c.Code).Except(command.Answers.Select(a => a.Code), StringComparer.Ordinal).ToArray();
        if (unanswered.Length > 0)
        {
            return Decision.Reject(
                "participant.eligibility-incomplete",
                $"Answer every criterion: {string.Join(", ", unanswered)} {(unanswered.Length == 1 ? "is" : "are")} not answered.",
                "answers");
        }

        var answers = criteria
            .Select(c => new CriterionAnswer(c.Code, c.Kind, command.Answers.Single(a => a.Code == c.Code).Met))
            .ToArray();
        var failed = answers.Where(a => a.Fails).Select(a => a.Code).ToArray();
        var stream = ParticipantStreams.For(trial.Code, command.Subject);
        var confirmed = new EligibilityConfirmed(trial.Code, command.Subject, by.UserId, now, trial.Protocol.Version, answers, failed.Length == 0, failed);
        return failed.Length == 0
            ? Decision.Append(stream, confirmed)
            : Decision.Append(stream, confirmed, new ParticipantScreenFailed(trial.Code, command.Subject, by.UserId, now, failed));
    }
}

/// <summary>Wolverine handler of <see cref="ConfirmEligibility"/>: loads what <see cref="ConfirmEligibility.Decide"/> needs (the participant, the protocol in force) and records its decision.</summary>
public static class ConfirmEligibilityHandler
{
    public static Task<CommandResult> Handle(ConfirmEligibility command, Envelope envelope, ParticipantDecisions decisions, CancellationToken ct) =>
        decisions.DecideAsync(envelope, command.Protocol, command.Subject, (state, trial, by, now) => ConfirmEligibility.Decide(state, trial, command, by, now), ct);
}
