using JasperFx.Core;
using Wolverine.Persistence.Durability.DeadLetterManagement;

namespace TrialOps.Runtime;

/// <summary>A message that failed every attempt, as an operator sees it.</summary>
public sealed record DeadLetter(Guid Id, string MessageType, string? ExceptionType, string? ExceptionMessage, DateTimeOffset? FailedAt, bool Replayable);

/// <summary>Operator views of Wolverine's dead letters (<c>trialops messages dead-letters</c>, <c>replay ID</c>).</summary>
public static class DeadLetters
{
    public static async Task<IReadOnlyList<DeadLetter>> ListAsync(TrialOpsRuntime runtime, CancellationToken ct = default)
    {
        var all = new List<DeadLetter>();
        var query = new DeadLetterEnvelopeQuery(TimeRange.AllTime()) { PageSize = 500 };
        for (var page = 0; ; page++)
        {
            var results = await runtime.MessageStore.DeadLetters.QueryAsync(query.CopyForPaging(page), ct);
            all.AddRange(results.Envelopes.Select(d => new DeadLetter(d.Id, d.MessageType, d.ExceptionType, d.ExceptionMessage, d.FailedAt ?? d.SentAt, d.Replayable)));
            if (results.Envelopes.Count < query.PageSize)
            {
                break;
            }
        }

        return all.Where(d => !d.Replayable).OrderBy(d => d.FailedAt).ThenBy(d => d.Id).ToArray();
    }

    /// <summary>Puts a dead letter back in the queue with fresh attempts. False when no such dead letter exists.</summary>
    public static async Task<bool> ReplayAsync(TrialOpsRuntime runtime, Guid id, CancellationToken ct = default)
    {
        if (await runtime.MessageStore.DeadLetters.DeadLetterEnvelopeByIdAsync(id, null!) is not { Replayable: false })
        {
            return false;
        }

        await runtime.MessageStore.DeadLetters.ReplayAsync(new DeadLetterEnvelopeQuery([id]), ct);
        return true;
    }
}
