using System.Reflection;
using TrialOps.Blinding;
using TrialOps.EventStore;
using TrialOps.Protocols;
using TrialOps.Randomization;
using TrialOps.Tests.Randomization;
using static TrialOps.Tests.Randomization.RandomizationFixtures;

namespace TrialOps.Tests.Blinding;

/// <summary>The stored aliases and JSON of the protocol, randomization and blinding events are a regulated contract.</summary>
public class EventContractTests
{
    private static readonly Type[] EventTypes =
    [
        typeof(ProtocolImported), typeof(ProtocolAmended),
        typeof(RandomizationListGenerated), typeof(AllocationAssigned), typeof(RandomizationListExtended),
        typeof(TrialLocked), typeof(TrialUnlocked), typeof(TrialUnblinded), typeof(EmergencyUnblindingPerformed),
    ];

    [Fact]
    public void every_event_has_its_fixed_alias()
    {
        var aliases = EventTypes.ToDictionary(t => t.Name, t => t.GetCustomAttribute<EventTypeAttribute>()!.Alias);

        Assert.Equal(
            new Dictionary<string, string>
            {
                ["ProtocolImported"] = "protocol.imported.v1",
                ["ProtocolAmended"] = "protocol.amended.v1",
                ["RandomizationListGenerated"] = "randomization.list-generated.v1",
                ["AllocationAssigned"] = "randomization.allocation-assigned.v1",
                ["RandomizationListExtended"] = "randomization.list-extended.v1",
                ["TrialLocked"] = "trial.locked.v1",
                ["TrialUnlocked"] = "trial.unlocked.v1",
                ["TrialUnblinded"] = "trial.unblinded.v1",
                ["EmergencyUnblindingPerformed"] = "blinding.emergency-unblinding-performed.v1",
            },
            aliases);
    }

    [Fact]
    public void events_survive_the_store_round_trip_unchanged()
    {
        var registry = new EventTypeRegistry();
        foreach (var type in EventTypes)
        {
            registry.Register(type, type.GetCustomAttribute<EventTypeAttribute>()!.Alias);
        }

        var generated = GeneratedList();
        object[] events =
        [
            generated,
            Assigned("P-001", 1),
            new EmergencyUnblindingPerformed(KetCode, "S01", Investigator.UserId, Now, "P-001", 1, "anaphylaxis", [1, 2]),
            new TrialUnlocked(KetCode, Administrator.UserId, Now, "late query"),
        ];

        foreach (var data in events)
        {
            var json = registry.Serialize(data);
            var restored = registry.Deserialize(registry.AliasOf(data.GetType()), json);
            Assert.IsType(data.GetType(), restored);
            Assert.Equal(json, registry.Serialize(restored));
        }

        var generatedJson = registry.Serialize(generated);
        Assert.Contains("\"protocol\":\"KET-NP-01\"", generatedJson);
        Assert.Contains($"\"kits\":[\"{generated.Entries[0].Kits[0]}\",", generatedJson);
    }
}
