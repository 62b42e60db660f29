using System.Text.Encodings.Web;
using System.Text.Json;
using TrialOps.AdverseEvents;
using TrialOps.Audit;
using TrialOps.Blinding;
using TrialOps.Common;
using TrialOps.Dosing;
using TrialOps.EventStore;
using TrialOps.Messaging;
using TrialOps.Participants;
using TrialOps.Protocols;
using TrialOps.Randomization;
using TrialOps.Runtime;
using static TrialOps.Integration.Tests.TrialDesign.TrialDesignSupport;

namespace TrialOps.Integration.Tests.TrialDesign;

/// <summary>
/// DESIGN.md §6: a blinded role cannot reach treatment identity through any query. Every query
/// method is called as every blinded role and its result searched for the protocol's treatment
/// codes and labels; the unblinded roles are checked to see them, so the search is not vacuous.
/// </summary>
public sealed class BlindedQueryTests(TrialDesignFixture fixture) : IClassFixture<TrialDesignFixture>, IAsyncLifetime
{
    private const string Blinded = "BLIND-01";
    private const string Unblinded = "UNBLIND-01";

    private readonly TrialOpsRuntime _runtime = fixture.Runtime;
    private readonly DesignCommands _commands = fixture.Commands;

    public static TheoryData<string> BlindedRoles => new(Roles.All.Where(role => BlindingPolicy.IsBlinded(role, trialUnblinded: false)).Append("Unknown"));

