using TrialOps.Assessments;
using TrialOps.Participants;
using static TrialOps.Tests.Journey.JourneyFixtures;

namespace TrialOps.Tests.Journey;

/// <summary>A missed assessment recorded as not done with a reason (issue 14, item 3).</summary>
public class AssessmentNotDoneDecisionTests
{
    private static ParticipantState DosingStarted() => State([.. Enrolled(), Weight(1), Prepared(1), Started(1)]);

    [Fact]
    public void a_missed_assessment_is_recorded_as_not_done_with_the_reason_in_the_protocols_spelling()
    {
        var notDone = Single<AssessmentNotDone>(RecordAssessmentNotDone.Decide(DosingStarted(), Trial, new RecordAssessmentNotDone(Code, Subject, 1, "PAIN", "PT20M", "  Participant asleep, not woken per protocol "), Nurse, Now));

        Assert.Equal((1, "PAIN", "PT20M", "Participant asleep, not woken per protocol", Nurse.UserId, Now), (notDone.Period, notDone.AssessmentCode, notDone.Timepoint, notDone.Reason, notDone.RecordedBy, notDone.RecordedAt));
        Assert.Equal("Participant asleep, not woken per protocol", DosingStarted().Apply(notDone).NotDone[new AssessmentKey(1, "PAIN", "PT20M")]);
    }

    [Fact]
    public void without_a_reason_nothing_is_recorded()
    {
        Rejected(RecordAssessmentNotDone.Decide(DosingStarted(), Trial, new RecordAssessmentNotDone(Code, Subject, 1, "PAIN", "PT20M", "  "), Nurse, Now), "reason-required");
    }

    [Fact]
    public void a_reason_the_sdtm_export_could_not_hold_is_refused_at_entry_naming_the_field()
    {
        var cyrillic = Rejected(RecordAssessmentNotDone.Decide(DosingStarted(), Trial, new RecordAssessmentNotDone(Code, Subject, 1, "PAIN", "PT20M", "Пациент спал"), Nurse, Now), Common.ExportableText.NotExportableCode);
        Assert.Equal("reason", cyrillic.Field);

        var tooLong = Rejected(RecordAssessmentNotDone.Decide(DosingStarted(), Trial, new RecordAssessmentNotDone(Code, Subject, 1, "PAIN", "PT20M", new string('x', RecordAssessmentNotDone.MaxReasonLength + 1)), Nurse, Now), "assessment.reason-too-long");
        Assert.Equal("reason", tooLong.Field);

        // Symbols SDTM transliterates (≥ → >=) are fine, and 200 characters after transliteration fit.
        Single<AssessmentNotDone>(RecordAssessmentNotDone.Decide(DosingStarted(), Trial, new RecordAssessmentNotDone(Code, Subject, 1, "PAIN", "PT20M", "Sedation score ≥ 3, not woken"), Nurse, Now));
        Single<AssessmentNotDone>(RecordAssessmentNotDone.Decide(DosingStarted(), Trial, new RecordAssessmentNotDone(Code, Subject, 1, "PAIN", "PT20M", new string('x', RecordAssessmentNotDone.MaxReasonLength)), Nurse, Now));
    }

    [Fact]
    public void a_monitor_cannot_record_it()
    {
        Rejected(RecordAssessmentNotDone.Decide(DosingStarted(), Trial, new RecordAssessmentNotDone(Code, Subject, 1, "PAIN", "PT20M", "Missed"), JourneyFixtures.Monitor, Now), "not-permitted");
    }

    [Fact]
    public void a_recorded_value_or_an_earlier_not_done_is_not_overwritten()
    {
        var recorded = new ScaleAssessmentRecorded(Code, Subject, 1, Nurse.UserId, Period1Start.AddMinutes(20), "PAIN", "PT20M", 40m, "mm");
        Rejected(RecordAssessmentNotDone.Decide(State([.. Enrolled(), Weight(1), Prepared(1), Started(1), recorded]), Trial, new RecordAssessmentNotDone(Code, Subject, 1, "PAIN", "PT20M", "Missed"), Nurse, Now), "assessment.already-recorded");

        var notDone = new AssessmentNotDone(Code, Subject, 1, Nurse.UserId, Now, "PAIN", "PT20M", "Missed");
        var again = Rejected(RecordAssessmentNotDone.Decide(State([.. Enrolled(), Weight(1), Prepared(1), Started(1), notDone]), Trial, new RecordAssessmentNotDone(Code, Subject, 1, "PAIN", "PT20M", "Other reason"), Nurse, Now), "assessment.already-not-done");
        Assert.Contains("Missed", again.Message);
    }

    [Fact]
    public void nothing_is_due_before_dosing_starts_and_unknown_items_are_named()
    {
        Rejected(RecordAssessmentNotDone.Decide(State([.. Enrolled(), Weight(1), Prepared(1)]), Trial, new RecordAssessmentNotDone(Code, Subject, 1, "PAIN", "PT20M", "Missed"), Nurse, Now), "assessment.dosing-not-started");
        Rejected(RecordAssessmentNotDone.Decide(DosingStarted(), Trial, new RecordAssessmentNotDone(Code, Subject, 1, "PAIN", "PT25M", "Missed"), Nurse, Now), "assessment.unknown-timepoint");
        Rejected(RecordAssessmentNotDone.Decide(DosingStarted(), Trial, new RecordAssessmentNotDone(Code, Subject, 1, "GAIT", "PT20M", "Missed"), Nurse, Now), "assessment.unknown");
        Rejected(RecordAssessmentNotDone.Decide(DosingStarted(), Trial, new RecordAssessmentNotDone(Code, Subject, 3, "PAIN", "PT20M", "Missed"), Nurse, Now), "participant.unknown-period");
    }

    [Fact]
    public void the_scheduler_no_longer_marks_a_not_done_assessment_overdue_nor_waits_for_it()
    {
        var baseline = new ScaleAssessmentRecorded(Code, Subject, 1, Nurse.UserId, Period1Start.AddMinutes(-5), "PAIN", "PT0M", 70m, "mm");
        var notDone = new AssessmentNotDone(Code, Subject, 1, Nurse.UserId, Now, "VITALS", "PT10M", "Cuff broken");
        var at = Period1Start.AddMinutes(31);

        var marked = Event<AssessmentsMarkedOverdue>(MarkAssessmentsOverdue.Decide(State([.. Enrolled(), Weight(1), Prepared(1), baseline, Started(1), notDone]), Trial, new MarkAssessmentsOverdue(Code, Subject, 1), Scheduler, at));

        Assert.Equal(["VITALS PT0M", "PAIN PT20M", "VITALS PT20M"], marked.Items.Select(i => $"{i.AssessmentCode} {i.Timepoint}"));
    }
}
