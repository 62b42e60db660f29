using TrialOps.AdverseEvents;
using TrialOps.EventStore;
using TrialOps.Participants;
using TrialOps.Protocols;
using TrialOps.Runtime;

namespace TrialOps.Audit;

/// <summary>A participant's timeline straight from the streams (blinded: participant and adverse-event streams only).</summary>
public sealed class ParticipantTimelines(TrialOpsRuntime runtime)
{
    /// <summary>
    /// Every event of the participant's stream and of their adverse-event streams in recorded order,
    /// and the history of each recorded value: the original and every correction, with who, when
    /// (server time, from the metadata) and why.
    /// </summary>
    public async Task<ParticipantTimeline?> GetTimelineAsync(string protocol, string subject, CancellationToken ct = default)
    {
        if (!ProtocolCode.TryParse(protocol, out var protocolCode) || !SubjectNumber.TryParse(subject, out var subjectNumber))
        {
            return null;
        }

        var participantEvents = await runtime.Store.ReadStreamAsync(ParticipantStreams.For(protocolCode, subjectNumber), null, ct);
        if (participantEvents.Count == 0)
        {
            return null;
        }

        var streams = new List<StoredEvent>(participantEvents);
        foreach (var adverseEventId in await AdverseEventCasesProjection.CasesOfAsync(runtime.DataSource, protocolCode.Value, subjectNumber.ToString(), ct))
        {
            streams.AddRange(await runtime.Store.ReadStreamAsync(AdverseEventStreams.For(adverseEventId), null, ct));
        }

        // The words of the timeline name clinical times on the participant's site clock (ADR 0030).
        var definition = await new ProtocolHistory(runtime.Store).DefinitionAsync(protocolCode.Value, ct);
        var clock = definition is null ? SiteClock.Utc : SiteClock.Of(definition, subjectNumber.Site);
        var entries = streams.OrderBy(e => e.Position).Select(e => TimelineText.Describe(e, clock)).ToArray();
        var values = entries
            .Where(e => e.ValueKey is not null)
            .GroupBy(e => e.ValueKey!, StringComparer.Ordinal)
            .Select(g => new ValueHistory(g.Key, g.ToArray()))
            .ToArray();
        return new ParticipantTimeline(protocolCode.Value, subjectNumber.ToString(), entries, values);
    }
}
