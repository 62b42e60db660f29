using System.Text.Json;
using TrialOps.EventStore;
using TrialOps.Participants;

namespace TrialOps.Tests.Contracts;

/// <summary>
/// Events are a regulated record: the JSON of every stored alias is pinned in
/// <c>event-contracts.txt</c>, because renaming or retyping a field of an event record would
/// otherwise read every stored event back with a default value in its place.
/// </summary>
public class EventContractTests
{
    private static readonly JsonSerializerOptions Json = EventTypeRegistry.JsonOptions;

    [Fact]
    public void every_registered_event_is_stored_with_the_shape_of_the_contract_file()
    {
        var path = EventContract.FilePath;
        var committed = File.Exists(path) ? File.ReadAllText(path) : null;

        var check = EventContract.Check(committed, AppEvents.CurrentShape(), Environment.GetEnvironmentVariable);

        if (check.Rewrite is { } text)
        {
            File.WriteAllText(path, text);
        }

        if (check.Failure is { } failure)
        {
            Assert.Fail(failure);
        }
    }

    [Fact]
    public void no_alias_of_the_contract_file_ever_disappears_from_the_registry()
    {
        var committed = CommittedLines();

        var missing = committed.Select(l => l.Alias).Distinct().Where(a => !AppEvents.Registry.Aliases.Contains(a)).ToList();

        Assert.True(
            missing.Count == 0,
            $"Stored aliases no event type has any more (their events would read back as UnknownEvent; keep the record, or add a new version beside it): {string.Join(", ", missing)}");
    }

    [Fact]
    public void the_tests_see_every_alias_the_app_registers_with_its_event_type()
    {
        Assert.Equal(AppEvents.Registry.Aliases.Order(StringComparer.Ordinal), AppEvents.Types.Keys.Order(StringComparer.Ordinal));
        Assert.True(AppEvents.Types.Count > 50, $"only {AppEvents.Types.Count} event types found");
    }

    [Fact]
    public void a_renamed_field_fails_the_check_as_removed_and_added()
    {
        var stored = EventShape.Describe("test.renamed.v1", typeof(NamedV1), Json);
        var renamed = EventShape.Describe("test.renamed.v1", typeof(NamedV2), Json);

        var diff = EventContract.Compare(stored, renamed);
        var check = EventContract.Check(EventContract.Format(stored), renamed, NoVariables);

        Assert.Equal([new ContractLine("test.renamed.v1", "subject", "string")], diff.Removed);
        Assert.Equal([new ContractLine("test.renamed.v1", "subjectNumber", "string")], diff.Added);
        Assert.Contains("- test.renamed.v1 subject string", check.Failure);
        Assert.Null(check.Rewrite);
    }

    [Fact]
    public void a_retyped_field_fails_the_check_as_changed()
    {
        var stored = EventShape.Describe("test.retyped.v1", typeof(TimedV1), Json);
        var retyped = EventShape.Describe("test.retyped.v1", typeof(TimedV2), Json);

        var check = EventContract.Check(EventContract.Format(stored), retyped, NoVariables);

        var change = Assert.Single(EventContract.Compare(stored, retyped).Changed);
        Assert.Equal(("at", "string(DateTimeOffset)", "string(DateOnly)"), (change.Current.Path, change.Committed.Kind, change.Current.Kind));
        Assert.Contains("~ test.retyped.v1 at: was string(DateTimeOffset), now string(DateOnly)", check.Failure);
    }

    [Fact]
    public void an_enum_that_only_gains_values_is_widened_and_one_that_loses_a_value_is_changed()
    {
        var fewer = EventShape.Describe("test.painted.v1", typeof(PaintedV1), Json);
        var more = EventShape.Describe("test.painted.v1", typeof(PaintedV2), Json);

        var gained = Assert.Single(EventContract.Compare(fewer, more).Changed);
        var lost = Assert.Single(EventContract.Compare(more, fewer).Changed);

        Assert.Equal(("enum(Red|Green)", "enum(Red|Green|Blue)"), (gained.Committed.Kind, gained.Current.Kind));
        Assert.True(gained.IsWidening);
        Assert.False(lost.IsWidening);
        Assert.NotNull(EventContract.Check(EventContract.Format(fewer), more, NoVariables).Failure);
    }

    [Fact]
    public void a_field_renamed_in_a_real_event_fails_the_check()
    {
        var stored = EventShape.Describe("participant.screened.v1", typeof(ParticipantScreened), Json);
        var renamed = stored.Select(l => l.Path == "subject" ? l with { Path = "subjectNumber" } : l).ToList();

        var check = EventContract.Check(EventContract.Format(stored), renamed, NoVariables);

        Assert.Contains(new ContractLine("participant.screened.v1", "subject", "string(SubjectNumber)"), stored);
        Assert.Contains("- participant.screened.v1 subject string(SubjectNumber)", check.Failure);
    }

    [Fact]
    public void a_new_event_fails_the_check_until_the_file_lists_it()
    {
        var stored = EventShape.Describe("test.renamed.v1", typeof(NamedV1), Json);
        var withNewEvent = stored.Concat(EventShape.Describe("test.retyped.v1", typeof(TimedV1), Json)).ToList();

        var check = EventContract.Check(EventContract.Format(stored), withNewEvent, NoVariables);

        Assert.Contains("+ test.retyped.v1 $ object   (new event)", check.Failure);
        Assert.Null(EventContract.Check(EventContract.Format(withNewEvent), withNewEvent, NoVariables).Failure);
    }

