using TrialOps.Messaging;
using Wolverine;

namespace TrialOps.Identity;

/// <summary>
/// Record the sign-in attempts a web node counted instead of recording them one by one (see
/// <see cref="SignInAttemptsSummarized"/>). Sent by the node itself, periodically and when it
/// stops; nobody is authenticated, so it runs as <see cref="SignIn.Anonymous"/> like the attempts.
/// </summary>
public sealed record RecordSignInAttempts(IReadOnlyList<SignInAttemptsSummarized> Summaries)
{
    public IReadOnlyList<string> StreamIds => Summaries.Select(s => UserStreams.SignInAttemptsOn(s.LastAttemptAt)).Distinct().ToArray();

    public static Decision Decide(RecordSignInAttempts command)
    {
        var recorded = command.Summaries.Where(s => s.UnknownUserAttempts + s.ThrottledAttempts > 0).ToArray();
        if (recorded.Length == 0)
        {
            return Decision.None;
        }

        var decision = Decision.Append(UserStreams.SignInAttemptsOn(recorded[0].LastAttemptAt), recorded[0]);
        foreach (var summary in recorded.Skip(1))
        {
            decision = decision.And(UserStreams.SignInAttemptsOn(summary.LastAttemptAt), summary);
        }

        return decision;
    }
}

/// <summary>Wolverine handler of <see cref="RecordSignInAttempts"/>; answers with the events decided, which the sender reads.</summary>
public static class RecordSignInAttemptsHandler
{
    public static Task<DecidedEvents> Handle(RecordSignInAttempts command, Envelope envelope, UserDecisions decisions, CancellationToken ct) =>
        decisions.DecideAndTellAsync(envelope, [], (_, _) => RecordSignInAttempts.Decide(command), ct);
}
