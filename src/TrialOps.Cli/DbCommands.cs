using System.CommandLine;
using TrialOps.Postgres;

namespace TrialOps.Cli;

public static class DbCommands
{
    public static void Add(RootCommand root)
    {
        var db = new Command("db", "Database maintenance.");

        var migrate = new Command("migrate", "Apply pending migrations (idempotent; runs under an advisory lock).");
        migrate.SetAction(Cli.WithRuntime(async (runtime, _, ct) =>
        {
            var applied = runtime.Database.AppliedMigrations.Concat(await MigrationRunner.ApplyAsync(runtime.DataSource, ct)).ToArray();
            Console.WriteLine(applied.Length == 0 ? "Database is up to date." : $"Applied: {string.Join(", ", applied)}");
            if (runtime.UpgradedFromV01 is { } upgrade)
            {
                Console.WriteLine(
                    $"Upgraded from TrialOps 0.1: {upgrade.Events} events verified and moved into the event store; " +
                    $"{upgrade.SealedNow} sealed into the ledger; read models rebuilt: {(upgrade.ProjectionsToRebuild.Count == 0 ? "none" : string.Join(", ", upgrade.ProjectionsToRebuild))}.");
            }

            if (runtime.MovedV01Messages > 0)
            {
                Console.WriteLine($"Moved {runtime.MovedV01Messages} pending messages written by TrialOps 0.1 into Wolverine's store.");
            }
            return 0;
        }, upgradeEventStore: true));

        var status = new Command("status", "Show the database, its migrations and event counts.");
        status.SetAction(Cli.WithRuntime(async (runtime, _, ct) =>
        {
            var builder = new Npgsql.NpgsqlConnectionStringBuilder(runtime.Database.ConnectionString);
            Console.WriteLine($"Database: {(runtime.Database.IsEmbedded ? "embedded" : "configured")} {builder.Host}:{builder.Port}/{builder.Database}");
            foreach (var migration in await MigrationRunner.StatusAsync(runtime.DataSource, ct))
            {
                Console.WriteLine($"  {migration.Number:0000} {migration.Name,-30} {(migration.AppliedAt is { } at ? $"applied {at:u}" : "pending")}");
            }

            await using var count = runtime.DataSource.CreateCommand($"SELECT count(*), coalesce(max(position), 0), (SELECT count(*) FROM ledger) FROM {EventStore.EventStore.EventsView} e");
            await using var reader = await count.ExecuteReaderAsync(ct);
            await reader.ReadAsync(ct);
            Console.WriteLine($"Events: {reader.GetInt64(0)} (last position {reader.GetInt64(1)}, {reader.GetInt64(2)} sealed in the ledger)");
            return 0;
        }));

        db.Subcommands.Add(migrate);
        db.Subcommands.Add(status);
        root.Subcommands.Add(db);
    }
}
