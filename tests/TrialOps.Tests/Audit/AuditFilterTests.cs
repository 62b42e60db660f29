using TrialOps.Audit;

namespace TrialOps.Tests.Audit;

public sealed class AuditFilterTests
{
    [Fact]
    public void blank_parts_are_absent_and_an_empty_filter_is_none()
    {
        var filter = AuditFilter.Parse(" ", "", null, "", "  ", out var problem);

        Assert.Null(problem);
        Assert.True(filter.IsEmpty);
    }

    [Fact]
    public void parts_are_read_trimmed()
    {
        var filter = AuditFilter.Parse(" coordinator ", "assessment.scale-recorded.v1", "2026-11-01", "2026-11-30", "s01-004", out var problem);

        Assert.Null(problem);
        Assert.Equal(new AuditFilter("coordinator", "assessment.scale-recorded.v1", new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 30), "s01-004"), filter);
        Assert.True(filter.Matches(new AuditEntry(1, "S01-004", "assessment.scale-recorded.v1", new DateTimeOffset(2026, 11, 2, 8, 0, 0, TimeSpan.Zero), "Coordinator", "Coordinator", "", null, false, null)));
    }

    [Theory]
    [InlineData(null, "not a type", null, null, null, "type:")]
    [InlineData(null, null, "2026-02-30", null, null, "from:")]
    [InlineData(null, null, null, "30/11/2026", null, "to:")]
    [InlineData(null, null, "2026-12-01", "2026-11-30", null, "from:")]
    [InlineData(null, null, null, null, "site one", "record:")]
    [InlineData("a\u0007b", null, null, null, null, "by:")]
    public void an_unreadable_part_is_named_and_nothing_is_filtered(string? by, string? type, string? from, string? to, string? record, string named)
    {
        var filter = AuditFilter.Parse(by, type, from, to, record, out var problem);

        Assert.StartsWith(named, problem, StringComparison.Ordinal);
        Assert.True(filter.IsEmpty);
    }

    [Fact]
    public void an_entry_matches_on_every_part_it_is_given()
    {
        var entry = new AuditEntry(7, "S01-004", "assessment.scale-recorded.v1", new DateTimeOffset(2026, 11, 30, 23, 59, 0, TimeSpan.Zero), "Coordinator.S01", "Coordinator", "recorded", null, false, null);

        Assert.True(new AuditFilter(By: "coordinator.s01", From: new DateOnly(2026, 11, 30), To: new DateOnly(2026, 11, 30)).Matches(entry));
        Assert.False(new AuditFilter(From: new DateOnly(2026, 12, 1)).Matches(entry));
        Assert.False(new AuditFilter(To: new DateOnly(2026, 11, 29)).Matches(entry));
        Assert.False(new AuditFilter(Type: "assessment.vitals-recorded.v1").Matches(entry));
        Assert.False(new AuditFilter(Record: AuditFilter.TrialRecord).Matches(entry));
        Assert.True(new AuditFilter(Record: AuditFilter.TrialRecord).Matches(entry with { Record = null }));
    }

    [Theory]
    [InlineData("assessment.scale-recorded.v1", "assessment: scale recorded")]
    [InlineData("adverse-event.sae-reported-to-sponsor.v2", "adverse event: sae reported to sponsor (v2)")]
    [InlineData("trial.locked", "trial: locked")]
    public void a_type_is_put_into_words(string type, string words) =>
        Assert.Equal(words, AuditFilter.TypeInWords(type));
}
