using TrialOps.Messaging;
using TrialOps.Testing;
using static TrialOps.Platform.Tests.Platform;

namespace TrialOps.Platform.Tests;

public sealed class DeadLetterTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task a_message_that_keeps_failing_is_dead_lettered_after_n_attempts_with_its_last_error_and_can_be_replayed()
    {
        var executor = new CommandExecutor(Store(db.DataSource), TimeProvider.System);
        var stream = NewStream();
        await executor.ExecuteAsync(Context(), [stream], (_, _) =>
            Decision.Append(stream, new Noted(stream, "x")).Send(new OutgoingMessage("sponsor.notify", new { stream })));
        var attempts = 0;
        var failing = true;
        var handlers = new MessageHandlers().On("sponsor.notify", (_, _) =>
        {
            attempts++;
            return failing ? throw new HttpRequestException($"sponsor gateway down (attempt {attempts})") : Task.CompletedTask;
        });
        var dispatcher = new MessageDispatcher(db.DataSource, handlers, new DispatcherOptions { MaxAttempts = 3, BaseBackoff = TimeSpan.FromMilliseconds(20) });

        for (var i = 0; i < 100 && (await DeadLetters.ListAsync(db.DataSource)).Count == 0; i++)
        {
            await dispatcher.DispatchDueAsync();
            await Task.Delay(20);
        }

        var dead = Assert.Single(await DeadLetters.ListAsync(db.DataSource));
        Assert.Equal(3, attempts);
        Assert.Equal(3, dead.Attempts);
        Assert.Contains("sponsor gateway down (attempt 3)", dead.LastError);

        failing = false;
        Assert.True(await DeadLetters.ReplayAsync(db.DataSource, dead.Id));
        await dispatcher.DispatchDueAsync();
        Assert.Empty(await DeadLetters.ListAsync(db.DataSource));
        Assert.Equal("done", await ScalarAsync($"SELECT status FROM messages WHERE id = {dead.Id}"));
        Assert.False(await DeadLetters.ReplayAsync(db.DataSource, 999_999));
    }

    private async Task<string?> ScalarAsync(string sql)
    {
        await using var command = db.DataSource.CreateCommand(sql);
        return (string?)await command.ExecuteScalarAsync();
    }
}

public sealed class MessageOrderTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task messages_of_one_stream_are_handled_in_order_even_when_an_earlier_one_is_retried()
    {
        var executor = new CommandExecutor(Store(db.DataSource), TimeProvider.System);
        var stream = NewStream();
        for (var i = 1; i <= 3; i++)
        {
            var n = i;
            await executor.ExecuteAsync(Context(), [stream], (_, _) =>
                Decision.Append(stream, new Noted(stream, $"{n}")).Send(new OutgoingMessage("ordered", new Step(n), OrderingKey: stream)));
        }

        var handled = new List<int>();
        var failedOnce = false;
        var handlers = new MessageHandlers().On("ordered", (m, _) =>
        {
            var step = m.Payload<Step>().N;
            if (step == 1 && !failedOnce)
            {
                failedOnce = true;
                throw new TimeoutException("transient");
            }

            handled.Add(step);
            return Task.CompletedTask;
        });
        var dispatcher = new MessageDispatcher(db.DataSource, handlers, new DispatcherOptions { BaseBackoff = TimeSpan.FromMilliseconds(50) });

        for (var i = 0; i < 100 && handled.Count < 3; i++)
        {
            await dispatcher.DispatchDueAsync();
            await Task.Delay(20);
        }

        Assert.Equal([1, 2, 3], handled);
    }

    [Fact]
    public async Task a_scheduled_message_is_not_delivered_before_its_time()
    {
        var executor = new CommandExecutor(Store(db.DataSource), TimeProvider.System);
        var stream = NewStream();
        await executor.ExecuteAsync(Context(), [stream], (_, now) =>
            Decision.Append(stream, new Noted(stream, "dosed")).Send(new OutgoingMessage("washout.elapsed", new Step(1), now.AddHours(1), stream)));
        var delivered = 0;
        var dispatcher = new MessageDispatcher(db.DataSource, new MessageHandlers().On("washout.elapsed", (_, _) => { delivered++; return Task.CompletedTask; }));

        Assert.Equal(0, await dispatcher.DispatchDueAsync());
        Assert.Equal(0, delivered);
        Assert.Equal(1, await CountAsync(db.DataSource, "SELECT count(*) FROM messages WHERE type = 'washout.elapsed' AND status = 'pending' AND deliver_at > now() + interval '59 minutes'"));
    }

    private sealed record Step(int N);
}
