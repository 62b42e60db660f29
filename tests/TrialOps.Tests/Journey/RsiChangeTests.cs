using System.Text.Json.Nodes;
using TrialOps.AdverseEvents;
using TrialOps.Common;
using TrialOps.Messaging;
using TrialOps.Participants;
using TrialOps.Protocols;
using TrialOps.Worklists;
using static TrialOps.Tests.Journey.JourneyFixtures;

namespace TrialOps.Tests.Journey;

/// <summary>
/// A change of the reference safety information (the protocol's <c>safety.expectedTerms</c>,
/// changed by an amendment) prompts the medical monitor to re-assess expectedness (ADR 0026,
/// "When the reference safety information changes"), without I/O.
/// </summary>
public class RsiChangeTests
{
    private const int Hypertension = 10020772;
    private const int Nausea = 10028813;
    private const string Id = "ae00000000s1";
    private const string Why = "Protocol version 2 changed the reference safety information for this term.";
    private static readonly Actor MedicalMonitor = new("u-medical-monitor", Roles.MedicalMonitor);
    private static readonly DateTimeOffset AwareAt = new(2026, 11, 21, 11, 0, 0, TimeSpan.Zero);

    private static TrialContext Listing(params int[] terms) =>
        TrialWith(protocol => protocol["safety"]!["expectedTerms"] = new JsonArray([.. terms.Select(t => (JsonNode)t)]));

    private static AdverseEventState Case()
    {
        var details = new AdverseEventDetails(Hypertension, "Hypertension", PartialDate.Parse("2026-11-21T10:50"), null, 3, [SeriousnessCriterion.Hospitalization], Causality.Possible, ActionTaken.NotApplicable, AdverseEventOutcome.RecoveringResolving);
        return AdverseEventState.From(
        [
            new AdverseEventReported(Id, Code, Subject, Investigator.UserId, AwareAt, details, 1, AwareAt.AddHours(24)),
            new SaeReportedToSponsor(Id, Code, Subject, Investigator.UserId, AwareAt.AddHours(7), "SAE-1", false),
        ]);
    }

    /// <summary>The case assessed under <paramref name="trial"/>'s RSI, taking its suggestion.</summary>
    private static AdverseEventState AssessedUnder(TrialContext trial, Expectedness expectedness)
    {
        var state = Case();
        var decision = AssessExpectedness.Decide(state, trial, new AssessExpectedness(Id, expectedness, null), MedicalMonitor, AwareAt.AddDays(1));
        Assert.False(decision.IsRejected, decision.Rejection?.Message);
        return state.Apply(decision.Events.Single().Data);
    }

    private static Decision Reassess(AdverseEventState state, TrialContext trial, Expectedness expectedness, string reason = Why) =>
        ReassessExpectedness.Decide(state, trial, new ReassessExpectedness(Id, expectedness, reason), MedicalMonitor, Now);

    private static AdverseEventState Apply(AdverseEventState state, Decision decision)
    {
        Assert.False(decision.IsRejected, decision.Rejection?.Message);
        return decision.Events.Aggregate(state, (s, e) => s.Apply(e.Data));
    }

    [Fact]
    public void a_case_assessed_expected_is_flagged_when_an_amendment_no_longer_lists_its_term()
    {
        var expected = AssessedUnder(Listing(Hypertension, Nausea), Expectedness.Expected);
        Assert.Null(ReferenceSafetyInformation.ChangeSinceDecision(expected, Listing(Hypertension, Nausea).Protocol.Safety.ExpectedTerms));

        var change = ReferenceSafetyInformation.ChangeSinceDecision(expected, Listing(Nausea).Protocol.Safety.ExpectedTerms);

        Assert.Equal(new RsiChange(Hypertension, NowListed: false, Expectedness.Expected, AwareAt.AddDays(1)), change);
    }

    [Fact]
    public void a_case_assessed_unexpected_is_flagged_when_an_amendment_lists_its_term()
    {
        var unexpected = AssessedUnder(Trial, Expectedness.Unexpected);

        var change = ReferenceSafetyInformation.ChangeSinceDecision(unexpected, Listing(Hypertension).Protocol.Safety.ExpectedTerms);

        Assert.Equal(new RsiChange(Hypertension, NowListed: true, Expectedness.Unexpected, AwareAt.AddDays(1)), change);
    }

    [Fact]
    public void an_amendment_that_leaves_the_terms_listing_as_it_was_flags_nothing()
    {
        var unexpected = AssessedUnder(Trial, Expectedness.Unexpected);
        var expected = AssessedUnder(Listing(Hypertension), Expectedness.Expected);

        Assert.Null(ReferenceSafetyInformation.ChangeSinceDecision(unexpected, Listing(Nausea).Protocol.Safety.ExpectedTerms));
        Assert.Null(ReferenceSafetyInformation.ChangeSinceDecision(expected, Listing(Hypertension, Nausea).Protocol.Safety.ExpectedTerms));
        Assert.Null(ReferenceSafetyInformation.ChangeSinceDecision(Case(), Listing(Hypertension).Protocol.Safety.ExpectedTerms));
    }

