using Npgsql;

namespace TrialOps.Testing;

/// <summary>A database of the test cluster that belongs to one test class or test; dropped on dispose.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly Func<string, Task> drop;

    internal TestDatabase(string name, string connectionString, NpgsqlDataSource dataSource, Func<string, Task> drop)
    {
        Name = name;
        ConnectionString = connectionString;
        DataSource = dataSource;
        this.drop = drop;
    }

    public string Name { get; }

    public string ConnectionString { get; }

    public NpgsqlDataSource DataSource { get; }

    public async ValueTask DisposeAsync()
    {
        await DataSource.DisposeAsync();
        await drop(Name);
    }
}
