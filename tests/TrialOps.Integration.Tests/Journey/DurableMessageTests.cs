using TrialOps.AdverseEvents;
using TrialOps.Common;
using TrialOps.Dosing;
using TrialOps.Participants;
using TrialOps.Protocols;
using TrialOps.Runtime;
using TrialOps.Washouts;
using TrialOps.Integration.Tests.TrialDesign;
using static TrialOps.Integration.Tests.Journey.JourneySupport;

namespace TrialOps.Integration.Tests.Journey;

/// <summary>A runtime that delivers messages as the product does (nothing held), with quick retries.</summary>
public sealed class DeliveringJourneyFixture : JourneyFixture
{
    protected override MessagingOptions Messaging { get; } = new()
    {
        ScheduledPolling = TimeSpan.FromMilliseconds(200),
        RetryBackoff = [TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(200)],
    };
}

/// <summary>Scheduled and failing messages through Wolverine's durable inbox, scheduler and dead letters on PostgreSQL.</summary>
public sealed class DurableMessageTests(DeliveringJourneyFixture fixture) : IClassFixture<DeliveringJourneyFixture>
{
    private DateTimeOffset Now => fixture.Runtime.Clock.GetUtcNow();

    [Fact]
    public async Task a_washout_ending_in_the_future_waits_in_wolverines_store_and_nothing_is_recorded_before_it()
    {
        const string code = "MSG-WAIT";
        await ImportAsync(fixture, TrialDesignSupport.WithCode(code));
        var protocol = ProtocolCode.Parse(code);
        var subject = await EnrollAsync(fixture, code, "S01", DateOnly.FromDateTime(Now.UtcDateTime.AddDays(-1)));
        var scheduledBefore = await DurableMessageQueue.CountScheduledAsync(fixture.Runtime.DataSource);

        await DoseAsync(fixture, code, subject, 1, Now.AddMinutes(-45), TimeSpan.FromMinutes(40));

        Assert.True(await DurableMessageQueue.CountScheduledAsync(fixture.Runtime.DataSource) > scheduledBefore);
        await using (var command = fixture.Runtime.DataSource.CreateCommand(
            "SELECT execution_time FROM wolverine.wolverine_incoming_envelopes WHERE message_type = 'journey.washout-elapsed' AND status = 'Scheduled'"))
        {
            var due = (DateTime)(await command.ExecuteScalarAsync())!;
            var expected = Now.AddMinutes(-5) + (await fixture.ProtocolHistory.DefinitionAsync(code))!.Washout.Duration;
            Assert.InRange(new DateTimeOffset(due, TimeSpan.Zero), expected.AddSeconds(-5), expected.AddSeconds(5));
        }

        await DurableMessageQueue.WaitUntilIdleAsync(fixture.Runtime.DataSource, TimeSpan.FromSeconds(30));
        var events = await fixture.Runtime.Store.ReadStreamAsync(ParticipantStreams.For(protocol, subject));
        Assert.DoesNotContain(events, e => e.Data is WashoutElapsed);
    }

    [Fact]
    public async Task a_message_whose_command_keeps_failing_is_dead_lettered_and_replayed_once_the_cause_is_fixed()
    {
        const string code = "MSG-DLQ";
        await ImportAsync(fixture, TrialDesignSupport.WithCode(code));
        var protocol = ProtocolCode.Parse(code);
        var adverseEvent = AdverseEventStreams.NewId();

        // The deadline of an SAE that is not (yet) on record: every attempt is refused.
        await fixture.Runtime.Bus.PublishAsync(new SaeReportDueMessage(adverseEvent, Now.AddHours(-1)));
        var dead = await WaitForDeadLetterAsync(SaeReportDueMessage.MessageType);
        Assert.Contains("adverse-event.not-found", dead.ExceptionMessage);
        Assert.Equal(nameof(MessageNotHandledException), dead.ExceptionType?.Split('.')[^1]);
        Assert.False(await DeadLetters.ReplayAsync(fixture.Runtime, Guid.NewGuid()));

        // The cause goes away (the SAE is reported, its own deadline long past); the replay succeeds.
        var subject = await EnrollAsync(fixture, code, "S01", DateOnly.FromDateTime(Now.UtcDateTime.AddDays(-3)));
        var start = Now.AddHours(-30);
        await DoseAsync(fixture, code, subject, 1, start, TimeSpan.FromMinutes(40));
        var serious = new AdverseEventInput(10020772, PartialDate.FromInstant(start.AddHours(1)), null, 3, [SeriousnessCriterion.Hospitalization], Causality.Possible, ActionTaken.NotApplicable, AdverseEventOutcome.RecoveringResolving);
        Accepted(await fixture.Runtime.SendAsync(Context(Investigator), new ReportAdverseEvent(adverseEvent, protocol, subject, start.AddHours(1), serious)));
        Assert.True(await DeadLetters.ReplayAsync(fixture.Runtime, dead.Id));

        // Replay marks the dead letter replayable; the durability agent moves it back into the inbox.
        string? status = null;
        for (var i = 0; i < 300 && status != "Handled"; i++)
        {
            await Task.Delay(100);
            await using var command = fixture.Runtime.DataSource.CreateCommand("SELECT status FROM wolverine.wolverine_incoming_envelopes WHERE id = $1");
            command.Parameters.Add(new Npgsql.NpgsqlParameter<Guid> { TypedValue = dead.Id });
            status = (string?)await command.ExecuteScalarAsync();
        }

        Assert.Equal("Handled", status);
        Assert.DoesNotContain(await DeadLetters.ListAsync(fixture.Runtime), d => d.Id == dead.Id);
        var overdue = (await fixture.Runtime.Store.ReadStreamAsync(AdverseEventStreams.For(adverseEvent))).Select(e => e.Data).OfType<SaeReportOverdue>();
        Assert.Single(overdue);
    }

    private async Task<DeadLetter> WaitForDeadLetterAsync(string messageType)
    {
        for (var i = 0; i < 300; i++)
        {
            if ((await DeadLetters.ListAsync(fixture.Runtime)).FirstOrDefault(d => d.MessageType == messageType) is { } dead)
            {
                return dead;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"No dead letter of type {messageType} after 30 s.");
    }
}
