using System.Reflection;
using TrialOps.AdverseEvents;
using TrialOps.EventStore;
using TrialOps.Participants;

namespace TrialOps.Tests.Journey;

/// <summary>The journey's stored event aliases are a regulated contract; the CTCAE dictionary ships with the build.</summary>
public class JourneyContractTests
{
    private static readonly Type[] JourneyEvents = typeof(ParticipantState).Assembly.GetTypes()
        .Where(t => t.GetCustomAttribute<EventTypeAttribute>() is not null)
        .Where(t => typeof(IParticipantEvent).IsAssignableFrom(t) || typeof(IAdverseEventEvent).IsAssignableFrom(t))
        .ToArray();

    [Fact]
    public void every_journey_event_has_its_fixed_alias()
    {
        var aliases = JourneyEvents.ToDictionary(t => t.Name, t => t.GetCustomAttribute<EventTypeAttribute>()!.Alias);

        Assert.Equal(
            new SortedDictionary<string, string>
            {
                ["ParticipantScreened"] = "participant.screened.v1",
                ["EligibilityConfirmed"] = "participant.eligibility-confirmed.v1",
                ["ParticipantScreenFailed"] = "participant.screen-failed.v1",
                ["ParticipantRandomized"] = "participant.randomized.v1",
                ["ConsentCorrected"] = "participant.consent-corrected.v1",
                ["DemographicsRecorded"] = "participant.demographics-recorded.v1",
                ["DemographicsCorrected"] = "participant.demographics-corrected.v1",
                ["ParticipantWithdrawn"] = "participant.withdrawn.v1",
                ["ParticipantCompleted"] = "participant.completed.v1",
                ["ProtocolDeviationRecorded"] = "participant.protocol-deviation-recorded.v1",
                ["SessionWeightRecorded"] = "dosing.weight-recorded.v1",
                ["SessionWeightCorrected"] = "dosing.weight-corrected.v1",
                ["DosePrepared"] = "dosing.dose-prepared.v1",
                ["DosePreparationReplaced"] = "dosing.preparation-replaced.v1",
                ["DosePreparationConfirmed"] = "dosing.preparation-confirmed.v1",
                ["DosingStarted"] = "dosing.started.v1",
                ["DosingInterrupted"] = "dosing.interrupted.v1",
                ["DosingResumed"] = "dosing.resumed.v1",
                ["InfusionRateChanged"] = "dosing.rate-changed.v1",
                ["DosingStopped"] = "dosing.stopped.v1",
                ["DosingStartCorrected"] = "dosing.start-corrected.v1",
                ["DosingStopCorrected"] = "dosing.stop-corrected.v1",
                ["WashoutElapsed"] = "washout.elapsed.v1",
                ["ScaleAssessmentRecorded"] = "assessment.scale-recorded.v1",
                ["VitalSignsRecorded"] = "assessment.vitals-recorded.v1",
                ["ScaleAssessmentCorrected"] = "assessment.scale-corrected.v1",
                ["VitalSignsCorrected"] = "assessment.vitals-corrected.v1",
                ["SafetyAlertRaised"] = "assessment.safety-alert-raised.v1",
                ["AssessmentsMarkedOverdue"] = "assessment.overdue-marked.v1",
                ["AssessmentNotDone"] = "assessment.not-done.v1",
                ["AdverseEventReported"] = "adverse-event.reported.v1",
                ["AdverseEventCorrected"] = "adverse-event.corrected.v1",
                ["AdverseEventOutcomeRecorded"] = "adverse-event.outcome-recorded.v1",
                ["AdverseEventCausalityAssessed"] = "adverse-event.causality-assessed.v1",
                ["SaeReportedToSponsor"] = "adverse-event.sae-reported-to-sponsor.v1",
                ["SaeFollowUpReported"] = "adverse-event.sae-follow-up-reported.v1",
                ["SaeReportOverdue"] = "adverse-event.sae-report-overdue.v1",
                ["AdverseEventExpectednessAssessed"] = "adverse-event.expectedness-assessed.v1",
                ["AdverseEventExpectednessReassessed"] = "adverse-event.expectedness-reassessed.v1",
                ["SusarReportSubmitted"] = "adverse-event.susar-report-submitted.v1",
                ["SusarReportOverdue"] = "adverse-event.susar-report-overdue.v1",
                ["SusarTreatmentRevealed"] = "adverse-event.susar-treatment-revealed.v1",
                ["QueryRaised"] = "query.raised.v1",
                ["QueryAnswered"] = "query.answered.v1",
                ["QueryClosed"] = "query.closed.v1",
                ["QueryReopened"] = "query.reopened.v1",
                ["SourceDataVerified"] = "sdv.verified.v1",
            },
            new SortedDictionary<string, string>(aliases));
    }

