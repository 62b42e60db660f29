using TrialOps.AdverseEvents;
using TrialOps.Audit;
using TrialOps.Blinding;
using TrialOps.Dosing;
using TrialOps.Participants;
using TrialOps.Protocols;
using TrialOps.Randomization;
using TrialOps.Runtime;
using static TrialOps.Integration.Tests.TrialDesign.TrialDesignSupport;

namespace TrialOps.Integration.Tests.TrialDesign;

public sealed class ProtocolImportTests(TrialDesignFixture fixture) : IClassFixture<TrialDesignFixture>
{
    private readonly TrialOpsRuntime _runtime = fixture.Runtime;
    private readonly DesignCommands _commands = fixture.Commands;

    [Fact]
    public async Task importing_stores_the_protocol_with_its_sha_and_importer_and_creates_a_list_for_every_stratum()
    {
        var bytes = KetBytes;

        var outcome = await _commands.ImportProtocolAsync(bytes, Coordinator, CancellationToken.None);

        Assert.Equal(ProtocolImportStatus.Imported, outcome.Status);
        Assert.Equal(("KET-NP-01", 1, ProtocolFile.Sha256(bytes)), (outcome.Code, outcome.Version, outcome.FileSha256));
        var stored = Assert.Single(await _runtime.Store.ReadStreamAsync("protocol-KET-NP-01"));
        var imported = Assert.IsType<ProtocolImported>(stored.Data);
        Assert.Equal((ProtocolFile.Sha256(bytes), Coordinator.UserId, KetJson), (imported.FileSha256, imported.ImportedBy, imported.DefinitionJson));
        Assert.Equal((Coordinator.UserId, "Coordinator"), (stored.Metadata.ActorId, stored.Metadata.ActorRole));

        foreach (var stratum in new[] { "S01", "S02" })
        {
            var list = Assert.Single(await _runtime.Store.ReadStreamAsync($"randomization-KET-NP-01-{stratum}"));
            var generated = Assert.IsType<RandomizationListGenerated>(list.Data);
            Assert.Equal(12, generated.Parameters.RequestedLength);
            Assert.InRange(generated.Entries.Count, 12, 15);
            Assert.Equal(stored.Metadata.CommandId, list.Metadata.CommandId);
            Assert.Equal(RandomizationListGenerator.ListHash(generated.Entries), generated.ListHash);
        }

        Assert.Equal(["S01", "S02"], outcome.GeneratedLists.Select(l => l.Stratum));
        var definition = await fixture.History.DefinitionAsync("KET-NP-01", CancellationToken.None);
        Assert.Equal((1, 2), (definition!.Version, definition.PeriodCount));
    }

    [Fact]
    public async Task a_broken_file_stores_nothing_and_names_the_path_of_each_problem()
    {
        var before = await CountEventsAsync();
        var broken = WithCode("BROKEN-01", root => root["treatments"]![0]!["components"]![0]!["unit"] = "mg/kgg");

        var outcome = await _commands.ImportProtocolAsync(broken, Coordinator, CancellationToken.None);

        Assert.Equal(ProtocolImportStatus.Invalid, outcome.Status);
        Assert.Equal(["$.treatments[0].components[0].unit: unknown unit 'mg/kgg'"], outcome.Problems);
        Assert.Equal(before, await CountEventsAsync());
        Assert.Null(await fixture.History.DefinitionAsync("BROKEN-01", CancellationToken.None));
    }

    [Fact]
    public async Task a_file_beyond_the_protocol_limits_stores_nothing_and_names_each_path()
    {
        var before = await CountEventsAsync();
        var broken = WithCode("LIMITS-01", root =>
        {
            root["title"] = "Ketamine\u0000 for pain";
            root["safety"]!["saeReportHours"] = int.MaxValue;
            root["treatments"]![0]!["components"]![0]!["dose"] = 1e9m;
            root["sites"]![1]!["code"] = "s01";
        });

        var outcome = await _commands.ImportProtocolAsync(broken, Coordinator, CancellationToken.None);

        Assert.Equal(ProtocolImportStatus.Invalid, outcome.Status);
        Assert.Equal(
            [
                "$.title: contains the control character U+0000 at position 9; text may hold tabs and line breaks but no other control characters",
                "$.sites[1].code: must be 1 to 10 characters from A-Z and 0-9, found 's01'",
                "$.sites[1].code: duplicate site code 's01'",
                "$.treatments[0].components[0].dose: must be at most 1000 mg/kg, found 1000000000",
                "$.safety.saeReportHours: must be at most 720 (30 days), found 2147483647",
            ],
            outcome.Problems);
        Assert.Equal(before, await CountEventsAsync());
        Assert.Null(await fixture.History.DefinitionAsync("LIMITS-01", CancellationToken.None));
    }

