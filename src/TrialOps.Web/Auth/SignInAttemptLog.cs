using System.Collections.Concurrent;
using TrialOps.Identity;

namespace TrialOps.Web.Auth;

/// <summary>
/// Counts the sign-in attempts that are not recorded one by one (ADR 0009): after the first
/// attempt from a client with a name that has no account is recorded, its repeats in the same
/// <see cref="Interval"/> are counted, as are attempts refused by throttling; the counts are
/// recorded as one <see cref="SignInAttemptsSummarized"/> per client and name when the interval
/// ends and when the app stops. An unauthenticated client thus writes a few events per interval,
/// not one per request, and the audit trail still shows every attempt.
/// </summary>
public sealed class SignInAttemptLog(TimeProvider clock)
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<(string Client, string UserName), Tally> tallies = new();

    /// <summary>
    /// Whether an attempt with a name that has no account should be recorded on its own: true for
    /// the first from this client in this interval (the tally remembers it), false for its repeats.
    /// </summary>
    public bool ShouldRecordUnknownName(string client, string userName) =>
        !tallies.TryGetValue((client, userName), out var tally) || !tally.UnknownNameRecorded;

    public void UnknownNameRecorded(string client, string userName) =>
        Update(client, userName, tally => tally with { UnknownNameRecorded = true });

    public void UnknownNameRepeated(string client, string userName) =>
        Update(client, userName, tally => tally with { UnknownUserAttempts = tally.UnknownUserAttempts + 1 });

    public void Throttled(string client, string userName) =>
        Update(client, userName, tally => tally with { ThrottledAttempts = tally.ThrottledAttempts + 1 });

    /// <summary>Takes the tallies that began at least <see cref="Interval"/> ago (all of them when <paramref name="all"/>), as summaries to record.</summary>
    public IReadOnlyList<SignInAttemptsSummarized> Take(bool all = false)
    {
        var due = clock.GetUtcNow() - Interval;
        var summaries = new List<SignInAttemptsSummarized>();
        foreach (var (key, tally) in tallies)
        {
            if ((all || tally.FirstAttemptAt <= due) && tallies.TryRemove(new KeyValuePair<(string, string), Tally>(key, tally)))
            {
                summaries.Add(new SignInAttemptsSummarized(key.Client, key.UserName, tally.FirstAttemptAt, tally.LastAttemptAt, tally.UnknownUserAttempts, tally.ThrottledAttempts));
            }
        }

        return summaries.Where(s => s.UnknownUserAttempts + s.ThrottledAttempts > 0).OrderBy(s => s.FirstAttemptAt).ToArray();
    }

    /// <summary>Puts back summaries that could not be recorded, to be recorded with the next ones.</summary>
    public void Restore(IEnumerable<SignInAttemptsSummarized> summaries)
    {
        foreach (var s in summaries)
        {
            tallies.AddOrUpdate(
                (s.ClientAddress, s.AttemptedUserName),
                _ => new Tally(s.FirstAttemptAt, s.LastAttemptAt, false, s.UnknownUserAttempts, s.ThrottledAttempts),
                (_, tally) => tally with
                {
                    FirstAttemptAt = s.FirstAttemptAt < tally.FirstAttemptAt ? s.FirstAttemptAt : tally.FirstAttemptAt,
                    UnknownUserAttempts = tally.UnknownUserAttempts + s.UnknownUserAttempts,
                    ThrottledAttempts = tally.ThrottledAttempts + s.ThrottledAttempts,
                });
        }
    }

    private void Update(string client, string userName, Func<Tally, Tally> change)
    {
        var now = clock.GetUtcNow();
        tallies.AddOrUpdate(
            (client, userName),
            _ => change(new Tally(now, now, false, 0, 0)),
            (_, tally) => change(tally with { LastAttemptAt = now }));
    }

    private sealed record Tally(DateTimeOffset FirstAttemptAt, DateTimeOffset LastAttemptAt, bool UnknownNameRecorded, int UnknownUserAttempts, int ThrottledAttempts);
}

/// <summary>Records the counted attempts every <see cref="SignInAttemptLog.Interval"/> and, for the rest, when the app stops.</summary>
public sealed class SignInAttemptRecorder(SignInAttemptLog log, IServiceProvider services, ILogger<SignInAttemptRecorder> logger) : BackgroundService
{
    /// <summary>Records what is due (everything when <paramref name="all"/>); what fails to be recorded is logged as a warning.</summary>
    public async Task RecordAsync(bool all, CancellationToken ct)
    {
        var summaries = log.Take(all);
        if (summaries.Count == 0)
        {
            return;
        }

        try
        {
            var result = await services.GetRequiredService<IdentityService>().RecordSignInAttemptsAsync(summaries, ct);
            if (!result.Accepted)
            {
                logger.LogWarning("Could not record {Count} summaries of sign-in attempts: {Reason}", summaries.Count, result.Rejection?.Message);
            }
        }
        catch
        {
            log.Restore(summaries);
            throw;
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await RecordAsync(all: true, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Could not record the counted sign-in attempts at shutdown.");
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(SignInAttemptLog.Interval / 4);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await RecordAsync(all: false, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Could not record the counted sign-in attempts; they are retried at the next tick.");
            }
        }
    }
}