    [Fact]
    public void regenerating_rewrites_the_file_and_still_fails()
    {
        var current = EventShape.Describe("test.renamed.v1", typeof(NamedV2), Json);
        var stale = EventContract.Format(EventShape.Describe("test.renamed.v1", typeof(NamedV1), Json));

        var check = EventContract.Check(stale, current, Variables((EventContract.UpdateVariable, "1")));

        Assert.Equal(EventContract.Format(current), check.Rewrite);
        Assert.Contains("rewrote", check.Failure);
        Assert.Contains("fails on purpose", EventContract.Check(check.Rewrite, current, Variables((EventContract.UpdateVariable, "1"))).Failure);
    }

    [Fact]
    public void regenerating_keeps_an_alias_that_disappeared_so_it_still_fails()
    {
        var stored = EventShape.Describe("test.renamed.v1", typeof(NamedV1), Json).Concat(EventShape.Describe("test.retyped.v1", typeof(TimedV1), Json)).ToList();
        var withoutRetyped = EventShape.Describe("test.renamed.v1", typeof(NamedV1), Json);

        var check = EventContract.Check(EventContract.Format(stored), withoutRetyped, Variables((EventContract.UpdateVariable, "1")));

        Assert.Equal(EventContract.Format(stored), check.Rewrite);
        Assert.Contains("- test.retyped.v1 $ object", EventContract.Check(check.Rewrite, withoutRetyped, NoVariables).Failure);
    }

    [Fact]
    public void under_ci_the_contract_file_is_never_rewritten()
    {
        var current = EventShape.Describe("test.renamed.v1", typeof(NamedV2), Json);
        var stale = EventContract.Format(EventShape.Describe("test.renamed.v1", typeof(NamedV1), Json));

        var check = EventContract.Check(stale, current, Variables((EventContract.UpdateVariable, "1"), ("CI", "true")));

        Assert.Null(check.Rewrite);
        Assert.Contains("refused under CI", check.Failure);
        Assert.Contains("- test.renamed.v1 subject string", check.Failure);
    }

    [Fact]
    public void the_contract_file_is_sorted_and_parses_back_to_the_same_lines()
    {
        var current = AppEvents.CurrentShape();

        var text = EventContract.Format(current);
        var parsed = EventContract.Parse(text);

        Assert.Equal(current.OrderBy(l => l.ToString(), StringComparer.Ordinal), parsed);
    }

    [Theory]
    [MemberData(nameof(AppEvents.Aliases), MemberType = typeof(AppEvents))]
    public void the_event_survives_the_store_round_trip_with_every_field_of_the_contract(string alias)
    {
        var sample = EventSamples.Build(AppEvents.Types[alias], Json);

        var json = AppEvents.Registry.Serialize(sample);
        var restored = AppEvents.Registry.Deserialize(alias, json);

        Assert.IsType(AppEvents.Types[alias], restored);
        Assert.Equal(json, AppEvents.Registry.Serialize(restored));
        var listed = CommittedLines().Where(l => l.Alias == alias && !l.Kind.Contains("[not written]", StringComparison.Ordinal)).Select(l => l.Path).ToHashSet();
        var written = new SortedSet<string>(StringComparer.Ordinal);
        CollectPaths(JsonDocument.Parse(json).RootElement, "$", written);
        Assert.True(listed.Count > 0, $"{alias} is not in {EventContract.RelativePath}; regenerate it with {EventContract.RegenerateCommand}");
        Assert.True(listed.IsSubsetOf(written), $"{alias}: fields of the contract missing from the stored JSON: {string.Join(", ", listed.Except(written))}\n{json}");
        Assert.True(written.IsSubsetOf(listed), $"{alias}: stored JSON fields the contract does not list: {string.Join(", ", written.Except(listed))}\n{json}");
    }

    private sealed record NamedV1(string Subject);

    private sealed record NamedV2(string SubjectNumber);

    private sealed record TimedV1(DateTimeOffset At);

    private sealed record TimedV2(DateOnly At);

    private enum ColorV1
    {
        Red,
        Green,
    }

    private enum ColorV2
    {
        Red,
        Green,
        Blue,
    }

    private sealed record PaintedV1(ColorV1 Color);

    private sealed record PaintedV2(ColorV2 Color);

    private static string? NoVariables(string name) => null;

    private static Func<string, string?> Variables(params (string Name, string Value)[] variables) =>
        name => variables.FirstOrDefault(v => v.Name == name).Value;

    private static IReadOnlyList<ContractLine> CommittedLines()
    {
        var path = EventContract.FilePath;
        Assert.True(File.Exists(path), $"{EventContract.RelativePath} is missing; generate it with {EventContract.RegenerateCommand}");
        return EventContract.Parse(File.ReadAllText(path));
    }

    private static void CollectPaths(JsonElement element, string path, ISet<string> paths)
    {
        paths.Add(path);
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                CollectPaths(property.Value, path == "$" ? property.Name : $"{path}.{property.Name}", paths);
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                CollectPaths(item, path + "[]", paths);
            }
        }
    }
}
