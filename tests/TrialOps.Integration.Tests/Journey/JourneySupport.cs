using TrialOps.AdverseEvents;
using TrialOps.Audit;
using TrialOps.Blinding;
using TrialOps.Common;
using TrialOps.Dosing;
using TrialOps.Integration.Tests.TrialDesign;
using TrialOps.Messaging;
using TrialOps.Participants;
using TrialOps.Protocols;
using TrialOps.Randomization;
using TrialOps.Runtime;

namespace TrialOps.Integration.Tests.Journey;

/// <summary>Walks a participant through the journey with the real service, asserting each step was accepted.</summary>
public static class JourneySupport
{
    public static readonly Actor Coordinator = TrialDesignSupport.Coordinator;
    public static readonly Actor Investigator = TrialDesignSupport.Investigator;
    public static readonly Actor Pharmacist = TrialDesignSupport.Pharmacist;
    public static readonly Actor Nurse = new("u-nurse", Roles.DataEntry);

    public static CommandContext Context(Actor actor) => CommandContext.New(actor);

    public static void Accepted(CommandResult result, string what = "command") =>
        Assert.True(result.Accepted, $"{what}: {result.Rejection?.Code}: {result.Rejection?.Message}");

    /// <summary>Imports a protocol variant (a Coordinator, so the lists are generated too).</summary>
    public static async Task ImportAsync(JourneyFixture fixture, byte[] file) => await TrialDesignSupport.ImportAsync(fixture.Runtime, file);

    /// <summary>Screens, confirms eligible and randomizes the next participant at a site.</summary>
    public static async Task<SubjectNumber> EnrollAsync(JourneyFixture fixture, string code, string site, DateOnly consent)
    {
        var protocol = ProtocolCode.Parse(code);
        var definition = (await fixture.ProtocolHistory.DefinitionAsync(code))!;
        var subject = await fixture.ParticipantRegister.NextSubjectNumberAsync(protocol, site);
        Accepted(await fixture.Runtime.SendAsync(Context(Coordinator), new ScreenParticipant(protocol, site, subject, consent, "2.1")), "screening");
        var answers = definition.Eligibility.Inclusion.Select(c => new EligibilityAnswer(c.Code, true))
            .Concat(definition.Eligibility.Exclusion.Select(c => new EligibilityAnswer(c.Code, false))).ToArray();
        Accepted(await fixture.Runtime.SendAsync(Context(Investigator), new ConfirmEligibility(protocol, subject, answers)), "eligibility");
        Accepted(await fixture.Runtime.SendAsync(Context(Coordinator), new EnrollParticipant(protocol, subject)), "randomization");
        return subject;
    }

    /// <summary>The password of the second pharmacist who signs the double check of preparations.</summary>
    public const string CheckerPassword = "Second-check-2026!";

    /// <summary>An active second pharmacist of every site (created once), who signs the double check of preparations (ADR 0020).</summary>
    public static async Task<string> SecondPharmacistAsync(TrialOpsRuntime runtime, string name = "u-technician")
    {
        var stream = TrialOps.Identity.UserStreams.For(name);
        var result = await runtime.Executor.ExecuteAsync(CommandContext.New(Actor.System), [stream], (streams, now) =>
            TrialOps.Identity.UserState.From(streams.Data(stream)).Exists
                ? Decision.None
                : Decision.Append(stream, new TrialOps.Identity.UserCreated(name, "admin", now, "Second pharmacist", Roles.Pharmacist, [TrialOps.Identity.SiteGrants.AllSitesGrant], TrialOps.Identity.PasswordHashing.Hash(CheckerPassword))));
        Assert.True(result.Accepted, result.Rejection?.Message);
        return name;
    }

    /// <summary>Weight, preparation (kit from the pharmacy view), start and stop of one period.</summary>
    public static async Task DoseAsync(JourneyFixture fixture, string code, SubjectNumber subject, int period, DateTimeOffset start, TimeSpan duration)
    {
        var protocol = ProtocolCode.Parse(code);
        Accepted(await fixture.Runtime.SendAsync(Context(Nurse), new RecordSessionWeight(protocol, subject, period, start.AddMinutes(-30), 72.5m)), "weight");
        var pharmacy = (await fixture.SessionDoseViews.GetPharmacyDoseAsync(Pharmacist, protocol, subject, period))!;
        Accepted(await fixture.Runtime.SendAsync(Context(Pharmacist), new RecordDosePreparation(protocol, subject, period, pharmacy.Kit, start.AddMinutes(-20), await SecondPharmacistAsync(fixture.Runtime), CheckerPassword)), "preparation");
        Accepted(await fixture.Runtime.SendAsync(Context(Nurse), new StartDosing(protocol, subject, period, start)), "start");
        Accepted(await fixture.Runtime.SendAsync(Context(Nurse), new StopDosing(protocol, subject, period, start + duration, true, null)), "stop");
    }

    /// <summary>
    /// Releases the messages the fixture held back that are due now, and waits until Wolverine has
    /// handled them and whatever they caused (failing ones wait for their retry).
    /// </summary>
    public static async Task DispatchAllDueAsync(JourneyFixture fixture)
    {
        var dataSource = fixture.Runtime.DataSource;
        while (await DurableMessageQueue.ReleaseHeldAsync(dataSource, JourneyFixture.Hold) > 0 || await DurableMessageQueue.CountDueAsync(dataSource) > 0)
        {
            await DurableMessageQueue.WaitUntilIdleAsync(dataSource, TimeSpan.FromSeconds(60));
        }
    }

    public static async Task CatchUpAsync(JourneyFixture fixture) => await fixture.Runtime.Projections.CatchUpAllAsync();
}
