using System.Text.Json.Nodes;
using TrialOps.Assessments;
using TrialOps.Common;
using TrialOps.Dosing;
using TrialOps.Messaging;
using TrialOps.Participants;
using TrialOps.Protocols;
using TrialOps.Randomization;
using TrialOps.Tests.Protocols;
using TrialOps.Tests.Randomization;

namespace TrialOps.Tests.Journey;

/// <summary>People, clock, protocol and a participant's history for journey decision tests.</summary>
public static class JourneyFixtures
{
    /// <summary>The server clock of every test: well after the clinical times below.</summary>
    public static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>Period 1 dosing of the standard history: 2026-11-21 10:00–10:40 UTC.</summary>
    public static readonly DateTimeOffset Period1Start = new(2026, 11, 21, 10, 0, 0, TimeSpan.Zero);

    public static readonly DateTimeOffset Period1Stop = Period1Start.AddMinutes(40);

    public static readonly Actor Coordinator = new("u-coordinator", Roles.Coordinator);
    public static readonly Actor Investigator = new("u-investigator", Roles.Investigator);
    public static readonly Actor Nurse = new("u-nurse", Roles.DataEntry);
    public static readonly Actor Pharmacist = new("u-pharmacist", Roles.Pharmacist);
    public static readonly Actor Monitor = new("u-monitor", Roles.Monitor);
    public static readonly Actor Scheduler = Actor.System;

    public static readonly KitNumber Kit1 = new(482_913);
    public static readonly KitNumber Kit2 = new(137_604);

    public static ProtocolDefinition Ket { get; } = ProtocolFixtures.Ket;

    public static ProtocolCode Code => Ket.Code;

    public static TrialContext Trial { get; } = new(Ket, Locked: false);

    public static SubjectNumber Subject { get; } = SubjectNumber.Parse("S01-001");

    public static string ParticipantStream => ParticipantStreams.For(Code, Subject);

    /// <summary>KET-NP-01 with a change applied, as a trial.</summary>
    public static TrialContext TrialWith(Action<JsonObject> change) => new(ProtocolFixtures.Parse(ProtocolFixtures.Mutated(change)), false);

    public static ParticipantScreened Screened(DateOnly? consent = null) =>
        new(Code, Subject, Coordinator.UserId, Now.AddDays(-30), "S01", 1, consent ?? new DateOnly(2026, 11, 1), "2.1");

    public static EligibilityConfirmed Eligible() =>
        new(Code, Subject, Investigator.UserId, Now.AddDays(-30), 1,
            [new CriterionAnswer("IN01", CriterionKind.Inclusion, true)], true, []);

    public static ParticipantRandomized Randomized() =>
        new(Code, Subject, Coordinator.UserId, Now.AddDays(-30), "S01", [new PeriodKit(1, Kit1), new PeriodKit(2, Kit2)]);

    public static object[] Enrolled() => [Screened(), Eligible(), Randomized()];

    public static SessionWeightRecorded Weight(int period, decimal kg = 70m, DateTimeOffset? at = null) =>
        new(Code, Subject, period, Nurse.UserId, at ?? SessionStart(period).AddMinutes(-50), kg);

    public static DosePrepared Prepared(int period, decimal kg = 70m, DateTimeOffset? at = null) =>
        new(Code, Subject, period, Pharmacist.UserId, at ?? SessionStart(period).AddMinutes(-40), period == 1 ? Kit1 : Kit2, "u-technician", kg);

    public static DosingStarted Started(int period, DateTimeOffset? at = null) => new(Code, Subject, period, Nurse.UserId, at ?? SessionStart(period));

    public static DosingStopped Stopped(int period, DateTimeOffset? at = null) => new(Code, Subject, period, Nurse.UserId, at ?? SessionStart(period).AddMinutes(40), true, null);

    /// <summary>Period 1 from 2026-11-21 10:00; period 2 eight days later (after the P7D washout).</summary>
    public static DateTimeOffset SessionStart(int period) => Period1Start.AddDays(8 * (period - 1));

    /// <summary>Enrolled, then period 1 weighed, prepared, dosed 10:00–10:40.</summary>
    public static object[] Period1Dosed() => [.. Enrolled(), Weight(1), Prepared(1), Started(1), Stopped(1)];

    /// <summary>Period 1 dosed; period 2 weighed and prepared, not started.</summary>
    /// <summary>Period 1 dosed; period 2 weighed and its kit prepared five days later (before the washout ends, so tests can try an early start).</summary>
    public static object[] ReadyForPeriod2() => [.. Period1Dosed(), Weight(2, at: Period1Stop.AddDays(5)), Prepared(2, at: Period1Stop.AddDays(5).AddMinutes(10))];

    public static ParticipantState State(params object[] events) => ParticipantState.From(events);

    public static T Single<T>(Decision decision)
    {
        Assert.Null(decision.Rejection);
        return Assert.IsType<T>(Assert.Single(decision.Events).Data);
    }

    public static T Event<T>(Decision decision)
    {
        Assert.Null(decision.Rejection);
        return Assert.Single(decision.Events.Select(e => e.Data).OfType<T>());
    }

    public static Rejection Rejected(Decision decision, string? code = null)
    {
        Assert.Empty(decision.Events);
        Assert.Empty(decision.Messages);
        var rejection = Assert.IsType<Rejection>(decision.Rejection);
        if (code is not null)
        {
            Assert.Equal(code, rejection.Code);
        }

        return rejection;
    }

    public static VitalSigns NormalVitals => new(128, 78, 72, 97);

    /// <summary>A stratum list for S01 of KET-NP-01, generated from a fixed seed.</summary>
    public static RandomizationListGenerated List(int length = 4) => RandomizationFixtures.GeneratedList(length);
}
