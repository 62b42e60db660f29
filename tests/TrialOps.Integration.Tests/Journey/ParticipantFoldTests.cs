using TrialOps.EventStore;
using TrialOps.Integration.Tests.TrialDesign;
using TrialOps.Participants;
using TrialOps.Protocols;
using TrialOps.Seed;

namespace TrialOps.Integration.Tests.Journey;

/// <summary>
/// The decision's and the answer's incremental fold (<see cref="ParticipantFold"/>): on a real demo
/// participant it gives exactly the state of a full fold wherever the stream was cut before, folds
/// only the events after the cut, and folds everything again when the stream cache had to read the
/// stream anew (its cached prefix was not the stream's any more).
/// </summary>
public sealed class ParticipantFoldTests(JourneyFixture fixture) : IClassFixture<JourneyFixture>
{
    [Fact]
    public async Task folding_on_from_any_earlier_cut_of_a_real_demo_stream_gives_the_state_of_a_full_fold()
    {
        var events = await LongestDemoStreamAsync("FOLD-CUTS");
        Assert.True(events.Count > 20, $"the longest demo participant has {events.Count} events");
        var random = new Random(20261204);
        for (var round = 0; round < 25; round++)
        {
            // New event objects each round: nothing folded before is known to the fold.
            var stream = events.Select(e => e with { }).ToList();
            var cuts = Enumerable.Range(0, random.Next(1, 5)).Select(_ => random.Next(1, stream.Count)).Append(stream.Count).Distinct().Order().ToList();
            var previous = 0;
            foreach (var cut in cuts)
            {
                var prefix = stream.Take(cut).ToList();
                var state = ParticipantFold.Through(prefix, out var applied);

                Assert.Equal(cut - previous, applied);
                Assert.Equivalent(ParticipantState.From(prefix.Select(e => e.Data)), state, strict: true);
                previous = cut;
            }

            // The same list again folds nothing.
            Assert.Same(ParticipantFold.Through(stream, out var again), ParticipantFold.Through(stream));
            Assert.Equal(0, again);
        }
    }

    [Fact]
    public async Task the_decisions_monitoring_state_folded_on_from_earlier_cuts_equals_a_full_fold()
    {
        var events = await LongestDemoStreamAsync("FOLD-MONITOR");
        var screened = (ParticipantScreened)events[0].Data;
        var random = new Random(20261205);
        for (var round = 0; round < 10; round++)
        {
            var stream = events.Select(e => e with { }).ToList();
            foreach (var cut in Enumerable.Range(0, 3).Select(_ => random.Next(1, stream.Count)).Append(stream.Count).Distinct().Order())
            {
                var prefix = stream.Take(cut).ToList();
                var streams = new TrialOps.Messaging.StreamSet(new Dictionary<string, IReadOnlyList<StoredEvent>> { [events[0].StreamId] = prefix });
                var state = TrialOps.Queries.MonitoringState.Of(streams, screened.Protocol, screened.Subject);

                var full = TrialOps.Queries.MonitoringState.From(prefix);
                Assert.Equal(full.Values.OrderBy(v => v.Key).ToList(), state.Values.OrderBy(v => v.Key).ToList());
                Assert.Equal(full.Queries.Keys, state.Queries.Keys);
                Assert.All(full.Queries, q => Assert.Equivalent(q.Value, state.Queries[q.Key], strict: true));
                // The same list again is the state already folded.
                Assert.Same(state, TrialOps.Queries.MonitoringState.Of(streams, screened.Protocol, screened.Subject));
            }
        }
    }

    [Fact]
    public async Task a_stream_the_cache_reads_anew_is_folded_again_from_its_first_event()
    {
        var events = await LongestDemoStreamAsync("FOLD-AGAIN");
        var streamId = events[0].StreamId;
        var store = fixture.Runtime.Store;
        var folded = ParticipantFold.Through(events);

        // An append read inside its own transaction and rolled back: the cache then holds an event
        // the stream does not have, and the next read reads the whole stream again.
        var participant = (ParticipantScreened)events[0].Data;
        await using (var connection = await store.DataSource.OpenConnectionAsync())
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            var withdrawn = new ParticipantWithdrawn(participant.Protocol, participant.Subject, "fold.test", DateTimeOffset.UtcNow, WithdrawalReason.PhysicianDecision, "rolled back");
            await store.AppendAsync(transaction, streamId, events.Count, [withdrawn], new EventMetadata("fold.test", "Investigator", null, Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid()));
            var uncommitted = await store.ReadStreamAsync(connection, transaction, streamId);
            Assert.Equal(events.Count + 1, uncommitted.Count);
            Assert.Equal(ParticipantStatus.Withdrawn, ParticipantFold.Through(uncommitted, out var tail).Status);
            Assert.Equal(1, tail);
            await transaction.RollbackAsync();
        }

        var reread = await store.ReadStreamAsync(streamId);
        var state = ParticipantFold.Through(reread, out var applied);

        Assert.Equal(events.Count, reread.Count);
        Assert.NotSame(events[^1], reread[^1]);
        Assert.Equal(reread.Count, applied);
        Assert.Equal(folded.Status, state.Status);
        Assert.Equivalent(folded, state, strict: true);
        Assert.Equivalent(ParticipantState.From(reread.Select(e => e.Data)), state, strict: true);
    }

    private async Task<IReadOnlyList<StoredEvent>> LongestDemoStreamAsync(string code)
    {
        var file = TrialDesignSupport.WithCode(code);
        var protocol = ProtocolFile.Parse(file).Definition!;
        var report = await DemoTrial.RunAsync(fixture.Runtime, file, new DemoOptions(4, 7));
        IReadOnlyList<StoredEvent> longest = [];
        foreach (var outcome in report.Participants)
        {
            var events = await fixture.Runtime.Store.ReadStreamAsync(ParticipantStreams.For(protocol.Code, SubjectNumber.Parse(outcome.Subject)));
            longest = events.Count > longest.Count ? events : longest;
        }

        return longest;
    }
}
