using Npgsql;
using TrialOps.EventStore;

namespace TrialOps.Runtime;

/// <summary>
/// Every async projection of a process: the read models on Marten's async daemon
/// (<see cref="ReadModelDaemon"/>, each on one node: Wolverine's agent assignment, fenced by an
/// advisory lock, ADR 0032) and the tamper-evidence
/// ledger on TrialOps' own daemon (<see cref="ProjectionDaemon"/>, ADR 0012). Callers name a
/// projection; this sends the call to the daemon that runs it.
/// </summary>
public sealed class ProjectionHost(ProjectionDaemon ledger, ReadModelDaemon readModels)
{
    public ProjectionDaemon Ledger => ledger;

    public ReadModelDaemon ReadModels => readModels;

    /// <summary>The ledger first, then the read models.</summary>
    public IReadOnlyCollection<string> Names { get; } = [.. ledger.Names, .. readModels.Names];

    private bool IsReadModel(string name) => readModels.Names.Contains(name);

    /// <summary>
    /// Runs the ledger on this process until <paramref name="ct"/> is cancelled. The read models run
    /// where Wolverine assigns their agents (<see cref="MessagingOptions.HostReadModels"/>), not here.
    /// </summary>
    public Task RunAsync(CancellationToken ct) => ledger.RunAsync(ct);

    /// <summary>Brings one projection up to every event committed before the call (see <see cref="ProjectionDaemon.CatchUpAsync"/> and <see cref="ReadModelDaemon.CatchUpAsync"/>).</summary>
    public Task<long> CatchUpAsync(string name, CancellationToken ct = default, TimeSpan? wait = null) =>
        IsReadModel(name) ? readModels.CatchUpAsync(name, ct, wait) : ledger.CatchUpAsync(name, ct, wait);

    public async Task CatchUpAllAsync(CancellationToken ct = default)
    {
        foreach (var name in Names)
        {
            await CatchUpAsync(name, ct);
        }
    }

    /// <summary>Clears a projection; it is applied again from position zero.</summary>
    public Task RebuildAsync(string name, CancellationToken ct = default) =>
        IsReadModel(name) ? readModels.RebuildAsync(name, ct) : ledger.RebuildAsync(name, ct);

    /// <summary>Lets a paused projection try again.</summary>
    public Task ResumeAsync(string name, CancellationToken ct = default) =>
        IsReadModel(name) ? readModels.ResumeAsync(name, ct) : ledger.ResumeAsync(name, ct);

    public async Task<IReadOnlyList<ProjectionStatus>> StatusAsync(CancellationToken ct = default)
    {
        var ledgers = (await ledger.StatusAsync(ct)).Where(s => ledger.Names.Contains(s.Name));
        return [.. ledgers, .. await readModels.StatusAsync(ct)];
    }

    public Task<IReadOnlyList<ParkedEvent>> ParkedAsync(CancellationToken ct = default) => ledger.ParkedAsync(ct);

    /// <summary>A clean exit: the ledger's lease and the read models' fences go at once.</summary>
    public async Task ReleaseAsync()
    {
        try
        {
            await ledger.ReleaseLeasesAsync();
        }
        catch (NpgsqlException)
        {
            // The database is gone: the lease lapses on its own.
        }

        await readModels.DisposeAsync();
    }
}
