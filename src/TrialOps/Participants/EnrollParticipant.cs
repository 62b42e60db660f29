using TrialOps.Messaging;
using TrialOps.Protocols;
using TrialOps.Randomization;
using Wolverine;

namespace TrialOps.Participants;

/// <summary>
/// Randomize an eligible participant. One decision over three streams in one transaction: the
/// list-side decider (<see cref="RandomizeParticipant.Randomize"/>) assigns the next entry of the stratum's
/// list on the randomization stream, and the participant's stream gets the blinded
/// <see cref="ParticipantRandomized"/> with the period numbers and that entry's kit numbers. The
/// sequence, and so the treatment of each period, is never copied to the participant.
/// </summary>
/// <param name="RandomizationDate">The clinical date of randomization (the date on the site's record); default the date of recording. Not in the future, not before consent.</param>
public sealed record EnrollParticipant(ProtocolCode Protocol, SubjectNumber Subject, DateOnly? RandomizationDate = null)
{
    /// <summary>The stream of the list the participant is randomized in (depends on their site).</summary>
    public static string ListStreamFor(ProtocolDefinition protocol, string site) =>
        RandomizationStreams.For(protocol.Code, Strata.Of(protocol, site));

    /// <param name="listEvents">The events of the participant's stratum list (<see cref="ListStreamFor"/>).</param>
    public static Decision Decide(ParticipantState state, TrialContext trial, IReadOnlyList<object> listEvents, EnrollParticipant command, Actor by, DateTimeOffset now)
    {
        if (JourneyRules.Role(by, JourneyRules.CoordinatorOrInvestigator, "randomize a participant") is { } role)
        {
            return Decision.Reject(role);
        }

        if (JourneyRules.Open(trial) is { } locked)
        {
            return Decision.Reject(locked);
        }

        if (JourneyRules.Exists(state, command.Subject) is { } missing)
        {
            return Decision.Reject(missing);
        }

        if (state.Status != ParticipantStatus.Eligible)
        {
            return Decision.Reject(
                "participant.not-eligible",
                $"Participant {command.Subject} is {JourneyRules.Describe(state.Status)}: only a participant confirmed eligible can be randomized.");
        }

        if (command.RandomizationDate is { } date)
        {
            if (date > DateOnly.FromDateTime(now.UtcDateTime.AddDays(1)))
            {
                return Decision.Reject("participant.randomization-date-in-future", $"The randomization date {date:yyyy-MM-dd} lies in the future.", "randomizationDate");
            }

            if (state.ConsentDate is { } consent && date < consent)
            {
                return Decision.Reject("participant.randomization-before-consent", $"The randomization date {date:yyyy-MM-dd} lies before the participant's consent on {consent:yyyy-MM-dd}.", "randomizationDate");
            }
        }

        var stratum = Strata.Of(trial.Protocol, state.Site!);
        var randomized = RandomizeParticipant.Randomize(listEvents, new RandomizeParticipant(trial.Code, stratum, command.Subject.ToString(), by), now);
        if (randomized.Allocation is not { } allocation)
        {
            return randomized.Decision;
        }

        if (allocation.PeriodCount != trial.Protocol.PeriodCount)
        {
            return Decision.Reject(
                "participant.list-mismatch",
                $"The randomization list of stratum {stratum} has {allocation.PeriodCount} periods per entry; protocol {trial.Code} has {trial.Protocol.PeriodCount}.");
        }

        // Kits only: the allocation's sequence number is treatment identity and stays on the list's stream.
        return randomized.Decision.And(
            ParticipantStreams.For(trial.Code, command.Subject),
            new ParticipantRandomized(
                trial.Code,
                command.Subject,
                by.UserId,
                now,
                stratum,
                allocation.Kits.Select((kit, i) => new PeriodKit(i + 1, kit)).ToArray(),
                command.RandomizationDate ?? DateOnly.FromDateTime(now.UtcDateTime)));
    }
}

/// <summary>Wolverine handler of <see cref="EnrollParticipant"/>: randomizes the participant: the stratum is the site (the subject number's prefix) or ALL, so both candidate lists are loaded and the decision takes the one the protocol in force names; list and participant streams are written in one transaction.</summary>
public static class EnrollParticipantHandler
{
    public static Task<CommandResult> Handle(EnrollParticipant command, Envelope envelope, ParticipantDecisions decisions, CancellationToken ct) =>
        decisions.DecideAsync(
            envelope,
            command.Protocol,
            command.Subject,
            (state, trial, by, now, streams) =>
            {
                var listStream = EnrollParticipant.ListStreamFor(trial.Protocol, state.Site ?? command.Subject.Site ?? string.Empty);
                return EnrollParticipant.Decide(state, trial, streams.Data(listStream).ToArray(), command, by, now);
            },
            ct,
            null,
            RandomizationStreams.For(command.Protocol, command.Subject.Site ?? string.Empty),
            RandomizationStreams.For(command.Protocol, Strata.Unstratified));
}
