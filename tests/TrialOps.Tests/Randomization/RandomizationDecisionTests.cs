using System.Text.Json;
using TrialOps.EventStore;
using TrialOps.Protocols;
using TrialOps.Randomization;
using TrialOps.Tests.Protocols;
using static TrialOps.Tests.Randomization.RandomizationFixtures;

namespace TrialOps.Tests.Randomization;

public class RandomizationDecisionTests
{
    [Fact]
    public void a_coordinator_generates_a_stratum_list_recorded_with_algorithm_parameters_hash_and_sealed_seed()
    {
        var command = GenerateRandomizationList.Create(Ket, "S01", 24, Sealer, Coordinator);

        var decision = GenerateRandomizationList.Decide(RandomizationListState.Initial, command, Now);

        Assert.Equal("randomization-KET-NP-01-S01", Assert.Single(decision.Events).StreamId);
        var generated = Single<RandomizationListGenerated>(decision);
        Assert.Equal((KetCode, "S01", Coordinator.UserId, Now), (generated.Protocol, generated.Stratum, generated.GeneratedBy, generated.GeneratedAt));
        Assert.Equal("permuted-blocks/hmac-sha256-drbg", generated.Algorithm);
        Assert.Equal((1, 2, 2, 24), (generated.Parameters.ProtocolVersion, generated.Parameters.SequenceCount, generated.Parameters.PeriodCount, generated.Parameters.RequestedLength));
        Assert.Equal([2, 4], generated.Parameters.BlockSizes);
        Assert.InRange(generated.Entries.Count, 24, 27);
        Assert.Equal(RandomizationListGenerator.ListHash(generated.Entries), generated.ListHash);
        Assert.Equal(command.Seed, Sealer.Unseal(generated.SealedSeed, command.StreamId));
    }

    [Fact]
    public void an_inspector_reproduces_the_recorded_list_from_the_unsealed_seed()
    {
        var generated = GeneratedList(length: 30);

        var seed = Sealer.Unseal(generated.SealedSeed, RandomizationStreams.For(generated.Protocol, generated.Stratum));
        var reproduced = RandomizationListGenerator.Generate(
            generated.Stratum,
            generated.Parameters.SequenceCount,
            generated.Parameters.PeriodCount,
            generated.Parameters.BlockSizes,
            seed,
            generated.Parameters.RequestedLength);

        Assert.Equal(generated.ListHash, RandomizationListGenerator.ListHash(reproduced.Entries));
    }

    [Fact]
    public void the_recorded_event_holds_the_seed_only_sealed()
    {
        var command = GenerateRandomizationList.Create(Ket, "S01", 8, Sealer, Coordinator);

        var json = JsonSerializer.Serialize(Single<RandomizationListGenerated>(GenerateRandomizationList.Decide(RandomizationListState.Initial, command, Now)), EventTypeRegistry.JsonOptions);

        Assert.DoesNotContain(Convert.ToBase64String(command.Seed), json);
        Assert.DoesNotContain(Convert.ToHexString(command.Seed), json, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Convert.ToBase64String(command.Seed), command.ToString());
        Assert.Contains("Seed = [redacted]", command.ToString());
    }

    [Fact]
    public void a_stratum_gets_only_one_list()
    {
        var state = RandomizationListState.From([GeneratedList()]);

        var rejection = Rejected(GenerateRandomizationList.Decide(state, GenerateRandomizationList.Create(Ket, "S01", 8, Sealer, Coordinator), Now));

        Assert.Equal("randomization.list-exists", rejection.Code);
    }

    [Fact]
    public void a_list_is_generated_only_for_a_stratum_the_protocol_defines()
    {
        var rejection = Rejected(GenerateRandomizationList.Decide(
            RandomizationListState.Initial, GenerateRandomizationList.Create(Ket, "S03", 8, Sealer, Coordinator), Now));

        Assert.Equal(("randomization.unknown-stratum", "stratum"), (rejection.Code, rejection.Field));
    }

