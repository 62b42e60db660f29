using TrialOps.Assessments;
using TrialOps.Common;
using TrialOps.EventStore;
using TrialOps.Messaging;
using TrialOps.Participants;
using TrialOps.Protocols;
using TrialOps.Signatures;

namespace TrialOps.SignOff;

/// <summary>What the Investigator's sign-offs share (ADR 0025): who signs, with which meaning, and when a record is ready for it.</summary>
public static class SignOffRules
{
    /// <summary>Every sign-off of an Investigator means "approved" (21 CFR 11.50(a)(3)).</summary>
    public const string Meaning = SignatureMeanings.Approved;

    public static Rejection? Investigator(Actor by, string what) =>
        by.Role == Roles.Investigator
            ? null
            : new Rejection(RejectionCodes.NotPermitted, $"Only an Investigator can sign {what}.");

    /// <summary>The latest sign-off of <paramref name="record"/> on a stream, with whether it is still current.</summary>
    public static SignatureView? Latest(IReadOnlyList<StoredEvent> stream, string record) =>
        SignatureHistory.Of(stream).LastOrDefault(s => s.Record == record);

    /// <summary>Refuses a second signature while the first still covers the record as it stands.</summary>
    public static Rejection? NotSignedYet(SiteClock clock, IReadOnlyList<StoredEvent> stream, string record, string what) =>
        Latest(stream, record) is { Current: true } signed
            ? new Rejection("sign-off.already-signed", $"{Capitalized(what)} is already signed by {signed.PrintedName} ({clock.Show(signed.SignedAt)}) and has not changed since.")
            : null;

    /// <summary>
    /// Whether a participant's casebook is complete enough to sign: a withdrawn or completed
    /// participant's record has ended; one still randomized needs every period dosed to its end and
    /// every scheduled assessment recorded or recorded as not done. Null when complete, otherwise why not.
    /// </summary>
    public static Rejection? CasebookComplete(ParticipantState state, TrialContext trial, SubjectNumber subject)
    {
        if (state.PeriodCount == 0)
        {
            return new Rejection("sign-off.casebook-incomplete", $"Participant {subject} is {JourneyRules.Describe(state.Status)}: there is no casebook of treatment periods to sign.");
        }

        if (state.Status is ParticipantStatus.Withdrawn or ParticipantStatus.Completed)
        {
            return null;
        }

        var open = new List<string>();
        for (var period = 1; period <= state.PeriodCount; period++)
        {
            var session = state.Session(period);
            if (!session.Stopped || session.StartedAt is not { } start)
            {
                open.Add($"period {period} is not dosed to its end");
                continue;
            }

            var missing = AssessmentWindows.Schedule(trial.Protocol, start)
                .Select(s => new AssessmentKey(period, s.Code, s.Timepoint))
                .Where(k => !state.Assessments.ContainsKey(k) && !state.NotDone.ContainsKey(k))
                .Select(k => $"P{k.Period} {k.Code} {k.Timepoint}")
                .ToArray();
            if (missing.Length > 0)
            {
                open.Add($"period {period} lacks {string.Join(", ", missing.Take(5))}{(missing.Length > 5 ? $" and {missing.Length - 5} more" : string.Empty)} (record them or record them as not done)");
            }
        }

        return open.Count == 0
            ? null
            : new Rejection("sign-off.casebook-incomplete", $"The casebook of participant {subject} is not complete: {string.Join("; ", open)}.");
    }

    private static string Capitalized(string what) => what.Length == 0 ? what : char.ToUpperInvariant(what[0]) + what[1..];
}
