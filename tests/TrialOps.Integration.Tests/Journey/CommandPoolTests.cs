using Npgsql;
using TrialOps.Messaging;
using TrialOps.Integration.Tests.TrialDesign;
using TrialOps.Seed;

namespace TrialOps.Integration.Tests.Journey;

/// <summary>
/// The command path's pool skips Npgsql's session reset (<c>No Reset On Close</c>): after a demo's
/// worth of commands (four at a time), a rejected one and one whose decision threw, every connection
/// it hands out carries no session state and no open transaction the next command could see.
/// </summary>
public sealed class CommandPoolTests(JourneyFixture fixture) : IClassFixture<JourneyFixture>
{
    [Fact]
    public async Task a_command_connection_back_in_its_pool_carries_no_session_state()
    {
        var store = fixture.Runtime.Store;
        Assert.True(new NpgsqlConnectionStringBuilder(store.CommandDataSource.ConnectionString).NoResetOnClose);
        Assert.False(new NpgsqlConnectionStringBuilder(store.DataSource.ConnectionString).NoResetOnClose);

        var report = await DemoTrial.RunAsync(fixture.Runtime, TrialDesignSupport.WithCode("POOL-STATE"), new DemoOptions(8, 3, Parallelism: 4));
        Assert.NotEmpty(report.Participants);
        var context = CommandContext.New(new Actor("pool.test", "Investigator"));
        var rejected = await fixture.Runtime.Executor.ExecuteAsync(context, ["participant-POOL-STATE-S01-001"], (_, _) => Decision.Reject("test.rejected", "Rejected by the test."));
        Assert.False(rejected.Accepted);
        await Assert.ThrowsAsync<InvalidOperationException>(() => fixture.Runtime.Executor.ExecuteAsync(CommandContext.New(new Actor("pool.test", "Investigator")), ["participant-POOL-STATE-S01-001"], (_, _) => throw new InvalidOperationException("a decision that throws")));

        // More connections at once than the pool has idle: every used one is among them.
        var connections = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => store.CommandDataSource.OpenConnectionAsync().AsTask()));
        try
        {
            var backends = new HashSet<int>();
            foreach (var connection in connections)
            {
                await using var state = new NpgsqlCommand(
                    """
                    SELECT (SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()),
                           (SELECT count(*) FROM pg_listening_channels()),
                           (SELECT string_agg(name, ', ') FROM pg_settings WHERE source = 'session'),
                           (SELECT count(*) FROM pg_class WHERE relnamespace = pg_my_temp_schema()),
                           txid_current_if_assigned() IS NULL
                    """,
                    connection);
                await using var reader = await state.ExecuteReaderAsync();
                Assert.True(await reader.ReadAsync());
                Assert.Equal(0L, reader.GetInt64(0));
                Assert.Equal(0L, reader.GetInt64(1));
                Assert.True(reader.IsDBNull(2), $"settings changed in the session: {(reader.IsDBNull(2) ? "" : reader.GetString(2))}");
                Assert.Equal(0L, reader.GetInt64(3));
                Assert.True(reader.GetBoolean(4));
                backends.Add(connection.ProcessID);
            }

            Assert.Equal(connections.Length, backends.Count);
        }
        finally
        {
            foreach (var connection in connections)
            {
                await connection.DisposeAsync();
            }
        }
    }
}
