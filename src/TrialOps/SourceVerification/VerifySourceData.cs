using TrialOps.Messaging;
using TrialOps.Participants;
using TrialOps.Protocols;
using TrialOps.Queries;
using Wolverine;

namespace TrialOps.SourceVerification;

/// <summary>
/// Mark recorded values as verified against the source documents (Monitor): the values named, a
/// period's form (a <see cref="DataItemKind.Period"/> item) or, with <paramref name="Items"/> null,
/// every value of the participant. Values already verified in their current version are left out.
/// </summary>
public sealed record VerifySourceData(ProtocolCode Protocol, SubjectNumber Subject, IReadOnlyList<DataItem>? Items = null)
{
    public const int MaxItems = 500;

    public static Decision Decide(ParticipantState participant, MonitoringState monitoring, TrialContext trial, VerifySourceData command, Actor by, DateTimeOffset now)
    {
        if ((JourneyRules.Role(by, QueryRules.Monitors, "verify source data")
            ?? JourneyRules.Open(trial)
            ?? JourneyRules.Exists(participant, command.Subject)) is { } refused)
        {
            return Decision.Reject(refused);
        }

        IEnumerable<MonitoredValue> values;
        if (command.Items is null)
        {
            values = monitoring.Values.Values;
        }
        else
        {
            if (command.Items.Count is 0 or > MaxItems)
            {
                return Decision.Reject("sdv.items-required", $"Name 1 to {MaxItems} items to verify, or none at all for the whole participant.", "items");
            }

            var covered = new List<MonitoredValue>();
            foreach (var item in command.Items)
            {
                var (resolved, unknown) = QueryRules.Resolve(participant, monitoring, item, "items");
                if (unknown is not null)
                {
                    return Decision.Reject(unknown);
                }

                covered.AddRange(monitoring.Covered(resolved!));
            }

            values = covered;
        }

        var toVerify = values
            .Where(v => !v.Verified)
            .DistinctBy(v => v.Item.Key, StringComparer.OrdinalIgnoreCase)
            .OrderBy(v => v.ChangedInVersion)
            .Select(v => new VerifiedItem(v.Item, v.ChangedInVersion))
            .ToArray();
        if (toVerify.Length == 0)
        {
            return Decision.Reject("sdv.nothing-to-verify", "Every value named is verified in its current version already (or nothing is recorded yet).");
        }

        return Decision.Append(
            ParticipantStreams.For(trial.Code, command.Subject),
            new SourceDataVerified(trial.Code, command.Subject, by.UserId, now, toVerify));
    }
}

/// <summary>Wolverine handler of <see cref="VerifySourceData"/>.</summary>
public static class VerifySourceDataHandler
{
    public static Task<CommandResult> Handle(VerifySourceData command, Envelope envelope, ParticipantDecisions decisions, CancellationToken ct) =>
        decisions.DecideAsync(envelope, command.Protocol, command.Subject, (state, trial, by, now, streams) =>
            VerifySourceData.Decide(state, MonitoringState.Of(streams, command.Protocol, command.Subject), trial, command, by, now), ct);
}
