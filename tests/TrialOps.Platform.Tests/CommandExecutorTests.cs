using TrialOps.EventStore;
using TrialOps.Messaging;
using TrialOps.Testing;
using static TrialOps.Platform.Tests.Platform;

namespace TrialOps.Platform.Tests;

public sealed class CommandExecutorTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task resubmitting_a_command_id_returns_the_first_result_and_writes_nothing_new()
    {
        var executor = new CommandExecutor(Store(db.DataSource), TimeProvider.System);
        var stream = NewStream();
        var context = Context();
        Decision Decide(StreamSet s, DateTimeOffset now) =>
            Decision.Append(stream, new Noted(stream, $"note {s[stream].Count + 1}"));

        var first = await executor.ExecuteAsync(context, [stream], Decide);
        var eventsAfterFirst = await CountAsync(db.DataSource, "SELECT count(*) FROM event_hashes");
        var second = await executor.ExecuteAsync(context, [stream], Decide);

        Assert.True(first.Accepted);
        Assert.False(first.Duplicate);
        Assert.True(second.Duplicate);
        Assert.Equal(first.Positions, second.Positions);
        Assert.Equal(eventsAfterFirst, await CountAsync(db.DataSource, "SELECT count(*) FROM event_hashes"));
    }

    [Fact]
    public async Task concurrent_double_submission_of_one_command_id_writes_once()
    {
        var executor = new CommandExecutor(Store(db.DataSource), TimeProvider.System);
        var context = Context();
        var streams = Enumerable.Range(0, 6).Select(_ => NewStream()).ToArray();

        var results = await Task.WhenAll(streams.Select(stream => Task.Run(() =>
            executor.ExecuteAsync(context, [stream], (_, _) => Decision.Append(stream, new Noted(stream, "click"))))));

        Assert.Equal(1, results.Count(r => !r.Duplicate));
        Assert.Equal(1, await CountAsync(db.DataSource, $"SELECT count(*) FROM mt_events WHERE headers->>'commandId' = '{context.CommandId}'"));
    }

    [Fact]
    public async Task a_rejection_writes_nothing()
    {
        var executor = new CommandExecutor(Store(db.DataSource), TimeProvider.System);
        var stream = NewStream();

        var result = await executor.ExecuteAsync(Context(), [stream], (_, _) => Decision.Reject("too-early", "Washout ends 2026-11-28 09:00."));

        Assert.Equal(CommandStatus.Rejected, result.Status);
        Assert.Equal("too-early", result.Rejection!.Code);
        Assert.Empty(await executor.Store.ReadStreamAsync(stream));
    }

    [Fact]
    public async Task a_failure_midway_leaves_nothing_partial()
    {
        var executor = new CommandExecutor(Store(db.DataSource), TimeProvider.System);
        var first = NewStream();
        var second = NewStream();

        // The second event has no alias, so its append throws after the first stream was written.
        await Assert.ThrowsAsync<InvalidOperationException>(() => executor.ExecuteAsync(Context(), [first, second], (_, _) =>
            Decision.Append(first, new Noted(first, "written first"))
                .And(second, new UnregisteredEvent())));

        Assert.Empty(await executor.Store.ReadStreamAsync(first));
        Assert.Empty(await executor.Store.ReadStreamAsync(second));
    }

    [Fact]
    public async Task a_concurrency_conflict_reruns_the_decision_on_fresh_state()
    {
        var executor = new CommandExecutor(Store(db.DataSource), TimeProvider.System);
        var stream = NewStream();
        await executor.ExecuteAsync(Context(), [stream], (_, _) => Decision.Append(stream, new Noted(stream, "0")));

        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() =>
            executor.ExecuteAsync(Context(), [stream], (s, _) => Decision.Append(stream, new Noted(stream, s[stream].Count.ToString()))))));

        Assert.All(results, r => Assert.True(r.Accepted));
        var texts = (await executor.Store.ReadStreamAsync(stream)).Select(e => ((Noted)e.Data).Text).ToArray();
        Assert.Equal(Enumerable.Range(0, 7).Select(i => i.ToString()), texts);
    }

    private sealed record UnregisteredEvent;
}
