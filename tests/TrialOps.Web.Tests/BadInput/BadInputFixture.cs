using TrialOps.Common;
using TrialOps.Participants;
using TrialOps.Web.Tests.Trials;

namespace TrialOps.Web.Tests.BadInput;

/// <summary>The demo trial with a participant whose period 1 is running, so that session commands reach their deciders.</summary>
public sealed class BadInputFixture : IAsyncLifetime
{
    private readonly DemoTrialFixture trial = new();

    public DemoTrialFixture Trial => trial;

    public SubjectNumber Subject { get; private set; }

    public string AdverseEventId { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        await trial.InitializeAsync();
        Subject = await trial.RandomizedParticipantAsync();
        var start = DateTimeOffset.UtcNow.AddMinutes(-20);
        await trial.PreparedAsync(Subject, 1, start.AddMinutes(-30));
        await TrialAppFixture.Must(Messaging.CommandBus.SendCommandAsync(trial.Commands, Messaging.CommandContext.New(trial.ActorOf(Roles.DataEntry)), new TrialOps.Dosing.StartDosing(TrialAppFixture.Demo.Code, Subject, 1, start)));
        await using var command = trial.Runtime.DataSource.CreateCommand("SELECT data->>'adverseEventId' FROM mt_events WHERE type = 'adverse-event.reported.v1' ORDER BY seq_id LIMIT 1");
        AdverseEventId = (string?)await command.ExecuteScalarAsync() ?? "AE-none";
        await trial.WaitForReadModelsAsync();
    }

    public Task DisposeAsync() => trial.DisposeAsync();

    /// <summary>Events recorded by people (not by the scheduler), to compare before and after a refused request.</summary>
    public async Task<long> EventsByPeopleAsync()
    {
        await using var command = trial.Runtime.DataSource.CreateCommand("SELECT count(*) FROM mt_events WHERE user_name IS DISTINCT FROM 'system'");
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