    [Fact]
    public void every_correction_event_needs_a_reason_and_carries_it()
    {
        // A re-assessment changes a recorded decision (expectedness, ADR 0026), and a preparation
        // replaced or confirmed for a corrected weight follows a changed record (ADR 0020): corrections by another name.
        var corrections = JourneyEvents.Where(t => t.Name.EndsWith("Corrected", StringComparison.Ordinal) || t.Name.EndsWith("Reassessed", StringComparison.Ordinal)
            || t == typeof(global::TrialOps.Dosing.DosePreparationReplaced) || t == typeof(global::TrialOps.Dosing.DosePreparationConfirmed)).ToArray();

        Assert.Equal(11, corrections.Length);
        Assert.All(corrections, t =>
        {
            Assert.True(t.GetCustomAttribute<EventTypeAttribute>()!.RequiresReason, t.Name);
            Assert.NotNull(t.GetProperty("Reason"));
        });
        Assert.All(JourneyEvents.Except(corrections), t => Assert.False(t.GetCustomAttribute<EventTypeAttribute>()!.RequiresReason, t.Name));
    }

    [Fact]
    public void the_store_refuses_a_correction_without_a_reason_in_its_metadata()
    {
        var registry = EventTypeRegistry.FromAssemblies(typeof(ParticipantState).Assembly);

        Assert.All(JourneyEvents.Where(t => t.Name.EndsWith("Corrected", StringComparison.Ordinal)), t => Assert.True(registry.RequiresReason(t)));
    }

    [Fact]
    public void the_ctcae_v5_dictionary_ships_all_837_terms_searchable_by_term_and_meddra_code()
    {
        var ctcae = CtcaeDictionary.V5;

        Assert.Equal(837, ctcae.Terms.Count);
        Assert.Equal("Dizziness", ctcae.FindByCode(10013573)!.Term);
        Assert.Equal(10041349, ctcae.FindByTerm("somnolence")!.MeddraCode);
        Assert.Equal([1, 2, 3], ctcae.FindByCode(10013573)!.DefinedGrades);
        Assert.Equal([5], ctcae.FindByTerm("Death NOS")!.DefinedGrades);
        Assert.StartsWith("Mild unsteadiness", ctcae.FindByCode(10013573)!.GradeText(1));
        Assert.Equal("Nausea", ctcae.Search("nause").First().Term);
        Assert.Contains(ctcae.Search("vision blurred"), t => t.Term == "Blurred vision");
        Assert.Equal("Dizziness", Assert.Single(ctcae.Search("10013573")).Term);
        Assert.Empty(ctcae.Search(""));
    }

    [Fact]
    public void the_shipped_ctcae_table_is_the_reference_file_unmodified()
    {
        var shipped = Path.Combine(Protocols.ProtocolFixtures.RepositoryRoot, "src", "TrialOps", "AdverseEvents", "Data", "CTCAE_v5.0_terms.csv");

        Assert.Equal(
            "f8768495d3c19352ff3ef2fee3d118fcba7f8e9057a43917a023a30308b2e216",
            Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(shipped))));
    }
}
