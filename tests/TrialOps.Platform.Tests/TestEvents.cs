using TrialOps.EventStore;
using TrialOps.Messaging;

namespace TrialOps.Platform.Tests;

[EventType("test.noted.v1")]
public sealed record Noted(string StreamId, string Text);

[EventType("test.corrected.v1", RequiresReason = true)]
public sealed record NoteCorrected(string StreamId, string Text);

/// <summary>Values that JSON writes in more than one way (decimals, escapes, non-ASCII, nesting), for the bulk import's encoder.</summary>
[EventType("test.measured.v1")]
public sealed record Measured(string StreamId, string Text, decimal Value, double Ratio, long Count, IReadOnlyList<string> Tags, IReadOnlyDictionary<string, decimal>? Extra, DateTimeOffset At);

/// <summary>A record without an alias: the store refuses to write it.</summary>
public sealed record Unregistered(string StreamId);

public static class Platform
{
    public static EventTypeRegistry Registry { get; } = EventTypeRegistry.FromAssemblies(typeof(Noted).Assembly);

    public static EventMetadata Metadata(string? reason = null)
    {
        var id = Guid.NewGuid();
        return new EventMetadata("user-1", "Coordinator", reason, id, id, id);
    }

    public static EventStore.EventStore Store(Npgsql.NpgsqlDataSource dataSource, params IInlineProjection[] inline) =>
        new(dataSource, Registry, TimeProvider.System, inline);

    public static CommandContext Context(Guid? commandId = null) =>
        new(commandId ?? Guid.NewGuid(), new Actor("user-1", "Coordinator"), Guid.NewGuid());

    public static string NewStream() => $"test-{Guid.NewGuid():N}";

    public static async Task ExecuteAsync(Npgsql.NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }

    public static async Task<long> CountAsync(Npgsql.NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }
}
