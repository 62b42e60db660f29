using Npgsql;
using Xunit;

namespace TrialOps.Testing;

/// <summary>
/// A fresh database with the migrations applied for one test class
/// (<c>IClassFixture&lt;DatabaseFixture&gt;</c>), on the process's embedded test cluster;
/// dropped when the class is done.
/// </summary>
public sealed class DatabaseFixture : IAsyncLifetime
{
    private TestDatabase? database;

    public NpgsqlDataSource DataSource => Database.DataSource;

    public string ConnectionString => Database.ConnectionString;

    public string DatabaseName => Database.Name;

    private TestDatabase Database => database ?? throw new InvalidOperationException("The database fixture is not initialized yet.");

    public async Task InitializeAsync() => database = await PostgresServer.CreateDatabaseAsync();

    public async Task DisposeAsync()
    {
        if (database is not null)
        {
            await database.DisposeAsync();
        }
    }
}
