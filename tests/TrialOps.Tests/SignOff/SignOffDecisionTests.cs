using TrialOps.AdverseEvents;
using TrialOps.Assessments;
using TrialOps.Blinding;
using TrialOps.EventStore;
using TrialOps.Messaging;
using TrialOps.Participants;
using TrialOps.Queries;
using TrialOps.Randomization;
using TrialOps.SignOff;
using TrialOps.Signatures;
using static TrialOps.Tests.Journey.JourneyFixtures;
using Fixtures = TrialOps.Tests.Signatures.SignatureFixtures;

namespace TrialOps.Tests.SignOff;

public class SignOffDecisionTests
{
    private static readonly Actor TheMonitor = Journey.JourneyFixtures.Monitor;

    private const string AdverseEventId = "ae0000000007";

    /// <summary>Events as a stream read from the store: versions 1, 2, …, recorded a minute apart.</summary>
    private static IReadOnlyList<StoredEvent> Stream(string streamId, params object[] events) =>
        events.Select((data, i) => new StoredEvent(
            i + 1, streamId, i + 1, "test", data, new EventMetadata("u", "r", null, Guid.Empty, Guid.Empty, Guid.Empty), Now.AddMinutes(i - events.Length), "")).ToArray();

    private static Decision Eligibility(object[] history, Actor? by = null, string password = Fixtures.Password) =>
        SignEligibility.Decide(State(history), Stream(ParticipantStream, history), Trial, new SignEligibility(Code, Subject, Fixtures.SignedBy(by ?? Investigator, password)), by ?? Investigator, Now, Fixtures.AccountOf(by ?? Investigator, history.Length));

    private static Decision Casebook(object[] history, Actor? by = null) =>
        SignCasebook.Decide(State(history), Stream(ParticipantStream, history), Trial, new SignCasebook(Code, Subject, Fixtures.SignedBy(by ?? Investigator)), by ?? Investigator, Now, Fixtures.AccountOf(by ?? Investigator, history.Length));

    private static RecordSigned Signature(Decision decision)
    {
        Assert.Null(decision.Rejection);
        var signed = Assert.Single(decision.Events, e => e.Data is RecordSigned);
        return (RecordSigned)signed.Data;
    }

    private static object[] Completed() => [.. ReadyForPeriod2(), Started(2), Stopped(2), new ParticipantCompleted(Code, Subject, Coordinator.UserId, Now.AddDays(-1), 2)];

    [Fact]
    public void an_investigator_signs_eligibility_as_approved_naming_the_stream_version_signed()
    {
        var history = Enrolled();

        var signed = Signature(Eligibility(history));

        Assert.Equal(
            new RecordSigned(ParticipantStream, history.Length, Investigator.UserId, $"Dr {Investigator.UserId}", Investigator.Role, SignatureMeanings.Approved, "the eligibility of participant S01-001", Now, SignedRecords.Eligibility),
            signed);
    }

    [Theory]
    [InlineData("Coordinator")]
    [InlineData("DataEntry")]
    [InlineData("Monitor")]
    [InlineData("Pharmacist")]
    public void only_an_investigator_signs_off(string role)
    {
        var by = new Actor("u-other", role);

        Rejected(Eligibility(Enrolled(), by), "not-permitted");
        Rejected(Casebook(Completed(), by), "not-permitted");
    }

    [Fact]
    public void a_wrong_password_signs_nothing()
    {
        Rejected(Eligibility(Enrolled(), password: "not-the-password"), SignatureRejections.WrongPassword);
    }

    [Fact]
    public void eligibility_not_decided_yet_cannot_be_signed()
    {
        Rejected(Eligibility([Screened()]), "sign-off.eligibility-not-decided");
    }

