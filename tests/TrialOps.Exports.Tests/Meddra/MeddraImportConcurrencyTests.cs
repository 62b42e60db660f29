using TrialOps.Common;
using TrialOps.Meddra;
using TrialOps.Messaging;
using TrialOps.Runtime;
using TrialOps.Testing;

namespace TrialOps.Exports.Tests.Meddra;

/// <summary>Two imports of one version at the same moment (two operators, a double start) store it once.</summary>
public sealed class MeddraImportConcurrencyTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task the_same_version_imported_twice_at_once_is_stored_once_and_the_second_is_told_why()
    {
        await using var runtime = await TrialOpsRuntime.StartAsync(database.ConnectionString);
        var administrator = new Actor("admin.ada", Roles.Administrator);
        var command = new ImportMeddraDictionary(MeddraDistribution.Read(MeddraDistributionTests.Synthetic), administrator);

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
            MeddraImporter.ImportAsync(runtime.Store, runtime.Clock, CommandContext.New(administrator), command))));

        Assert.Single(results, r => r.Accepted);
        Assert.All(results.Where(r => !r.Accepted), r => Assert.Equal(ImportMeddraDictionary.AlreadyImported, r.Rejection?.Code));
        Assert.Single(await runtime.Store.ReadStreamAsync(MeddraStreams.Dictionaries));
        await using var count = database.DataSource.CreateCommand("SELECT count(*) FROM meddra_llt");
        Assert.Equal(13L, await count.ExecuteScalarAsync());
    }
}
