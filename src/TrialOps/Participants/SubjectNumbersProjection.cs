using JasperFx.Events;
using Marten;
using Npgsql;

namespace TrialOps.Participants;

/// <summary>
/// A subject number in use: one Marten document per protocol and subject number, written by
/// <see cref="SubjectNumbersProjection"/> in the screening command's own transaction.
/// </summary>
/// <param name="Id"><c>KET-NP-01/S01-003</c>: the protocol and the subject number, so a second use of a number is a second insert of the same id.</param>
/// <param name="RunningNumber">The number within the site (3 of <c>S01-003</c>).</param>
/// <param name="StreamId">The participant stream that took the number.</param>
public sealed record SubjectNumberClaim(string Id, string Protocol, string Site, int RunningNumber, string StreamId)
{
    public static string IdOf(string protocol, string subject) => $"{protocol}/{subject}";

    public static SubjectNumberClaim For(ParticipantScreened screened, string streamId) =>
        new(IdOf(screened.Protocol.Value, screened.Subject.ToString()), screened.Protocol.Value, screened.Site, screened.Subject.Number, streamId);
}

/// <summary>
/// Marten inline projection (DESIGN.md §3: inline where a command must check something): every
/// screening inserts its <see cref="SubjectNumberClaim"/> in the command's transaction. Two
/// screenings racing for one number insert the same document id; the second insert fails, the
/// event store turns that into a concurrency conflict, and the bus's retry decides again on fresh
/// state, which then sees the number taken. The highest running number per site gives the next
/// number to propose; numbers are never reused.
/// </summary>
public sealed class SubjectNumbersProjection : Marten.Events.Projections.IProjection
{
    public Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        foreach (var e in events)
        {
            if (e.Data is ParticipantScreened screened)
            {
                // Insert, never upsert: a number already claimed must fail the transaction.
                operations.Insert(SubjectNumberClaim.For(screened, e.StreamKey!));
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>Registers the projection and its document with Marten.</summary>
    public static void Configure(StoreOptions options)
    {
        options.Projections.Add(new SubjectNumbersProjection(), JasperFx.Events.Projections.ProjectionLifecycle.Inline);
        options.Schema.For<SubjectNumberClaim>().Index(c => c.Protocol);
    }

    /// <summary>The next free running number at a site: one above the highest used (numbers are never reused).</summary>
    public static async Task<int> NextRunningNumberAsync(IDocumentStore store, string protocolCode, string siteCode, CancellationToken ct = default)
    {
        await using var query = store.QuerySession();
        var claims = await query.Query<SubjectNumberClaim>()
            .Where(c => c.Protocol == protocolCode && c.Site == siteCode)
            .OrderByDescending(c => c.RunningNumber)
            .Take(1)
            .ToListAsync(ct);
        return (claims.Count == 0 ? 0 : claims[0].RunningNumber) + 1;
    }

    /// <summary>
    /// Fills the claims from the recorded screenings when there are none yet: a database written
    /// before this projection existed (its numbers were in the <c>subject_numbers</c> table, or a
    /// 0.1 database just upgraded). Another process doing the same at the same moment wins; this one
    /// then leaves its own attempt.
    /// </summary>
    /// <returns>How many claims were written.</returns>
    public static async Task<int> BackfillAsync(EventStore.EventStore store, string screenedAlias, CancellationToken ct = default)
    {
        await using (var query = store.Marten.QuerySession())
        {
            if (await query.Query<SubjectNumberClaim>().AnyAsync(ct))
            {
                return 0;
            }
        }

        var claims = new List<SubjectNumberClaim>();
        await using (var command = store.DataSource.CreateCommand($"SELECT stream_id, data::text FROM {EventStore.EventStore.EventsView} events WHERE type = $1 ORDER BY position"))
        {
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = screenedAlias });
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var screened = (ParticipantScreened)store.Registry.Deserialize(screenedAlias, reader.GetString(1));
                claims.Add(SubjectNumberClaim.For(screened, reader.GetString(0)));
            }
        }

        if (claims.Count == 0)
        {
            return 0;
        }

        await using var session = store.Marten.LightweightSession();
        session.Insert(claims.DistinctBy(c => c.Id).ToArray());
        try
        {
            await session.SaveChangesAsync(ct);
            return claims.Count;
        }
        catch (Exception e) when (EventStore.EventStore.IsConflict(e))
        {
            return 0;
        }
    }
}
