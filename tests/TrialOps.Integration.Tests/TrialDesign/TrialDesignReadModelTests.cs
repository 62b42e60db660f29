using System.Text;
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

public sealed class TrialDesignReadModelTests(TrialDesignFixture fixture) : IClassFixture<TrialDesignFixture>
{
    private static readonly string[] Tables =
    [
        "protocols", "protocol_treatments", "protocol_sequences", "randomization_status",
        "pharmacy_allocations", "trial_status", "emergency_unblindings",
    ];

    private readonly TrialOpsRuntime _runtime = fixture.Runtime;
    private readonly DesignCommands _commands = fixture.Commands;

    [Fact]
    public async Task the_read_models_follow_the_trial_and_rebuild_to_identical_content()
    {
        await ImportAsync(_runtime, WithCode("RM-01", root => root["targetParticipants"] = 4));
        for (var i = 1; i <= 3; i++)
        {
            Assert.True((await RandomizeAsync(_runtime, "RM-01", i % 2 == 0 ? "S02" : "S01", $"P-{i:000}")).Result.Accepted);
        }

        Assert.True((await _commands.ExtendRandomizationListAsync("RM-01", "S01", 2, Coordinator, "more participants at S01", CancellationToken.None)).Accepted);
        Assert.True((await _commands.BreakBlindAsync("RM-01", "P-001", "Anaphylaxis; the treating physician needs the drug", true, Investigator, CancellationToken.None)).Accepted);
        await ImportAsync(_runtime, WithCode("RM-01", root =>
        {
            root["targetParticipants"] = 4;
            root["version"] = 2;
            root["treatments"]![0]!["label"] = "Ketamine hydrochloride 0.4 mg/kg IV over 40 minutes";
        }));
        Assert.True((await _commands.LockTrialAsync("RM-01", true, Coordinator, CancellationToken.None)).Accepted);
        Assert.True((await _commands.UnlockTrialAsync("RM-01", "late query on P-002", true, TrialWideInvestigator, CancellationToken.None)).Accepted);
        Assert.True((await _commands.LockTrialAsync("RM-01", true, TrialWideInvestigator, CancellationToken.None)).Accepted);
        Assert.True((await _commands.UnblindTrialAsync("RM-01", true, Statistician, CancellationToken.None)).Accepted);

        await _runtime.Projections.CatchUpAsync(TrialDesignProjection.ProjectionName);
        var built = await SnapshotAsync();

        var protocol = (await fixture.ProtocolViews.ListProtocolsAsync(Coordinator)).Single(p => p.Code == "RM-01");
        Assert.Equal((2, 2, "P7D"), (protocol.Version, protocol.PeriodCount, protocol.Washout));
        var status = await fixture.AllocationViews.GetRandomizationStatusAsync("RM-01", Coordinator);
        Assert.Equal([2, 1], status.Select(s => s.Used));
        Assert.Equal(1, status[0].Extensions);
        var trial = (await fixture.ProtocolViews.GetTrialStatusAsync("RM-01", Coordinator))!;
        Assert.Equal((true, TrialWideInvestigator.UserId, true, Statistician.UserId, "late query on P-002"), (trial.Locked, trial.LockedBy, trial.Unblinded, trial.UnblindedBy, trial.LastUnlockReason));
        var codeBreak = Assert.Single(trial.EmergencyUnblindings);
        Assert.Equal(("P-001", Investigator.UserId), (codeBreak.ParticipantId, codeBreak.PerformedBy));
        Assert.Equal([1, 2], codeBreak.CompromisedPeriods);
        var allocations = await fixture.AllocationViews.GetPharmacyAllocationsAsync("RM-01", Pharmacist);
        Assert.Equal(6, allocations.Count);
        Assert.Contains(allocations, a => a.TreatmentLabel == "Ketamine hydrochloride 0.4 mg/kg IV over 40 minutes");
        Assert.DoesNotContain(allocations, a => a.TreatmentLabel == "Ketamine hydrochloride 0.5 mg/kg IV over 40 minutes");

        await _runtime.Projections.RebuildAsync(TrialDesignProjection.ProjectionName);
        await _runtime.Projections.CatchUpAsync(TrialDesignProjection.ProjectionName);

        Assert.Equal(built, await SnapshotAsync());
    }

    [Fact]
    public async Task the_pharmacy_read_model_agrees_with_the_allocation_handed_over_at_randomization()
    {
        await ImportAsync(_runtime, WithCode("RM-02"));
        var (_, allocation) = await RandomizeAsync(_runtime, "RM-02", "S02", "P-201");
        var definition = (await fixture.History.DefinitionAsync("RM-02", CancellationToken.None))!;

        await _runtime.Projections.CatchUpAsync(TrialDesignProjection.ProjectionName);
        var view = (await fixture.AllocationViews.GetParticipantAllocationAsync("RM-02", "P-201", Pharmacist))!;

        Assert.Equal((allocation!.EntryNumber, allocation.SequenceNumber, "S02"), (view.EntryNumber, view.SequenceNumber, view.Stratum));
        Assert.Equal(allocation.Kits.Select(k => k.ToString()), view.Periods.Select(p => p.KitNumber));
        Assert.Equal(allocation.TreatmentCodes(definition), view.Periods.Select(p => p.TreatmentCode));
    }

    /// <summary>Every row of every trial-design table as text, in a fixed order.</summary>
    private async Task<string> SnapshotAsync()
    {
        var text = new StringBuilder();
        foreach (var table in Tables)
        {
            await using var command = _runtime.DataSource.CreateCommand($"SELECT t::text FROM {table} t ORDER BY t::text");
            await using var reader = await command.ExecuteReaderAsync();
            text.AppendLine($"-- {table}");
            var rows = 0;
            while (await reader.ReadAsync())
            {
                text.AppendLine(reader.GetString(0));
                rows++;
            }

            Assert.True(rows > 0, $"{table} is empty: the scenario does not exercise it");
        }

        return text.ToString();
    }
}
