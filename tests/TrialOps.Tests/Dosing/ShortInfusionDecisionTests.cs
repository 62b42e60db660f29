using System.Text.Json.Nodes;
using TrialOps.Dosing;
using static TrialOps.Tests.Journey.JourneyFixtures;

namespace TrialOps.Tests.Dosing;

/// <summary>
/// Issue 10, item 1: "complete" for an infusion much shorter than planned (KET-NP-01 plans 40
/// minutes, so less than 36) asks for a confirmation with a reason, which the stop event keeps.
/// </summary>
public class ShortInfusionDecisionTests
{
    private static readonly object[] Running = [.. Enrolled(), Weight(1), Prepared(1), Started(1)];

    [Fact]
    public void the_threshold_is_ninety_percent_of_the_shortest_planned_duration()
    {
        Assert.Equal(TimeSpan.FromMinutes(40), DosingRules.ShortestPlannedDuration(Ket));
        Assert.Equal(TimeSpan.FromMinutes(36), DosingRules.ShortInfusionThreshold(Ket));
    }

    [Fact]
    public void a_complete_stop_after_much_less_than_planned_is_refused_without_a_confirmation()
    {
        var rejection = Rejected(StopDosing.Decide(State(Running), Trial, Stop(minutes: 20), Nurse, Now), StopDosing.ShorterThanPlannedCode);

        Assert.Equal("shortInfusionConfirmed", rejection.Field);
        Assert.Contains("20 min", rejection.Message, StringComparison.Ordinal);
        Assert.Contains("40 min", rejection.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void a_confirmed_short_complete_stop_needs_a_reason_which_the_stop_event_keeps()
    {
        Rejected(StopDosing.Decide(State(Running), Trial, Stop(minutes: 20, confirmed: true, reason: "  "), Nurse, Now), StopDosing.ShortInfusionReasonRequiredCode);

        var stopped = Single<DosingStopped>(StopDosing.Decide(State(Running), Trial, Stop(minutes: 20, confirmed: true, reason: " Pump set to the wrong rate; full volume given "), Nurse, Now));

        Assert.True(stopped.Completed);
        Assert.Null(stopped.EarlyStopReason);
        Assert.Equal("Pump set to the wrong rate; full volume given", stopped.ShortInfusionReason);
    }

    [Theory]
    [InlineData(36)]
    [InlineData(40)]
    [InlineData(55)]
    public void a_complete_stop_at_ninety_percent_or_more_needs_no_confirmation_and_records_no_reason(int minutes)
    {
        var stopped = Single<DosingStopped>(StopDosing.Decide(State(Running), Trial, Stop(minutes, confirmed: true, reason: "not needed"), Nurse, Now));

        Assert.Null(stopped.ShortInfusionReason);
    }

    [Fact]
    public void an_early_stop_is_not_asked_for_a_short_infusion_confirmation()
    {
        var stopped = Single<DosingStopped>(StopDosing.Decide(State(Running), Trial, new StopDosing(Code, Subject, 1, Period1Start.AddMinutes(5), false, "Dissociation"), Nurse, Now));

        Assert.Equal(("Dissociation", null), (stopped.EarlyStopReason, stopped.ShortInfusionReason));
    }

    [Fact]
    public void time_spent_interrupted_does_not_count_as_time_dosed()
    {
        // 45 minutes from start to stop, 15 of them interrupted: 30 minutes dosed, less than 36.
        var interrupted = State([.. Running,
            new DosingInterrupted(Code, Subject, 1, Nurse.UserId, Period1Start.AddMinutes(10), "Line occluded"),
            new DosingResumed(Code, Subject, 1, Nurse.UserId, Period1Start.AddMinutes(25))]);

        Assert.Equal(TimeSpan.FromMinutes(15), interrupted.Session(1).InterruptedFor);
        Rejected(StopDosing.Decide(interrupted, Trial, Stop(minutes: 45), Nurse, Now), StopDosing.ShorterThanPlannedCode);
        Single<DosingStopped>(StopDosing.Decide(interrupted, Trial, Stop(minutes: 52), Nurse, Now));
    }

    [Fact]
    public void an_interruption_still_open_at_the_stop_counts_up_to_the_stop()
    {
        var open = State([.. Running, new DosingInterrupted(Code, Subject, 1, Nurse.UserId, Period1Start.AddMinutes(30), "Line occluded")]);

        Rejected(StopDosing.Decide(open, Trial, Stop(minutes: 50), Nurse, Now), StopDosing.ShorterThanPlannedCode);
    }

    [Fact]
    public void a_protocol_without_a_planned_duration_has_no_short_infusion_rule()
    {
        var push = TrialWith(protocol =>
        {
            foreach (var component in protocol["treatments"]!.AsArray().SelectMany(t => t!["components"]!.AsArray()))
            {
                component!["kind"] = "bolus";
                component["minutes"] = 0;
            }
        });

        Assert.Equal(TimeSpan.Zero, DosingRules.ShortInfusionThreshold(push.Protocol));
        Single<DosingStopped>(StopDosing.Decide(State(Running), push, Stop(minutes: 1), Nurse, Now));
    }

    private static StopDosing Stop(int minutes, bool confirmed = false, string? reason = null) =>
        new(Code, Subject, 1, Period1Start.AddMinutes(minutes), true, null, confirmed, reason);
}
