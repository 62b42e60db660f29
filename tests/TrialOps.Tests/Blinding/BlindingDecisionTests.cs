using System.Text.Json;
using TrialOps.Blinding;
using TrialOps.Common;
using TrialOps.EventStore;
using TrialOps.Messaging;
using TrialOps.Protocols;
using TrialOps.Randomization;
using static TrialOps.Tests.Randomization.RandomizationFixtures;
using static TrialOps.Tests.Signatures.SignatureFixtures;

namespace TrialOps.Tests.Blinding;

public class BlindingDecisionTests
{
    private const string Reason = "Suspected serious allergic reaction; treating physician needs to know the drug";

    [Fact]
    public void an_investigator_breaks_the_blind_for_one_participant_compromising_all_their_periods_and_the_sponsor_is_told()
    {
        var state = RandomizationListState.From([GeneratedList(), Assigned("P-001", 1), Assigned("P-002", 2)]);

        var decision = BreakBlindInEmergency.Decide(state, new BreakBlindInEmergency(KetCode, "S01", "P-002", Reason, SignedBy(Investigator), Investigator), Now, AccountOf(Investigator, version: 3));

        Assert.Equal(2, decision.Events.Count);
        var pending = decision.Events[0];
        Assert.Equal("randomization-KET-NP-01-S01", pending.StreamId);
        Assert.Equal(
            new TrialOps.Signatures.RecordSigned("randomization-KET-NP-01-S01", 4, Investigator.UserId, "Dr u-investigator", Roles.Investigator, TrialOps.Signatures.SignatureMeanings.ResponsibleFor, "code break of participant P-002", Now),
            decision.Events[1].Data);
        var performed = Assert.IsType<EmergencyUnblindingPerformed>(pending.Data);
        Assert.Equal((KetCode, "S01", Investigator.UserId, Now, "P-002", 2, Reason), (performed.Protocol, performed.Stratum, performed.PerformedBy, performed.PerformedAt, performed.ParticipantId, performed.EntryNumber, performed.Reason));
        Assert.Equal([1, 2], performed.CompromisedPeriods);

        var message = Assert.Single(decision.Messages);
        Assert.Equal("sponsor.unblinding-notification", message.Type);
        Assert.Equal("randomization-KET-NP-01-S01", message.OrderingKey);
        var notification = Assert.IsType<SponsorUnblindingNotification>(message.Payload);
        Assert.Equal(("P-002", Investigator.UserId, Now, Reason), (notification.ParticipantId, notification.PerformedBy, notification.PerformedAt, notification.Reason));
        Assert.Equal([1, 2], notification.CompromisedPeriods);
    }

    [Fact]
    public void the_code_break_event_and_the_sponsor_message_name_no_treatment_or_kit()
    {
        var generated = GeneratedList();
        var state = RandomizationListState.From([generated, Assigned("P-001", 1)]);

        var decision = BreakBlindInEmergency.Decide(state, new BreakBlindInEmergency(KetCode, "S01", "P-001", Reason, SignedBy(Investigator), Investigator), Now, AccountOf(Investigator, version: 3));

        var texts = new[]
        {
            JsonSerializer.Serialize(decision.Events[0].Data, EventTypeRegistry.JsonOptions),
            JsonSerializer.Serialize(decision.Events[1].Data, EventTypeRegistry.JsonOptions),
            JsonSerializer.Serialize(decision.Messages[0].Payload, EventTypeRegistry.JsonOptions),
        };
        Assert.All(texts, json =>
        {
            Assert.DoesNotContain("PBO", json);
            Assert.DoesNotContain("\"KET\"", json);
            Assert.DoesNotContain("sequence", json, StringComparison.OrdinalIgnoreCase);
            Assert.All(generated.Entries[0].Kits, kit => Assert.DoesNotContain(kit.ToString(), json));
        });
    }

    [Theory]
    [InlineData("Coordinator")]
    [InlineData("Pharmacist")]
    [InlineData("Statistician")]
    [InlineData("Administrator")]
    [InlineData("DataEntry")]
    [InlineData("Monitor")]
    public void only_an_investigator_can_break_the_blind(string role)
    {
        var state = RandomizationListState.From([GeneratedList(), Assigned("P-001", 1)]);

        var rejection = Rejected(BreakBlindInEmergency.Decide(state, new BreakBlindInEmergency(KetCode, "S01", "P-001", Reason, SignedBy(new Actor("u", role)), new Actor("u", role)), Now, AccountOf(new Actor("u", role), version: 3)));

        Assert.Equal("not-permitted", rejection.Code);
    }

