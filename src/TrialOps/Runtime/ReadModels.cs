using Npgsql;
using TrialOps.EventStore;

namespace TrialOps.Runtime;

/// <summary>The read models Marten's async daemon runs (<see cref="ReadModelDaemon"/>); the ledger stays on our own daemon (ADR 0012).</summary>
public static class ReadModels
{
    public static IReadOnlyList<IReadModelProjection> All() =>
    [
        new Identity.UsersProjection(),
        new Protocols.TrialDesignProjection(),
        new Participants.ParticipantViewsProjection(),
    ];

    /// <summary>
    /// A database whose read models were built by TrialOps' own daemon (before they moved to Marten's)
    /// has a checkpoint in <c>projection_checkpoints</c> and no Marten progression: its read models
    /// are cleared once so that Marten's daemon applies every event again from position zero.
    /// </summary>
    public static async Task AdoptAsync(NpgsqlDataSource dataSource, IReadOnlyList<IReadModelProjection> readModels, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using (var exclusive = new NpgsqlCommand("SELECT pg_advisory_xact_lock($1)", connection, transaction))
        {
            // "TOReadMd": two nodes starting at once adopt the read models once.
            exclusive.Parameters.Add(new NpgsqlParameter<long> { TypedValue = 0x544F_5265_6164_4D64 });
            await exclusive.ExecuteNonQueryAsync(ct);
        }

        foreach (var readModel in readModels)
        {
            await using var old = new NpgsqlCommand("DELETE FROM projection_checkpoints WHERE name = $1", connection, transaction);
            old.Parameters.Add(new NpgsqlParameter<string> { TypedValue = readModel.Name });
            if (await old.ExecuteNonQueryAsync(ct) == 0)
            {
                continue;
            }

            await using var batch = new NpgsqlBatch(connection, transaction);
            foreach (var statement in readModel.ResetStatements)
            {
                batch.BatchCommands.Add(new NpgsqlBatchCommand(statement));
            }

            var unpark = new NpgsqlBatchCommand("DELETE FROM projection_parked_events WHERE projection = $1");
            unpark.Parameters.Add(new NpgsqlParameter<string> { TypedValue = readModel.Name });
            batch.BatchCommands.Add(unpark);
            var progression = new NpgsqlBatchCommand("DELETE FROM mt_event_progression WHERE name = $1");
            progression.Parameters.Add(new NpgsqlParameter<string> { TypedValue = ReadModelDaemon.ShardOf(readModel.Name) });
            batch.BatchCommands.Add(progression);
            await batch.ExecuteNonQueryAsync(ct);
        }

        await transaction.CommitAsync(ct);
    }
}

/// <summary>Projections that must be current inside the command's transaction.</summary>
public static class InlineProjections
{
    /// <summary>The inline projections Marten runs itself (<see cref="Participants.SubjectNumbersProjection"/>) and their documents.</summary>
    public static void ConfigureMarten(Marten.StoreOptions options) => Participants.SubjectNumbersProjection.Configure(options);

    public static IReadOnlyList<IInlineProjection> All() =>
    [
        new Identity.UsersProjection(),
        new AdverseEvents.AdverseEventCasesProjection(),
    ];
}
