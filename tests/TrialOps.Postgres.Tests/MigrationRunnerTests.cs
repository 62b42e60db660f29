using Npgsql;
using TrialOps.Testing;

namespace TrialOps.Postgres.Tests;

public sealed class MigrationRunnerTests
{
    // Deliberately out of order: the runner orders by number, not by list position.
    private static readonly IReadOnlyList<Migration> Placeholders =
    [
        Migration.FromFile("0010_third.sql", "INSERT INTO applied_order (name) VALUES ('third');"),
        Migration.FromFile("0001_first.sql",
            """
            CREATE TABLE applied_order (seq serial PRIMARY KEY, name text NOT NULL);
            INSERT INTO applied_order (name) VALUES ('first');
            """),
        // Slow enough for concurrent callers to overlap.
        Migration.FromFile("0002_second.sql", "SELECT pg_sleep(0.3); INSERT INTO applied_order (name) VALUES ('second');"),
    ];

    [Fact]
    public async Task the_first_apply_runs_every_migration_in_numeric_order_and_the_second_applies_nothing()
    {
        await using var database = await PostgresServer.CreateDatabaseAsync(migrated: false);

        var first = await MigrationRunner.ApplyAsync(database.DataSource, Placeholders);
        var second = await MigrationRunner.ApplyAsync(database.DataSource, Placeholders);

        Assert.Equal(["0001_first", "0002_second", "0010_third"], first);
        Assert.Empty(second);
        Assert.Equal(["first", "second", "third"], await Names(database.DataSource, "SELECT name FROM applied_order ORDER BY seq"));
    }

    [Fact]
    public async Task two_concurrent_callers_apply_each_migration_exactly_once()
    {
        await using var database = await PostgresServer.CreateDatabaseAsync(migrated: false);
        await using var otherNode = NpgsqlDataSource.Create(database.ConnectionString);

        var results = await Task.WhenAll(
            Task.Run(() => MigrationRunner.ApplyAsync(database.DataSource, Placeholders)),
            Task.Run(() => MigrationRunner.ApplyAsync(otherNode, Placeholders)));

        Assert.Equal(["0001_first", "0002_second", "0010_third"], results.SelectMany(applied => applied).Order());
        Assert.Contains(results, applied => applied.Count == 0);
        Assert.Equal(["first", "second", "third"], await Names(database.DataSource, "SELECT name FROM applied_order ORDER BY seq"));
        Assert.Equal(["0001_first", "0002_second", "0010_third"], await Names(database.DataSource, "SELECT name FROM schema_migrations ORDER BY number"));
    }

    [Fact]
    public async Task an_applied_migration_whose_file_changed_is_refused()
    {
        await using var database = await PostgresServer.CreateDatabaseAsync(migrated: false);
        await MigrationRunner.ApplyAsync(database.DataSource, Placeholders);
        var edited = Placeholders
            .Select(migration => migration.Number == 10 ? migration with { Sql = migration.Sql + " -- edited" } : migration)
            .Append(Migration.FromFile("0011_fourth.sql", "INSERT INTO applied_order (name) VALUES ('fourth');"))
            .ToList();

        var refused = await Assert.ThrowsAsync<MigrationChecksumMismatchException>(() => MigrationRunner.ApplyAsync(database.DataSource, edited));

        Assert.Equal(["0010_third"], refused.ChangedMigrations);
        Assert.Contains("0010_third", refused.Message);
        Assert.Equal(["first", "second", "third"], await Names(database.DataSource, "SELECT name FROM applied_order ORDER BY seq"));
    }

    [Fact]
    public async Task a_changed_line_ending_is_not_an_edit()
    {
        var unix = Migration.FromFile("0001_x.sql", "SELECT 1;\nSELECT 2;\n");
        var windows = Migration.FromFile("0001_x.sql", "SELECT 1;\r\nSELECT 2;\r\n");

        Assert.Equal(unix.Checksum, windows.Checksum);
        Assert.NotEqual(unix.Checksum, (unix with { Sql = "SELECT 3;\n" }).Checksum);
        await Task.CompletedTask;
    }

    [Fact]
    public async Task a_failing_migration_is_rolled_back_and_stops_the_run()
    {
        await using var database = await PostgresServer.CreateDatabaseAsync(migrated: false);
        IReadOnlyList<Migration> migrations =
        [
            Migration.FromFile("0001_ok.sql", "CREATE TABLE kept (id int);"),
            Migration.FromFile("0002_broken.sql", "CREATE TABLE half_done (id int); SELECT * FROM no_such_table;"),
            Migration.FromFile("0003_later.sql", "CREATE TABLE later (id int);"),
        ];

        var failed = await Assert.ThrowsAsync<MigrationFailedException>(() => MigrationRunner.ApplyAsync(database.DataSource, migrations));

        Assert.Equal("0002_broken", failed.Migration);
        Assert.Equal(["kept"], await Names(database.DataSource,
            "SELECT table_name::text FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'schema_migrations'"));
        var status = await MigrationRunner.StatusAsync(database.DataSource, migrations);
        Assert.Equal([true, false, false], status.Select(migration => migration.AppliedAt is not null));
    }

    [Fact]
    public async Task status_lists_pending_applied_and_unknown_migrations_in_order()
    {
        await using var database = await PostgresServer.CreateDatabaseAsync(migrated: false);
        var before = await MigrationRunner.StatusAsync(database.DataSource, Placeholders);
        await MigrationRunner.ApplyAsync(database.DataSource, Placeholders.Where(migration => migration.Number < 10).ToList());

        var after = await MigrationRunner.StatusAsync(database.DataSource, Placeholders.Where(migration => migration.Number != 2).ToList());

        Assert.All(before, migration => Assert.Null(migration.AppliedAt));
        Assert.Equal([1, 2, 10], after.Select(migration => migration.Number));
        Assert.Equal(["0001_first", "0002_second", "0010_third"], after.Select(migration => migration.Name));
        Assert.Equal([true, true, false], after.Select(migration => migration.AppliedAt is not null));
    }

    [Fact]
    public async Task the_embedded_migrations_apply_cleanly_to_an_empty_database()
    {
        await using var database = await PostgresServer.CreateDatabaseAsync(migrated: false);

        var applied = await MigrationRunner.ApplyAsync(database.DataSource);

        Assert.Contains("0001_event_store", applied);
        Assert.Equal(MigrationRunner.Embedded.Select(migration => migration.Name), applied);
        Assert.Equal(applied.Order(StringComparer.Ordinal), applied);
        Assert.Empty(await MigrationRunner.ApplyAsync(database.DataSource));
        Assert.All(await MigrationRunner.StatusAsync(database.DataSource), migration => Assert.NotNull(migration.AppliedAt));
    }

    private static async Task<List<string>> Names(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync();
        var names = new List<string>();
        while (await reader.ReadAsync())
        {
            names.Add(reader.GetString(0));
        }
        return names;
    }
}