    [Fact]
    public void breaking_the_blind_without_a_verified_signature_is_refused()
    {
        var state = RandomizationListState.From([GeneratedList(), Assigned("P-001", 1)]);

        var rejection = Rejected(BreakBlindInEmergency.Decide(state, new BreakBlindInEmergency(KetCode, "S01", "P-001", Reason, null, Investigator), Now, AccountOf(Investigator, version: 3)));

        Assert.Equal(("signature-required", "password"), (rejection.Code, rejection.Field));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void breaking_the_blind_without_a_reason_is_refused(string reason)
    {
        var state = RandomizationListState.From([GeneratedList(), Assigned("P-001", 1)]);

        var rejection = Rejected(BreakBlindInEmergency.Decide(state, new BreakBlindInEmergency(KetCode, "S01", "P-001", reason, SignedBy(Investigator), Investigator), Now, AccountOf(Investigator, version: 3)));

        Assert.Equal(("reason-required", "reason"), (rejection.Code, rejection.Field));
    }

    [Fact]
    public void the_blind_cannot_be_broken_for_a_participant_without_an_allocation()
    {
        var state = RandomizationListState.From([GeneratedList(), Assigned("P-001", 1)]);

        var rejection = Rejected(BreakBlindInEmergency.Decide(state, new BreakBlindInEmergency(KetCode, "S01", "P-009", Reason, SignedBy(Investigator), Investigator), Now, AccountOf(Investigator, version: 3)));

        Assert.Equal("blinding.not-randomized", rejection.Code);
    }

    [Fact]
    public void the_statistician_unblinds_a_locked_trial()
    {
        var state = ProtocolState.From([Imported(), new TrialLocked(KetCode, Administrator.UserId, Now.AddDays(-1))]);

        var decision = UnblindTrial.Decide(state, new UnblindTrial(KetCode, SignedBy(Statistician), Statistician), Now, AccountOf(Statistician));

        var pending = decision.Events[0];
        Assert.Equal(2, decision.Events.Count);
        Assert.IsType<TrialOps.Signatures.RecordSigned>(decision.Events[1].Data);
        Assert.Equal("protocol-KET-NP-01", pending.StreamId);
        Assert.Equal(new TrialUnblinded(KetCode, Statistician.UserId, Now), pending.Data);
    }

    [Fact]
    public void the_trial_cannot_be_unblinded_before_database_lock()
    {
        var rejection = Rejected(UnblindTrial.Decide(ProtocolState.From([Imported()]), new UnblindTrial(KetCode, SignedBy(Statistician), Statistician), Now, AccountOf(Statistician)));

        Assert.Equal("blinding.trial-not-locked", rejection.Code);
        Assert.Equal("Trial KET-NP-01 can be unblinded only after database lock.", rejection.Message);
    }

    [Fact]
    public void the_trial_cannot_be_unblinded_after_the_lock_was_lifted()
    {
        var state = ProtocolState.From(
        [
            Imported(),
            new TrialLocked(KetCode, Administrator.UserId, Now.AddDays(-2)),
            new TrialUnlocked(KetCode, Administrator.UserId, Now.AddDays(-1), "late query on P-007"),
        ]);

        Assert.Equal("blinding.trial-not-locked", Rejected(UnblindTrial.Decide(state, new UnblindTrial(KetCode, SignedBy(Statistician), Statistician), Now, AccountOf(Statistician))).Code);
    }

    [Fact]
    public void a_trial_is_unblinded_only_once()
    {
        var state = ProtocolState.From([Imported(), new TrialLocked(KetCode, Administrator.UserId, Now), new TrialUnblinded(KetCode, Statistician.UserId, Now)]);

        Assert.Equal("blinding.already-unblinded", Rejected(UnblindTrial.Decide(state, new UnblindTrial(KetCode, SignedBy(Statistician), Statistician), Now, AccountOf(Statistician))).Code);
    }

    [Fact]
    public void unblinding_the_trial_needs_a_verified_signature()
    {
        var state = ProtocolState.From([Imported(), new TrialLocked(KetCode, Administrator.UserId, Now)]);

        Assert.Equal("signature-required", Rejected(UnblindTrial.Decide(state, new UnblindTrial(KetCode, null, Statistician), Now, AccountOf(Statistician))).Code);
    }

    [Fact]
    public void a_trial_that_was_never_imported_cannot_be_unblinded()
    {
        Assert.Equal("protocol.not-found", Rejected(UnblindTrial.Decide(ProtocolState.Initial, new UnblindTrial(KetCode, SignedBy(Statistician), Statistician), Now, AccountOf(Statistician))).Code);
    }

    [Theory]
    [InlineData("Investigator")]
    [InlineData("Pharmacist")]
    [InlineData("Coordinator")]
    [InlineData("Administrator")]
    [InlineData("Monitor")]
    public void only_the_statistician_can_unblind_the_trial(string role)
    {
        var state = ProtocolState.From([Imported(), new TrialLocked(KetCode, Administrator.UserId, Now)]);

        Assert.Equal("not-permitted", Rejected(UnblindTrial.Decide(state, new UnblindTrial(KetCode, SignedBy(new Actor("u", role)), new Actor("u", role)), Now, AccountOf(new Actor("u", role)))).Code);
    }

    private static ProtocolImported Imported() =>
        new(KetCode, Coordinator.UserId, Now.AddDays(-90), 1, Tests.Protocols.ProtocolFixtures.KetJson, new string('0', 64));
}