    [Fact]
    public void an_unstratified_protocol_has_the_single_stratum_ALL()
    {
        var unstratified = ProtocolFixtures.Parse(ProtocolFixtures.Mutated(r => r["randomization"]!["stratifyBy"] = new System.Text.Json.Nodes.JsonArray()));

        Assert.Equal(["ALL"], Strata.For(unstratified));
        Assert.Equal("ALL", Strata.Of(unstratified, "S02"));
        Assert.Equal("S02", Strata.Of(Ket, "S02"));
        var generated = Single<RandomizationListGenerated>(GenerateRandomizationList.Decide(
            RandomizationListState.Initial, GenerateRandomizationList.Create(unstratified, "ALL", 8, Sealer, Coordinator), Now));
        Assert.Equal("ALL", generated.Stratum);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-4)]
    [InlineData(1_000_000)]
    public void a_list_length_out_of_range_is_refused(int length)
    {
        var rejection = Rejected(GenerateRandomizationList.Decide(
            RandomizationListState.Initial, GenerateRandomizationList.Create(Ket, "S01", length, Sealer, Coordinator), Now));

        Assert.Equal(("randomization.invalid-length", "length"), (rejection.Code, rejection.Field));
    }

    [Theory]
    [InlineData("Pharmacist")]
    [InlineData("Investigator")]
    [InlineData("Statistician")]
    [InlineData("Administrator")]
    public void only_a_coordinator_can_have_a_list_generated(string role)
    {
        var command = GenerateRandomizationList.Create(Ket, "S01", 8, Sealer, new TrialOps.Messaging.Actor("u", role));

        Assert.Equal("not-permitted", Rejected(GenerateRandomizationList.Decide(RandomizationListState.Initial, command, Now)).Code);
    }

    [Fact]
    public void participants_take_the_entries_in_list_order()
    {
        var state = RandomizationListState.From([GeneratedList(), Assigned("P-001", 1)]);

        var assigned = Single<AllocationAssigned>(RandomizeParticipant.Decide(state, new RandomizeParticipant(KetCode, "S01", "P-002", Investigator), Now));

        Assert.Equal(new AllocationAssigned(KetCode, "S01", Investigator.UserId, Now, "P-002", 2), assigned);
    }

    [Fact]
    public void an_allocation_names_the_entry_but_not_the_sequence_or_any_kit()
    {
        var generated = GeneratedList();
        var state = RandomizationListState.From([generated]);

        var assigned = Single<AllocationAssigned>(RandomizeParticipant.Decide(state, new RandomizeParticipant(KetCode, "S01", "P-001", Coordinator), Now));

        var json = JsonSerializer.Serialize(assigned, EventTypeRegistry.JsonOptions);
        Assert.DoesNotContain("sequence", json, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("PBO", json);
        Assert.All(generated.Entries[0].Kits, kit => Assert.DoesNotContain(kit.ToString(), json));
    }

    [Fact]
    public void an_exhausted_stratum_refuses_randomization_until_a_coordinator_extends_it()
    {
        var generated = GeneratedList(length: 2, seed: 2);
        var events = new List<object> { generated };
        events.AddRange(Enumerable.Range(1, generated.Entries.Count).Select(i => Assigned($"P-{i:000}", i)));
        var state = RandomizationListState.From(events);

        var rejection = Rejected(RandomizeParticipant.Decide(state, new RandomizeParticipant(KetCode, "S01", "P-100", Coordinator), Now));

        Assert.Equal("randomization.stratum-exhausted", rejection.Code);
        Assert.Equal("stratum S01 is exhausted: a Coordinator must extend the list", rejection.Message);
    }

    [Fact]
    public void a_participant_is_randomized_only_once()
    {
        var state = RandomizationListState.From([GeneratedList(), Assigned("P-001", 1)]);

        var rejection = Rejected(RandomizeParticipant.Decide(state, new RandomizeParticipant(KetCode, "S01", "P-001", Coordinator), Now));

        Assert.Equal("randomization.already-randomized", rejection.Code);
    }

    [Fact]
    public void randomizing_before_the_list_exists_is_refused()
    {
        var rejection = Rejected(RandomizeParticipant.Decide(RandomizationListState.Initial, new RandomizeParticipant(KetCode, "S01", "P-001", Coordinator), Now));

        Assert.Equal("randomization.no-list", rejection.Code);
    }

    [Fact]
    public void a_participant_must_be_named()
    {
        var rejection = Rejected(RandomizeParticipant.Decide(RandomizationListState.From([GeneratedList()]), new RandomizeParticipant(KetCode, "S01", " ", Coordinator), Now));

        Assert.Equal(("randomization.participant-required", "participantId"), (rejection.Code, rejection.Field));
    }

    [Theory]
    [InlineData("DataEntry")]
    [InlineData("Pharmacist")]
    [InlineData("Monitor")]
    [InlineData("Statistician")]
    public void only_a_coordinator_or_an_investigator_can_randomize(string role)
    {
        var state = RandomizationListState.From([GeneratedList()]);

        var rejection = Rejected(RandomizeParticipant.Decide(state, new RandomizeParticipant(KetCode, "S01", "P-001", new TrialOps.Messaging.Actor("u", role)), Now));

        Assert.Equal("not-permitted", rejection.Code);
    }

    [Fact]
    public void a_coordinator_extends_an_exhausted_list_with_entries_that_continue_the_seeds_streams()
    {
        var generated = GeneratedList(length: 4, seed: 3);
        var events = new List<object> { generated };
        events.AddRange(Enumerable.Range(1, generated.Entries.Count).Select(i => Assigned($"P-{i:000}", i)));
        var state = RandomizationListState.From(events);
        var command = ExtendRandomizationList.Create(state, KetCode, "S01", 6, "Site S01 recruits four more participants than planned", Sealer, Coordinator);

        var extended = Single<RandomizationListExtended>(ExtendRandomizationList.Decide(state, command, Now));

        Assert.Equal((KetCode, "S01", Coordinator.UserId, Now, 6), (extended.Protocol, extended.Stratum, extended.ExtendedBy, extended.ExtendedAt, extended.RequestedAdditionalLength));
        Assert.Equal("Site S01 recruits four more participants than planned", extended.Reason);
        Assert.Equal(generated.Entries.Count + 1, extended.AddedEntries[0].EntryNumber);
        Assert.True(extended.AddedEntries.Count >= 6);
        var whole = generated.Entries.Concat(extended.AddedEntries).ToArray();
        Assert.Equal(RandomizationListGenerator.ListHash(whole), extended.ListHash);
        var fromSeed = RandomizationListGenerator.Generate("S01", 2, 2, [2, 4], RandomizationListGeneratorTests.FixedSeed(3), whole.Length);
        Assert.Equal(extended.ListHash, RandomizationListGenerator.ListHash(fromSeed.Entries));
        Assert.Equal(whole.Length * 2, whole.SelectMany(e => e.Kits).Distinct().Count());

        var afterExtension = state.Apply(extended);
        var assigned = Single<AllocationAssigned>(RandomizeParticipant.Decide(afterExtension, new RandomizeParticipant(KetCode, "S01", "P-100", Coordinator), Now));
        Assert.Equal(generated.Entries.Count + 1, assigned.EntryNumber);
    }

    [Fact]
    public void extending_needs_a_reason()
    {
        var state = RandomizationListState.From([GeneratedList()]);
        var command = ExtendRandomizationList.Create(state, KetCode, "S01", 4, "  ", Sealer, Coordinator);

        var rejection = Rejected(ExtendRandomizationList.Decide(state, command, Now));

        Assert.Equal(("reason-required", "reason"), (rejection.Code, rejection.Field));
    }

    [Theory]
    [InlineData("Investigator")]
    [InlineData("Pharmacist")]
    [InlineData("Administrator")]
    public void only_a_coordinator_can_extend_a_list(string role)
    {
        var state = RandomizationListState.From([GeneratedList()]);
        var command = ExtendRandomizationList.Create(state, KetCode, "S01", 4, "more participants", Sealer, new TrialOps.Messaging.Actor("u", role));

        Assert.Equal("not-permitted", Rejected(ExtendRandomizationList.Decide(state, command, Now)).Code);
    }

    [Fact]
    public void a_seed_that_does_not_reproduce_the_recorded_list_extends_nothing()
    {
        var state = RandomizationListState.From([GeneratedList(seed: 4)]);
        var command = new ExtendRandomizationList(KetCode, "S01", 4, "more participants", RandomizationListGeneratorTests.FixedSeed(5), Coordinator);

        Assert.Equal("randomization.seed-mismatch", Rejected(ExtendRandomizationList.Decide(state, command, Now)).Code);
    }

    [Fact]
    public void a_list_that_does_not_exist_cannot_be_extended()
    {
        var command = ExtendRandomizationList.Create(RandomizationListState.Initial, KetCode, "S01", 4, "more participants", Sealer, Coordinator);

        Assert.Equal("randomization.no-list", Rejected(ExtendRandomizationList.Decide(RandomizationListState.Initial, command, Now)).Code);
    }

    [Fact]
    public void an_extension_must_add_at_least_one_entry()
    {
        var state = RandomizationListState.From([GeneratedList()]);
        var command = ExtendRandomizationList.Create(state, KetCode, "S01", 0, "more participants", Sealer, Coordinator);

        var rejection = Rejected(ExtendRandomizationList.Decide(state, command, Now));

        Assert.Equal(("randomization.invalid-length", "additionalLength"), (rejection.Code, rejection.Field));
    }

    [Fact]
    public void the_state_folded_from_a_list_stream_says_how_many_entries_are_left_but_not_which_comes_next()
    {
        var publicProperties = typeof(RandomizationListState).GetProperties().Select(p => p.Name).ToArray();

        Assert.DoesNotContain(publicProperties, name => name.Contains("Entries", StringComparison.Ordinal) || name.Contains("Next", StringComparison.Ordinal) || name.Contains("Sequence", StringComparison.Ordinal));
    }
}
