using TrialOps.Assessments;
using TrialOps.Audit;
using TrialOps.EventStore;
using TrialOps.Participants;
using TrialOps.Protocols;

namespace TrialOps.Tests.Audit;

public sealed class TimelineTextTests
{
    [Theory]
    [InlineData("1", "4")]
    [InlineData("", "4")]
    [InlineData("mm", "4 mm")]
    public void a_scale_value_is_written_with_its_unit_and_a_unitless_score_without_one(string unit, string written)
    {
        var recorded = new ScaleAssessmentRecorded(ProtocolCode.Parse("KET-NP-01"), SubjectNumber.Parse("S01-001"), 1, "nurse", DateTimeOffset.UnixEpoch, "PAIN", "PT20M", 4m, unit);
        var stored = new StoredEvent(1, "participant-KET-NP-01-S01-001", 3, "assessment.scale-recorded.v1", recorded, new EventMetadata("nurse", "DataEntry", null, Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid()), DateTimeOffset.UnixEpoch, "hash");

        var entry = TimelineText.Describe(stored);

        Assert.Equal(written, entry.Value);
        Assert.EndsWith($"= {written}", entry.Summary, StringComparison.Ordinal);
    }
}
