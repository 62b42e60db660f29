using Npgsql;
using TrialOps.Testing;

namespace TrialOps.Postgres.Tests;

public sealed class DatabaseFixtureTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task the_class_database_is_fresh_and_has_every_migration_applied()
    {
        var status = await MigrationRunner.StatusAsync(fixture.DataSource);

        Assert.Equal(MigrationRunner.Embedded.Select(migration => migration.Name), status.Select(migration => migration.Name));
        Assert.All(status, migration => Assert.NotNull(migration.AppliedAt));
        await using var command = fixture.DataSource.CreateCommand("SELECT current_database()");
        Assert.Equal(fixture.DatabaseName, await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task an_extra_database_is_separate_and_dropped_when_disposed()
    {
        string name;
        await using (var extra = await PostgresServer.CreateDatabaseAsync())
        {
            name = extra.Name;
            Assert.NotEqual(fixture.DatabaseName, name);
            await using var create = extra.DataSource.CreateCommand("CREATE TABLE only_here (id int)");
            await create.ExecuteNonQueryAsync();
        }

        await using var admin = new NpgsqlConnection(await PostgresServer.ConnectionStringForAsync("postgres"));
        await admin.OpenAsync();
        await using var exists = new NpgsqlCommand("SELECT count(*) FROM pg_database WHERE datname = $1", admin);
        exists.Parameters.Add(new NpgsqlParameter { Value = name });
        Assert.Equal(0L, await exists.ExecuteScalarAsync());
        await using var inFixture = fixture.DataSource.CreateCommand("SELECT to_regclass('only_here') IS NULL");
        Assert.Equal(true, await inFixture.ExecuteScalarAsync());
    }
}
