using Npgsql;

namespace TrialOps.Postgres.Tests;

internal static class ClusterProbe
{
    public static async Task<object?> Scalar(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        return await command.ExecuteScalarAsync();
    }

    public static int RecordedPort(string dataDirectory) =>
        int.Parse(File.ReadAllText(Path.Combine(dataDirectory, "trialops.port")).Trim());

    public static string PostmasterPid(string dataDirectory) =>
        File.ReadLines(Path.Combine(dataDirectory, "postmaster.pid")).First().Trim();

    /// <summary>The real user id of the running postmaster, from /proc.</summary>
    public static uint ServerProcessUserId(string dataDirectory)
    {
        var uidLine = File.ReadLines($"/proc/{PostmasterPid(dataDirectory)}/status").First(line => line.StartsWith("Uid:", StringComparison.Ordinal));
        return uint.Parse(uidLine.Split('\t', StringSplitOptions.RemoveEmptyEntries)[1]);
    }
}
