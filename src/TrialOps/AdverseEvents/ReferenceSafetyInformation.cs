using TrialOps.Protocols;

namespace TrialOps.AdverseEvents;

/// <summary>The expectedness decision as it stands: the latest re-assessment, else the first assessment.</summary>
/// <param name="Expectedness">The medical monitor's decision.</param>
/// <param name="ListedThen">Whether the reference safety information in force then listed <paramref name="MeddraCode"/> (the recorded suggestion was expected).</param>
/// <param name="MeddraCode">The event's MedDRA code the decision was made for.</param>
/// <param name="At">Server time of the decision.</param>
public sealed record ExpectednessDecision(Expectedness Expectedness, bool ListedThen, int MeddraCode, DateTimeOffset At);

/// <summary>
/// The reference safety information changed for a case's term since its latest expectedness
/// decision: the medical monitor should re-assess (ADR 0026, "When the reference safety
/// information changes"). Names a term, never a treatment.
/// </summary>
/// <param name="MeddraCode">The case's MedDRA code, whose listing changed.</param>
/// <param name="NowListed">True when the protocol in force now lists it (it did not at the decision), false when it no longer does.</param>
/// <param name="Decided">The decision as it stands, made against the earlier listing.</param>
/// <param name="DecidedAt">When that decision was recorded.</param>
public sealed record RsiChange(int MeddraCode, bool NowListed, Expectedness Decided, DateTimeOffset DecidedAt);

/// <summary>
/// Whether a change of the reference safety information (the protocol's <c>safety.expectedTerms</c>,
/// changed by an amendment) calls for re-assessing a case's expectedness. Derived, never stored:
/// each expectedness event records what the RSI then suggested for the event's code, so comparing
/// that with the protocol in force now tells whether the term's listing changed since the decision.
/// Nothing is changed automatically: expectedness is the sponsor's judgement (ICH E2A).
/// </summary>
public static class ReferenceSafetyInformation
{
    /// <summary>The decision as it stands; null before the first assessment.</summary>
    public static ExpectednessDecision? LatestDecision(AdverseEventState state)
    {
        if (state.Reassessments.Count > 0)
        {
            var r = state.Reassessments[^1];
            return new(r.Expectedness, r.Suggested == Expectedness.Expected, r.MeddraCode, r.ReassessedAt);
        }

        return state.Expectedness is { } a ? new(a.Expectedness, a.Suggested == Expectedness.Expected, a.MeddraCode, a.AssessedAt) : null;
    }

    /// <summary>
    /// The change of the case term's listing since its latest expectedness decision, or null when
    /// there is none: not assessed, the listing is as it was at the decision (also when it changed
    /// and changed back), or the term was corrected since (the decision was about another code; the
    /// medical monitor re-assesses for the correction, not for the RSI).
    /// </summary>
    public static RsiChange? ChangeSinceDecision(AdverseEventState state, IReadOnlyList<int> expectedTermsNow)
    {
        if (state.Details is not { } details || LatestDecision(state) is not { } decision || decision.MeddraCode != details.MeddraCode)
        {
            return null;
        }

        var listedNow = expectedTermsNow.Contains(decision.MeddraCode);
        return listedNow == decision.ListedThen ? null : new RsiChange(decision.MeddraCode, listedNow, decision.Expectedness, decision.At);
    }

    /// <summary>
    /// The protocol version that made the code's listing what it is now: the last version whose
    /// <c>safety.expectedTerms</c> lists or omits the code differently from the version before it.
    /// Null when no version changed it (a single version, or every version alike).
    /// </summary>
    public static ProtocolVersionRecord? ChangedIn(IReadOnlyList<ProtocolVersionRecord> versions, int meddraCode)
    {
        for (var i = versions.Count - 1; i > 0; i--)
        {
            if (versions[i].Definition.Safety.ExpectedTerms.Contains(meddraCode) != versions[i - 1].Definition.Safety.ExpectedTerms.Contains(meddraCode))
            {
                return versions[i];
            }
        }

        return null;
    }
}
