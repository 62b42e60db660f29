using System.Text.RegularExpressions;
using TrialOps.Testing;

namespace TrialOps.Cli.Tests;

/// <summary>
/// Issue 14 item 4 on the command line: a KET-NP-02 participant's schedule and timeline print times
/// on their site's clock (Europe/Amsterdam or Australia/Sydney) with the offset, never in UTC.
/// </summary>
public sealed partial class SiteTimeCommandTests
{
    [Fact]
    public async Task a_participants_timeline_and_schedule_print_their_sites_local_time_with_the_offset()
    {
        await using var db = await PostgresServer.CreateDatabaseAsync();
        await CliRunner.SucceedsAsync(db, null, "demo", "--protocol", CliRunner.SeedProtocol("KET-NP-02.json"), "--participants", "3", "--seed", "4");
        var list = await CliRunner.SucceedsAsync(db, null, "participant", "list", "KET-NP-02");
        // One who was randomized has a schedule.
        var subject = list.Output.Split('\n')
            .Select(line => line.Split('\t'))
            .Where(columns => columns.Length > 1 && columns[1] is "Randomized" or "Completed" or "Withdrawn")
            .Select(columns => columns[0])
            .First();
        Assert.Matches(SubjectNumber(), subject);

        var timeline = await CliRunner.SucceedsAsync(db, null, "participant", "timeline", "KET-NP-02", subject);
        var schedule = await CliRunner.SucceedsAsync(db, null, "participant", "schedule", "KET-NP-02", subject);

        var expected = subject.StartsWith("S01", StringComparison.Ordinal) ? LocalTimeIn("Europe/Amsterdam") : LocalTimeIn("Australia/Sydney");
        Assert.Matches(expected, timeline.Output);
        Assert.DoesNotContain(" UTC", timeline.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(" UTC", schedule.Output, StringComparison.Ordinal);
    }

    /// <summary>A time as the site clock shows it: <c>2026-12-03 10:45 +11:00</c>, with an offset the zone can have.</summary>
    private static Regex LocalTimeIn(string zone) => zone == "Europe/Amsterdam"
        ? new Regex(@"\d{4}-\d{2}-\d{2} \d{2}:\d{2} \+0[12]:00")
        : new Regex(@"\d{4}-\d{2}-\d{2} \d{2}:\d{2} \+1[01]:00");

    [GeneratedRegex(@"\bS0[12]-\d{3}\b")]
    private static partial Regex SubjectNumber();
}
