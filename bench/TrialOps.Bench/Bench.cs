using System.Diagnostics;
using Npgsql;
using TrialOps.EventStore;

namespace TrialOps.Bench;

[EventType("bench.recorded.v1")]
public sealed record BenchEvent(string Participant, decimal Value);

/// <summary>Counts events per type in a table, as a cheap but real read model.</summary>
public sealed class CountingProjection : IProjection
{
    public const string ProjectionName = "bench-counts";

    public string Name => ProjectionName;

    public async Task ApplyAsync(NpgsqlTransaction transaction, IReadOnlyList<StoredEvent> events, CancellationToken ct)
    {
        await using var create = new NpgsqlCommand("CREATE TABLE IF NOT EXISTS bench_counts (type text PRIMARY KEY, n bigint NOT NULL)", transaction.Connection, transaction);
        await create.ExecuteNonQueryAsync(ct);
        foreach (var group in events.GroupBy(e => e.Type))
        {
            await using var upsert = new NpgsqlCommand("INSERT INTO bench_counts VALUES ($1, $2) ON CONFLICT (type) DO UPDATE SET n = bench_counts.n + excluded.n", transaction.Connection, transaction);
            upsert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = group.Key });
            upsert.Parameters.Add(new NpgsqlParameter<long> { TypedValue = group.LongCount() });
            await upsert.ExecuteNonQueryAsync(ct);
        }
    }

    public async Task ResetAsync(NpgsqlTransaction transaction, CancellationToken ct)
    {
        await using var drop = new NpgsqlCommand("DROP TABLE IF EXISTS bench_counts", transaction.Connection, transaction);
        await drop.ExecuteNonQueryAsync(ct);
    }
}

public static class Bench
{
    public static EventMetadata Metadata()
    {
        var id = Guid.NewGuid();
        return new EventMetadata("bench", "DataEntry", null, id, id, id);
    }

    /// <summary>Operations per second with N concurrent workers, after a short warm-up.</summary>
    public static async Task<double> RateAsync(int workers, TimeSpan duration, Func<int, Task> operation)
    {
        for (var i = 0; i < 20; i++)
        {
            await operation(0);
        }

        long count = 0;
        var stopwatch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(w => Task.Run(async () =>
        {
            while (stopwatch.Elapsed < duration)
            {
                await operation(w);
                Interlocked.Increment(ref count);
            }
        })));
        return count / stopwatch.Elapsed.TotalSeconds;
    }

    public static async Task<TimeSpan> TimeAsync(Func<Task> work)
    {
        var stopwatch = Stopwatch.StartNew();
        await work();
        return stopwatch.Elapsed;
    }

    public static async Task ExecuteAsync(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Reads every row and column to the client, doing nothing with them: the floor for any consumer.</summary>
    public static async Task ReadAllAsync(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new object[8];
        while (await reader.ReadAsync())
        {
            reader.GetValues(values);
        }
    }

    public static async Task<long> ScalarAsync(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    public static void Report(string what, double value, string unit, double baseline, string baselineUnit, double? target = null, double? absoluteTarget = null)
    {
        var ratio = value / baseline;
        var verdict = target is { } t ? (ratio >= t ? $"meets ≥ {t:P0}" : $"misses ≥ {t:P0}")
            : absoluteTarget is { } a ? (value >= a ? $"meets ≥ {a:N0} {unit}" : $"misses ≥ {a:N0} {unit} by {(1 - value / a):P0}") : "";
        Console.WriteLine($"| {what} | {value:N0} {unit} | {baseline:N0} {baselineUnit} | {ratio:P0} | {verdict} |");
    }
}