    [Fact]
    public void a_record_signed_and_unchanged_is_not_signed_twice_but_after_a_change_it_is_signed_again()
    {
        var history = Enrolled();
        var signed = Signature(Eligibility(history));

        Rejected(Eligibility([.. history, signed]), "sign-off.already-signed");

        var corrected = new ConsentCorrected(Code, Subject, Coordinator.UserId, Now, new DateOnly(2026, 11, 2), "2.2", "Date misread");
        Assert.Equal(5, Signature(Eligibility([.. history, signed, corrected])).SignedVersion);
    }

    [Fact]
    public void a_casebook_with_a_period_not_dosed_is_refused_with_the_reason()
    {
        var rejection = Rejected(Casebook(Period1Dosed()), "sign-off.casebook-incomplete");

        Assert.Contains("period 2 is not dosed to its end", rejection.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void a_casebook_with_every_period_dosed_but_time_points_missing_is_refused_naming_them()
    {
        var rejection = Rejected(Casebook([.. ReadyForPeriod2(), Started(2), Stopped(2)]), "sign-off.casebook-incomplete");

        Assert.Contains("P1 PAIN PT0M", rejection.Message, StringComparison.Ordinal);
        Assert.Contains("record them as not done", rejection.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void the_casebook_of_a_participant_who_completed_is_signed_as_approved()
    {
        var history = Completed();

        var signed = Signature(Casebook(history));

        Assert.Equal((ParticipantStream, history.Length, SignatureMeanings.Approved, SignedRecords.Casebook), (signed.SignedStream, signed.SignedVersion, signed.Meaning, signed.Record));
    }

    [Fact]
    public void a_casebook_signature_is_not_current_after_a_correction_but_stays_current_through_queries_and_verification()
    {
        var history = Completed();
        var signed = Signature(Casebook(history));
        var query = new QueryRaised(Code, Subject, 1, TheMonitor.UserId, Now, new DataItem(DataItemKind.Weight, 1), "Scale calibrated?");
        var correction = new ScaleAssessmentCorrected(Code, Subject, 1, Nurse.UserId, Now, "PAIN", "PT20M", 40m, Period1Start.AddMinutes(20), "Transcription");

        var queried = SignatureHistory.Of(Stream(ParticipantStream, [.. history, signed, query])).Single();
        var changed = SignatureHistory.Of(Stream(ParticipantStream, [.. history, signed, query, correction])).Single();

        Assert.True(queried.Current);
        Assert.False(changed.Current);
        Assert.Equal(SignedRecords.Casebook, changed.Record);
        Assert.NotNull(changed.ChangedAt);
    }

    [Fact]
    public void an_eligibility_signature_stays_current_through_treatment_and_ends_with_a_consent_correction()
    {
        var signed = Signature(Eligibility([Screened(), Eligible()]));
        object[] treated = [Screened(), Eligible(), signed, Randomized(), Weight(1), Prepared(1), Started(1)];
        var corrected = new ConsentCorrected(Code, Subject, Coordinator.UserId, Now, new DateOnly(2026, 11, 2), "2.2", "Date misread");

        Assert.True(SignatureHistory.Of(Stream(ParticipantStream, treated)).Single().Current);
        Assert.False(SignatureHistory.Of(Stream(ParticipantStream, [.. treated, corrected])).Single().Current);
    }

    [Fact]
    public void a_code_break_signature_stays_current_when_the_list_goes_on()
    {
        var stream = RandomizationStreams.For(Code, "S01");
        var performed = new EmergencyUnblindingPerformed(Code, "S01", Investigator.UserId, Now, "S01-001", 1, "Anaphylaxis", [1, 2]);
        var signed = new RecordSigned(stream, 2, Investigator.UserId, "Dr I", Investigator.Role, SignatureMeanings.ResponsibleFor, "code break of participant S01-001", Now);
        var later = new AllocationAssigned(Code, "S01", Coordinator.UserId, Now, "S01-002", 2);

        var signature = SignatureHistory.Of(Stream(stream, List(), performed, signed, later)).Single();

        Assert.True(signature.Current);
    }

    [Fact]
    public void a_lock_signature_is_still_not_current_once_the_trial_is_unlocked()
    {
        var stream = "protocol-KET-NP-01";
        var locked = new TrialLocked(Code, Coordinator.UserId, Now);
        var signed = new RecordSigned(stream, 1, Coordinator.UserId, "Dr C", Coordinator.Role, SignatureMeanings.Approved, "trial lock", Now);
        var unlocked = new TrialUnlocked(Code, Coordinator.UserId, Now, "Late query");

        Assert.False(SignatureHistory.Of(Stream(stream, locked, signed, unlocked)).Single().Current);
    }

    [Fact]
    public void a_lock_signature_stays_current_when_the_trial_is_unblinded_under_the_lock()
    {
        var stream = "protocol-KET-NP-01";
        var locked = new TrialLocked(Code, Coordinator.UserId, Now);
        var lockSigned = new RecordSigned(stream, 1, Coordinator.UserId, "Dr C", Coordinator.Role, SignatureMeanings.Approved, "trial lock", Now);
        var unblinded = new TrialUnblinded(Code, "stat", Now.AddMinutes(5));
        var unblindSigned = new RecordSigned(stream, 3, "stat", "Dr S", "Statistician", SignatureMeanings.ResponsibleFor, "trial unblinding", Now.AddMinutes(5));
        var unlocked = new TrialUnlocked(Code, Coordinator.UserId, Now.AddDays(1), "Late query");

        var underLock = SignatureHistory.Of(Stream(stream, locked, lockSigned, unblinded, unblindSigned));
        var afterUnlock = SignatureHistory.Of(Stream(stream, locked, lockSigned, unblinded, unblindSigned, unlocked));

        Assert.Equal([true, true], underLock.Select(s => s.Current));
        Assert.Equal([false, true], afterUnlock.Select(s => s.Current));
    }

    [Fact]
    public void an_investigator_signs_the_causality_of_an_adverse_event_once_judged()
    {
        var stream = AdverseEventStreams.For(AdverseEventId);
        var reported = new AdverseEventReported(AdverseEventId, Code, Subject, Investigator.UserId, Period1Start.AddHours(1),
            new AdverseEventDetails(10013573, "Dizziness", PartialDate.Parse("2026-11-21T10:30"), null, 1, [], null, ActionTaken.DoseNotChanged, AdverseEventOutcome.NotRecoveredNotResolved), 1, null);
        var judged = new AdverseEventCausalityAssessed(AdverseEventId, Code, Subject, Investigator.UserId, Now, Causality.Possible);
        Decision Sign(params object[] events) => SignAdverseEventCausality.Decide(
            AdverseEventState.From(events), Stream(stream, events), Trial, new SignAdverseEventCausality(AdverseEventId, Fixtures.SignedBy(Investigator)), Investigator, Now, Fixtures.AccountOf(Investigator, events.Length));

        Rejected(Sign(reported), "sign-off.causality-not-judged");
        var signed = Signature(Sign(reported, judged));
        var outcome = new AdverseEventOutcomeRecorded(AdverseEventId, Code, Subject, Nurse.UserId, Now, AdverseEventOutcome.RecoveredResolved, PartialDate.Parse("2026-11-22"));

        Assert.Equal((stream, 2, SignatureMeanings.Approved, SignedRecords.Causality), (signed.SignedStream, signed.SignedVersion, signed.Meaning, signed.Record));
        Assert.True(SignatureHistory.Of(Stream(stream, reported, judged, signed, outcome)).Single().Current);
    }

    [Fact]
    public void a_locked_trial_takes_no_sign_off()
    {
        var history = Enrolled();
        var decision = SignEligibility.Decide(State(history), Stream(ParticipantStream, history), Trial with { Locked = true },
            new SignEligibility(Code, Subject, Fixtures.SignedBy(Investigator)), Investigator, Now, Fixtures.AccountOf(Investigator, history.Length));

        Rejected(decision, "trial.locked");
    }
}
