using TrialOps.Randomization;
using static TrialOps.Tests.Randomization.RandomizationFixtures;

namespace TrialOps.Tests.Randomization;

public class AllocationTests
{
    [Fact]
    public void randomizing_hands_over_the_next_entry_together_with_the_event_that_assigns_it()
    {
        var generated = GeneratedList(length: 8);
        object[] events = [generated, Assigned("P-001", 1)];

        var randomized = RandomizeParticipant.Randomize(events, new RandomizeParticipant(KetCode, "S01", "P-002", Coordinator), Now);

        var assigned = Single<AllocationAssigned>(randomized.Decision);
        var allocation = Assert.IsType<Allocation>(randomized.Allocation);
        var entry = generated.Entries[1];
        Assert.Equal((2, 2), (assigned.EntryNumber, allocation.EntryNumber));
        Assert.Equal((KetCode, "S01", "P-002", entry.SequenceNumber), (allocation.Protocol, allocation.Stratum, allocation.ParticipantId, allocation.SequenceNumber));
        Assert.Equal(entry.Kits, allocation.Kits);
        Assert.Equal(entry.Kits[1], allocation.KitFor(2));
        Assert.Equal(Ket.Sequences[entry.SequenceNumber - 1].TreatmentCodes, allocation.TreatmentCodes(Ket));
    }

    [Fact]
    public void a_refused_randomization_reveals_no_allocation()
    {
        var generated = GeneratedList(length: 2, seed: 2);
        var events = new List<object> { generated };
        events.AddRange(Enumerable.Range(1, generated.Entries.Count).Select(i => Assigned($"P-{i:000}", i)));

        var exhausted = RandomizeParticipant.Randomize(events, new RandomizeParticipant(KetCode, "S01", "P-100", Coordinator), Now);
        var notPermitted = RandomizeParticipant.Randomize([GeneratedList()], new RandomizeParticipant(KetCode, "S01", "P-100", DataEntry), Now);

        Assert.Equal("randomization.stratum-exhausted", exhausted.Decision.Rejection?.Code);
        Assert.Null(exhausted.Allocation);
        Assert.Equal("not-permitted", notPermitted.Decision.Rejection?.Code);
        Assert.Null(notPermitted.Allocation);
    }

    [Fact]
    public void an_entry_added_by_an_extension_is_handed_over_like_any_other()
    {
        var generated = GeneratedList(length: 2, seed: 3);
        var events = new List<object> { generated };
        events.AddRange(Enumerable.Range(1, generated.Entries.Count).Select(i => Assigned($"P-{i:000}", i)));
        var state = RandomizationListState.From(events);
        var extended = Single<RandomizationListExtended>(ExtendRandomizationList.Decide(
            state, ExtendRandomizationList.Create(state, KetCode, "S01", 2, "more participants at S01", Sealer, Coordinator), Now));
        events.Add(extended);

        var randomized = RandomizeParticipant.Randomize(events, new RandomizeParticipant(KetCode, "S01", "P-100", Investigator), Now);

        Assert.Equal(extended.AddedEntries[0].Kits, randomized.Allocation!.Kits);
        Assert.Equal(extended.AddedEntries[0].SequenceNumber, randomized.Allocation.SequenceNumber);
    }

    [Fact]
    public void only_an_assigned_allocation_can_be_read_back_from_the_list()
    {
        var generated = GeneratedList(length: 4);
        object[] events = [generated, Assigned("P-001", 1)];

        var known = RandomizationListEntries.AllocationOf(events, "P-001");

        Assert.Equal((1, generated.Entries[0].SequenceNumber), (known!.EntryNumber, known.SequenceNumber));
        Assert.Null(RandomizationListEntries.AllocationOf(events, "P-002"));
    }
}