    [Fact]
    public async Task a_higher_version_is_an_amendment_and_data_stays_attributable_to_the_version_in_force()
    {
        await ImportAsync(_runtime, WithCode("AMEND-01"));
        var version1 = (await fixture.History.VersionsAsync("AMEND-01", CancellationToken.None)).Single();
        var amendedBytes = WithCode("AMEND-01", root =>
        {
            root["version"] = 2;
            root["treatments"]![0]!["label"] = "Ketamine hydrochloride 0.4 mg/kg IV over 40 minutes";
        });

        var outcome = await _commands.ImportProtocolAsync(amendedBytes, Coordinator, CancellationToken.None);

        Assert.Equal(ProtocolImportStatus.Amended, outcome.Status);
        Assert.Empty(outcome.GeneratedLists);
        var events = await _runtime.Store.ReadStreamAsync("protocol-AMEND-01");
        var amended = Assert.IsType<ProtocolAmended>(events[^1].Data);
        Assert.Equal((2, 1, ProtocolFile.Sha256(amendedBytes), Coordinator.UserId), (amended.Version, amended.PreviousVersion, amended.FileSha256, amended.AmendedBy));
        Assert.Equal(2, (await fixture.History.DefinitionAsync("AMEND-01", CancellationToken.None))!.Version);
        Assert.Equal(1, (await fixture.History.InForceAtPositionAsync("AMEND-01", version1.Position, CancellationToken.None))!.Version);
        Assert.Equal(2, (await fixture.History.InForceAtPositionAsync("AMEND-01", events[^1].Position + 10, CancellationToken.None))!.Version);
        Assert.Equal(1, (await fixture.History.InForceAsync("AMEND-01", version1.RecordedAt, CancellationToken.None))!.Version);
        Assert.Null(await fixture.History.InForceAsync("AMEND-01", version1.RecordedAt.AddTicks(-10), CancellationToken.None));
    }

    [Fact]
    public async Task another_file_with_the_same_version_is_refused_and_stores_nothing()
    {
        await ImportAsync(_runtime, WithCode("SAMEVER-01"));
        var before = await CountEventsAsync();

        var outcome = await _commands.ImportProtocolAsync(WithCode("SAMEVER-01", root => root["title"] = "A different title"), Coordinator, CancellationToken.None);

        Assert.Equal(ProtocolImportStatus.Rejected, outcome.Status);
        Assert.Equal("protocol.version-not-higher", outcome.Rejection?.Code);
        Assert.Equal(before, await CountEventsAsync());
    }

    [Fact]
    public async Task the_identical_file_again_is_reported_as_already_imported_and_writes_nothing()
    {
        var bytes = WithCode("AGAIN-01");
        await ImportAsync(_runtime, bytes);
        var before = await CountEventsAsync();

        var outcome = await _commands.ImportProtocolAsync(bytes, Coordinator, CancellationToken.None);

        Assert.Equal(ProtocolImportStatus.AlreadyImported, outcome.Status);
        Assert.True(outcome.Succeeded);
        Assert.StartsWith("already imported: AGAIN-01 version 1", outcome.Summary);
        Assert.Equal(before, await CountEventsAsync());
    }

    [Fact]
    public async Task an_administrators_import_leaves_the_lists_to_a_coordinator()
    {
        var outcome = await ImportAsync(_runtime, WithCode("ADMIN-01"), Administrator);

        Assert.Equal(["S01", "S02"], outcome.StrataWithoutList);
        Assert.Empty(await _runtime.Store.ReadStreamAsync("randomization-ADMIN-01-S01"));
        Assert.Equal("not-permitted", (await _commands.GenerateMissingRandomizationListsAsync("ADMIN-01", Administrator, CancellationToken.None)).Rejection?.Code);

        var generated = await _commands.GenerateMissingRandomizationListsAsync("ADMIN-01", Coordinator, CancellationToken.None);

        Assert.True(generated.Accepted);
        Assert.Equal(2, generated.Positions.Count);
        Assert.All(await fixture.AllocationViews.GetRandomizationListStatusAsync("ADMIN-01", CancellationToken.None), s => Assert.True(s.HasList));
    }

    [Fact]
    public async Task a_resubmitted_command_id_returns_the_first_result_and_writes_nothing_new()
    {
        var context = Messaging.CommandContext.New(Coordinator);
        var first = await _commands.ImportProtocolAsync(WithCode("IDEM-01"), context, CancellationToken.None);
        var before = await CountEventsAsync();

        var again = await _commands.ImportProtocolAsync(WithCode("IDEM-01"), context, CancellationToken.None);

        Assert.Equal(ProtocolImportStatus.Imported, first.Status);
        Assert.Equal(ProtocolImportStatus.AlreadyImported, again.Status);
        Assert.True(again.Command!.Duplicate);
        Assert.Equal(before, await CountEventsAsync());
    }

    private async Task<long> CountEventsAsync()
    {
        await using var command = _runtime.DataSource.CreateCommand("SELECT count(*) FROM event_hashes");
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