    /// <summary>Sets the trials up once per class (each test gets a new instance of this class).</summary>
    public async Task InitializeAsync()
    {
        if (await fixture.History.DefinitionAsync(Blinded, CancellationToken.None) is not null)
        {
            return;
        }

        foreach (var code in new[] { Blinded, Unblinded })
        {
            await ImportAsync(_runtime, DistinctiveProtocol(code));
            for (var i = 1; i <= 4; i++)
            {
                Assert.True((await RandomizeAsync(_runtime, code, i % 2 == 0 ? "S02" : "S01", $"P-{i:000}")).Result.Accepted);
            }

            Assert.True((await _commands.BreakBlindAsync(code, "P-001", "Severe hypertension; treating physician needs the drug", true, Investigator, CancellationToken.None)).Accepted);
        }

        Assert.True((await _commands.LockTrialAsync(Unblinded, true, Coordinator, CancellationToken.None)).Accepted);
        Assert.True((await _commands.UnblindTrialAsync(Unblinded, true, Statistician, CancellationToken.None)).Accepted);
        await ImportAsync(_runtime, KetBytes);
        Assert.True((await RandomizeAsync(_runtime, "KET-NP-01", "S01", "K-001")).Result.Accepted);
        await _runtime.Projections.CatchUpAsync(TrialDesignProjection.ProjectionName);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [MemberData(nameof(BlindedRoles))]
    public async Task no_query_gives_a_blinded_role_any_treatment_code_or_label(string role)
    {
        var viewer = new Actor($"u-{role.ToLowerInvariant()}", role);

        var texts = await EveryQueryAsync(Blinded, viewer, "P-002");

        Assert.All(texts, text => Assert.All(DistinctiveTreatmentTexts, secret => Assert.DoesNotContain(secret, text, StringComparison.OrdinalIgnoreCase)));
        Assert.Contains(texts, text => text.Contains("S01", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(BlindedRoles))]
    public async Task the_demo_protocol_shows_a_blinded_role_no_treatment_code_or_label(string role)
    {
        var definition = (await fixture.History.DefinitionAsync("KET-NP-01", CancellationToken.None))!;
        var viewer = new Actor($"u-{role.ToLowerInvariant()}", role);

        var texts = await EveryQueryAsync("KET-NP-01", viewer, "K-001");

        Assert.All(texts, text => Assert.All(definition.Treatments, treatment =>
        {
            Assert.False(ContainsToken(text, treatment.Code), $"{treatment.Code} in {text}");
            Assert.DoesNotContain(treatment.Label, text, StringComparison.OrdinalIgnoreCase);
        }));
    }

    [Theory]
    [MemberData(nameof(BlindedRoles))]
    public async Task allocation_queries_refuse_a_blinded_role_before_reading_anything(string role)
    {
        var viewer = new Actor($"u-{role.ToLowerInvariant()}", role);

        var all = await Assert.ThrowsAsync<BlindedAccessRefusedException>(() => fixture.AllocationViews.GetPharmacyAllocationsAsync(Blinded, viewer));
        var one = await Assert.ThrowsAsync<BlindedAccessRefusedException>(() => fixture.AllocationViews.GetParticipantAllocationAsync(Blinded, "P-002", viewer));
        var reveal = await Assert.ThrowsAsync<BlindedAccessRefusedException>(() => fixture.AllocationViews.RevealEmergencyAllocationAsync(Blinded, "P-002", viewer));

        Assert.False(await fixture.ProtocolViews.MaySeeTreatmentsAsync(Blinded, viewer));
        Assert.All(new[] { all.Message, one.Message, reveal.Message }, message => Assert.All(DistinctiveTreatmentTexts, secret => Assert.DoesNotContain(secret, message)));
    }

    [Fact]
    public async Task the_pharmacist_sees_treatments_and_every_allocation()
    {
        var protocol = (await fixture.ProtocolViews.GetProtocolAsync(Blinded, Pharmacist))!;
        var allocations = await fixture.AllocationViews.GetPharmacyAllocationsAsync(Blinded, Pharmacist);

        Assert.Equal(["ZQX7", "WVJ3"], protocol.Treatments!.Select(t => t.Code));
        Assert.Equal(2, protocol.Sequences!.Count);
        Assert.Equal(8, allocations.Count);
        Assert.All(allocations, a => Assert.Contains(a.TreatmentCode, new[] { "ZQX7", "WVJ3" }));
        Assert.Equal(2, allocations.Where(a => a.ParticipantId == "P-003").Select(a => a.TreatmentCode).Distinct().Count());
    }

    [Fact]
    public async Task the_statistician_is_blinded_until_the_trial_is_unblinded_after_lock()
    {
        Assert.Null((await fixture.ProtocolViews.GetProtocolAsync(Blinded, Statistician))!.Treatments);
        await Assert.ThrowsAsync<BlindedAccessRefusedException>(() => fixture.AllocationViews.GetPharmacyAllocationsAsync(Blinded, Statistician));

        Assert.NotNull((await fixture.ProtocolViews.GetProtocolAsync(Unblinded, Statistician))!.Treatments);
        Assert.Equal(8, (await fixture.AllocationViews.GetPharmacyAllocationsAsync(Unblinded, Statistician)).Count);
        Assert.Null((await fixture.ProtocolViews.GetProtocolAsync(Unblinded, Coordinator))!.Treatments);
    }

    [Fact]
    public async Task the_investigator_who_broke_the_blind_sees_that_participant_only()
    {
        var revealed = await fixture.AllocationViews.RevealEmergencyAllocationAsync(Blinded, "P-001", Investigator);
        var fromReadModel = (await fixture.AllocationViews.GetParticipantAllocationAsync(Blinded, "P-001", Investigator))!;

        Assert.Equal(2, revealed.Periods.Count);
        Assert.Equal(revealed.Periods, fromReadModel.Periods);
        await Assert.ThrowsAsync<BlindedAccessRefusedException>(() => fixture.AllocationViews.GetParticipantAllocationAsync(Blinded, "P-003", Investigator));
        await Assert.ThrowsAsync<BlindedAccessRefusedException>(() => fixture.AllocationViews.GetParticipantAllocationAsync(Blinded, "P-001", OtherInvestigator));
        await Assert.ThrowsAsync<BlindedAccessRefusedException>(() => fixture.AllocationViews.RevealEmergencyAllocationAsync(Blinded, "P-001", OtherInvestigator));
        await Assert.ThrowsAsync<BlindedAccessRefusedException>(() => fixture.AllocationViews.GetPharmacyAllocationsAsync(Blinded, Investigator));
    }

    [Fact]
    public async Task breaking_the_blind_needs_an_investigator_a_reason_and_a_signature()
    {
        Assert.Equal("not-permitted", (await _commands.BreakBlindAsync(Blinded, "P-002", "reason", true, Coordinator, CancellationToken.None)).Rejection?.Code);
        Assert.Equal("signature-required", (await _commands.BreakBlindAsync(Blinded, "P-002", "reason", false, Investigator, CancellationToken.None)).Rejection?.Code);
        Assert.Equal("reason-required", (await _commands.BreakBlindAsync(Blinded, "P-002", " ", true, Investigator, CancellationToken.None)).Rejection?.Code);
        Assert.Equal("blinding.not-randomized", (await _commands.BreakBlindAsync(Blinded, "P-999", "reason", true, Investigator, CancellationToken.None)).Rejection?.Code);
    }

    /// <summary>The JSON of every query's answer (refusals as their message) for the viewer.</summary>
    private async Task<IReadOnlyList<string>> EveryQueryAsync(string code, Actor viewer, string participantId)
    {
        var protocols = fixture.ProtocolViews;
        var allocations = fixture.AllocationViews;
        var texts = new List<string>
        {
            Json(await protocols.ListProtocolsAsync(viewer)),
            Json(await protocols.GetProtocolAsync(code, viewer)),
            Json(await allocations.GetRandomizationStatusAsync(code, viewer)),
            Json(await protocols.GetTrialStatusAsync(code, viewer)),
            Json(await protocols.MaySeeTreatmentsAsync(code, viewer)),
            await RefusalOrJsonAsync(() => allocations.GetPharmacyAllocationsAsync(code, viewer)),
            await RefusalOrJsonAsync(() => allocations.GetParticipantAllocationAsync(code, participantId, viewer)),
            await RefusalOrJsonAsync(() => fixture.AllocationViews.RevealEmergencyAllocationAsync(code, participantId, viewer)),
        };
        Assert.Null((await protocols.GetProtocolAsync(code, viewer))!.Treatments);
        Assert.Null((await protocols.GetProtocolAsync(code, viewer))!.Sequences);
        return texts;
    }

    private static async Task<string> RefusalOrJsonAsync<T>(Func<Task<T>> query)
    {
        try
        {
            return Json(await query());
        }
        catch (BlindedAccessRefusedException e)
        {
            return e.Message;
        }
    }

    /// <summary>Unescaped, so that a leaked label with a quote or a non-ASCII letter is still found.</summary>
    private static readonly JsonSerializerOptions Unescaped = new(EventTypeRegistry.JsonOptions) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static string Json<T>(T value) => JsonSerializer.Serialize(value, Unescaped);
}
