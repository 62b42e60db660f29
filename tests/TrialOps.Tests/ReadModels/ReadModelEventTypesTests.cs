using Npgsql;
using TrialOps.Assessments;
using TrialOps.EventStore;
using TrialOps.Identity;
using TrialOps.Participants;
using TrialOps.Protocols;
using TrialOps.Tests.Contracts;

namespace TrialOps.Tests.ReadModels;

/// <summary>
/// A read model that names its event types has only those loaded by Marten's daemon. A type it
/// applies but leaves out of the list would be skipped silently, so every registered event type it
/// leaves out is fed to it here, with a value in every field: it must add no statement.
/// </summary>
public class ReadModelEventTypesTests
{
    public static TheoryData<string> Projections => new(nameof(TrialDesignProjection), nameof(UsersProjection), nameof(ParticipantViewsProjection));

    private static IReadModelProjection Of(string name) => name switch
    {
        nameof(TrialDesignProjection) => new TrialDesignProjection(),
        nameof(UsersProjection) => new UsersProjection(),
        nameof(ParticipantViewsProjection) => new ParticipantViewsProjection(),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Theory]
    [MemberData(nameof(Projections))]
    public async Task every_event_type_a_read_model_leaves_out_of_its_list_adds_no_statement(string name)
    {
        var projection = Of(name);
        var included = projection.EventTypes ?? throw new InvalidOperationException($"{name} names no event types");
        await using var dataSource = NpgsqlDataSource.Create("Host=127.0.0.1;Port=1;Timeout=1");
        var applied = new List<string>();
        foreach (var (alias, type) in AppEvents.Types.Where(t => !included.Contains(t.Value)))
        {
            var batch = new ReadModelBatch(dataSource);
            var sample = EventSamples.Build(type, EventTypeRegistry.JsonOptions);
            var stored = new StoredEvent(1, "s-1", 1, alias, sample, new EventMetadata("u", "Coordinator", null, Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid()), EventSamples.Instant, new string('0', 64));
            try
            {
                await projection.ApplyAsync(batch, [stored], default);
                if (batch.Commands.Count > 0)
                {
                    applied.Add($"{alias} ({batch.Commands.Count} statements)");
                }
            }
            catch (Exception e)
            {
                applied.Add($"{alias} (threw {e.GetType().Name})");
            }
        }

        Assert.True(applied.Count == 0, $"{name} applies event types it does not list in EventTypes, so the daemon would never load them for it: {string.Join(", ", applied)}");
        Assert.All(included, t => Assert.Contains(t, AppEvents.Types.Values));
    }

    [Fact]
    public void a_recorded_or_corrected_assessment_is_loaded_for_the_journey_only()
    {
        Assert.Contains(typeof(ScaleAssessmentCorrected), new ParticipantViewsProjection().EventTypes!);
        Assert.DoesNotContain(typeof(ScaleAssessmentCorrected), new TrialDesignProjection().EventTypes!);
        Assert.DoesNotContain(typeof(ScaleAssessmentRecorded), new UsersProjection().EventTypes!);
    }
}
