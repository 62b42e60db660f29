using TrialOps.Common;
using TrialOps.Participants;
using TrialOps.Web.Tests.Trials;

namespace TrialOps.Web.Tests.BadInput;

/// <summary>The API and form sweeps share one app (they run one after the other).</summary>
[CollectionDefinition(Name)]
public sealed class BadInputCollection : ICollectionFixture<BadInputFixture>
{
    public const string Name = "bad input";
}

/// <summary>
/// The demo trial with a participant whose period 1 is running (so that session commands reach
/// their deciders) and one who is only screened (so that the eligibility form is shown).
/// </summary>
public sealed class BadInputFixture : IAsyncLifetime
{
    private readonly DemoTrialFixture trial = new();

    public DemoTrialFixture Trial => trial;

    public SubjectNumber Subject { get; private set; }

    public SubjectNumber Screened { get; private set; }

    public string AdverseEventId { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        await trial.InitializeAsync();
        Subject = await trial.RandomizedParticipantAsync();
        var start = DateTimeOffset.UtcNow.AddMinutes(-20);
        await trial.PreparedAsync(Subject, 1, start.AddMinutes(-30));
        await TrialAppFixture.Must(Messaging.CommandBus.SendCommandAsync(trial.Commands, Messaging.CommandContext.New(trial.ActorOf(Roles.DataEntry)), new TrialOps.Dosing.StartDosing(TrialAppFixture.Demo.Code, Subject, 1, start)));
        var protocol = TrialAppFixture.Demo.Code;
        Screened = await trial.ParticipantRegister.NextSubjectNumberAsync(protocol, "S01");
        await TrialAppFixture.Must(Messaging.CommandBus.SendCommandAsync(trial.Commands, Messaging.CommandContext.New(trial.ActorOf(Roles.Coordinator)), new ScreenParticipant(protocol, "S01", Screened, DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-1)), "2.1")));
        await using var command = trial.Runtime.DataSource.CreateCommand("SELECT data->>'adverseEventId' FROM mt_events WHERE type = 'adverse-event.reported.v1' ORDER BY seq_id LIMIT 1");
        AdverseEventId = (string?)await command.ExecuteScalarAsync() ?? "AE-none";
        await trial.WaitForReadModelsAsync();
    }

    public Task DisposeAsync() => trial.DisposeAsync();

    /// <summary>Type, stream and user of the events recorded by people after <paramref name="count"/> of them, for a failure message.</summary>
    public async Task<string> EventsByPeopleAfterAsync(long count)
    {
        await using var command = trial.Runtime.DataSource.CreateCommand("SELECT string_agg(type || ' on ' || stream_id || ' by ' || coalesce(user_name, '?') || ' ' || data::text || ' ' || coalesce(headers::text, ''), '; ' ORDER BY seq_id) FROM (SELECT * FROM mt_events WHERE user_name IS DISTINCT FROM 'system' ORDER BY seq_id OFFSET $1) e");
        command.Parameters.Add(new Npgsql.NpgsqlParameter<long> { TypedValue = count });
        return (await command.ExecuteScalarAsync()) as string ?? string.Empty;
    }

    /// <summary>Events recorded by people (not by the scheduler), to compare before and after a refused request.</summary>
    public async Task<long> EventsByPeopleAsync()
    {
        await using var command = trial.Runtime.DataSource.CreateCommand("SELECT count(*) FROM mt_events WHERE user_name IS DISTINCT FROM 'system'");
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
