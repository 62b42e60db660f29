using TrialOps.Assessments;
using TrialOps.EventStore;
using TrialOps.Participants;
using static TrialOps.Tests.Journey.JourneyFixtures;

namespace TrialOps.Tests.Journey;

/// <summary>An investigator acknowledges a safety alert from the worklist (issue 14, item 2).</summary>
public class SafetyAlertAcknowledgementDecisionTests
{
    private const long AlertPosition = 4711;

    private static readonly SafetyAlertRaised Alert = new(
        Code, Subject, 1, Nurse.UserId, Period1Start.AddMinutes(20), "VITALS", "PT20M", new(195, 90, 80, 97), ["systolic 195 mmHg above 180"]);

    private static readonly object[] History = [.. Enrolled(), Weight(1), Prepared(1), Started(1), Alert];

    private static IReadOnlyList<StoredEvent> Stream(long alertAt) =>
        History.Select((data, i) => new StoredEvent(
            data is SafetyAlertRaised ? alertAt : i + 1, ParticipantStream, i + 1, "test", data,
            new EventMetadata(Nurse.UserId, Nurse.Role, null, Guid.Empty, Guid.Empty, Guid.Empty), Now, "")).ToArray();

    private static Messaging.Decision Decide(long position, Messaging.Actor by, params object[] earlier) =>
        AcknowledgeSafetyAlert.Decide(State(History), new AcknowledgeSafetyAlert(Code, Subject, position), Stream(AlertPosition), earlier, by, Now, TrialOps.Protocols.SiteClock.Utc);

    [Fact]
    public void an_investigator_acknowledges_an_alert_which_names_what_was_acknowledged()
    {
        var acknowledged = Single<SafetyAlertAcknowledged>(Decide(AlertPosition, Investigator));

        Assert.Equal((AlertPosition, 1, "VITALS", "PT20M", Investigator.UserId, Now), (acknowledged.AlertPosition, acknowledged.Period, acknowledged.AssessmentCode, acknowledged.Timepoint, acknowledged.AcknowledgedBy, acknowledged.AcknowledgedAt));
        Assert.Equal(SafetyAlertStreams.For(Code), Decide(AlertPosition, Investigator).Events.Single().StreamId);
    }

    [Fact]
    public void only_an_investigator_may_acknowledge()
    {
        foreach (var by in new[] { Nurse, Coordinator, JourneyFixtures.Monitor, Pharmacist })
        {
            Rejected(Decide(AlertPosition, by), "not-permitted");
        }
    }

    [Fact]
    public void an_alert_is_acknowledged_once_and_only_an_alert_of_this_participant()
    {
        var earlier = new SafetyAlertAcknowledged(Code, Subject, AlertPosition, 1, "VITALS", "PT20M", "u-other-investigator", Now.AddHours(-1));
        Assert.Contains("u-other-investigator", Rejected(Decide(AlertPosition, Investigator, earlier), "safety-alert.already-acknowledged").Message);

        // Another alert's acknowledgement does not count for this one.
        Single<SafetyAlertAcknowledged>(Decide(AlertPosition, Investigator, earlier with { AlertPosition = 1 }));

        // A position that is not this participant's alert (another event, or nothing).
        Rejected(Decide(2, Investigator), "safety-alert.not-found");
        Rejected(Decide(99_999, Investigator), "safety-alert.not-found");
    }
}