    [Fact]
    public void a_case_re_assessed_after_the_amendment_is_no_longer_flagged_whether_changed_or_confirmed()
    {
        var amended = Listing(Hypertension);
        var unexpected = AssessedUnder(Trial, Expectedness.Unexpected);

        var changed = Apply(unexpected, Reassess(unexpected, amended, Expectedness.Expected));
        Assert.Null(ReferenceSafetyInformation.ChangeSinceDecision(changed, amended.Protocol.Safety.ExpectedTerms));

        var confirmed = Apply(unexpected, Reassess(unexpected, amended, Expectedness.Unexpected));
        Assert.Null(ReferenceSafetyInformation.ChangeSinceDecision(confirmed, amended.Protocol.Safety.ExpectedTerms));
        var confirmation = confirmed.Reassessments.Single();
        Assert.Equal((Expectedness.Unexpected, Expectedness.Unexpected, Expectedness.Expected, Why), (confirmation.Expectedness, confirmation.Previous, confirmation.Suggested, confirmation.Reason));

        // An amendment that unlists it again flags the re-assessed case again.
        Assert.NotNull(ReferenceSafetyInformation.ChangeSinceDecision(changed, Trial.Protocol.Safety.ExpectedTerms));
    }

    [Fact]
    public void keeping_the_value_is_a_re_assessment_only_after_the_rsi_changed_and_it_moves_no_clock()
    {
        var unexpected = AssessedUnder(Trial, Expectedness.Unexpected);
        var clock = ExpeditedReporting.ClockOf(unexpected)!;

        var unchanged = Reassess(unexpected, Trial, Expectedness.Unexpected);
        Assert.Equal("adverse-event.expectedness-unchanged", unchanged.Rejection!.Code);
        Assert.Equal(RejectionCodes.ReasonRequired, Reassess(unexpected, Listing(Hypertension), Expectedness.Unexpected, " ").Rejection!.Code);

        var confirmation = Reassess(unexpected, Listing(Hypertension), Expectedness.Unexpected);
        var confirmed = Apply(unexpected, confirmation);

        Assert.Empty(confirmation.Messages);
        Assert.Equal((clock.AwareOn, clock.InitialDueOn), (ExpeditedReporting.ClockOf(confirmed)!.AwareOn, ExpeditedReporting.ClockOf(confirmed)!.InitialDueOn));
        Assert.Null(confirmed.UnexpectedSince);
        Assert.Equal("adverse-event.expectedness-unchanged", Reassess(confirmed, Listing(Hypertension), Expectedness.Unexpected).Rejection!.Code);
    }

    [Fact]
    public void a_confirmation_after_a_change_to_unexpected_keeps_day_zero_of_that_change()
    {
        var expected = AssessedUnder(Listing(Hypertension), Expectedness.Expected);
        var changedAt = Now.AddDays(-3);
        var toUnexpected = Apply(expected, ReassessExpectedness.Decide(expected, Listing(Hypertension), new ReassessExpectedness(Id, Expectedness.Unexpected, Why), MedicalMonitor, changedAt));
        var awareOn = ExpeditedReporting.ClockOf(toUnexpected)!.AwareOn;

        // Hypertension no longer listed: the medical monitor keeps "unexpected".
        var confirmed = Apply(toUnexpected, Reassess(toUnexpected, Trial, Expectedness.Unexpected));

        Assert.Equal(changedAt, confirmed.UnexpectedSince);
        Assert.Equal(awareOn, ExpeditedReporting.ClockOf(confirmed)!.AwareOn);
    }

    [Fact]
    public void the_prompt_names_the_last_version_that_changed_the_terms_listing()
    {
        var versions = new[]
        {
            Version(1, []),
            Version(2, [Hypertension]),
            Version(3, [Hypertension, Nausea]),
            Version(4, [Nausea]),
            Version(5, [Nausea]),
        };

        Assert.Equal(4, ReferenceSafetyInformation.ChangedIn(versions, Hypertension)!.Version);
        Assert.Equal(3, ReferenceSafetyInformation.ChangedIn(versions, Nausea)!.Version);
        Assert.Null(ReferenceSafetyInformation.ChangedIn(versions, 10013573));
        Assert.Null(ReferenceSafetyInformation.ChangedIn(versions[..1], Hypertension));
    }

    [Fact]
    public void a_case_whose_term_was_corrected_since_the_decision_is_not_flagged_for_the_rsi()
    {
        var unexpected = AssessedUnder(Trial, Expectedness.Unexpected);
        var corrected = unexpected with { Details = unexpected.Details! with { MeddraCode = Nausea, Term = "Nausea" } };

        Assert.Null(ReferenceSafetyInformation.ChangeSinceDecision(corrected, Listing(Hypertension, Nausea).Protocol.Safety.ExpectedTerms));
    }

    [Fact]
    public void the_medical_monitors_worklist_names_the_term_and_the_version_and_waits_since_the_amendment()
    {
        var amendedAt = Now.AddHours(-5);
        var prompt = new RsiReassessmentPrompt(Code.Value, Id, Subject.ToString(), "Hypertension", Hypertension, true, Expectedness.Unexpected, AwareAt.AddDays(1), 2, amendedAt, "u-coordinator");

        var item = Assert.Single(WorklistRules.ExpectednessReassessments([prompt]));

        Assert.Equal(
            (WorkKind.ExpectednessReassessment, "S01-001", "S01", "Re-assess expectedness: Hypertension now listed in protocol version 2", amendedAt, false, Id),
            (item.Kind, item.Subject, item.Site, item.What, item.DueAt, item.Overdue, item.AdverseEventId));
        Assert.Equal([Roles.MedicalMonitor], new ExpectednessReassessmentsSource(null!).Roles);
    }

    private static ProtocolVersionRecord Version(int version, int[] terms) =>
        new(Code, version, $"sha-{version}", "u-coordinator", Now.AddDays(version), version * 10, Listing(terms).Protocol);
}
