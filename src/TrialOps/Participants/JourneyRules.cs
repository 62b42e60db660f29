using System.Globalization;
using TrialOps.Common;
using TrialOps.Messaging;
using TrialOps.Protocols;

namespace TrialOps.Participants;

/// <summary>The protocol version in force and whether the trial's database is locked.</summary>
public sealed record TrialContext(ProtocolDefinition Protocol, bool Locked)
{
    public ProtocolCode Code => Protocol.Code;

    /// <summary>The clock of the participant's site: refusals print clinical times as the site reads them (ADR 0030).</summary>
    public SiteClock ClockOf(SubjectNumber subject) => SiteClock.Of(Protocol, subject.Site);
}

/// <summary>Rules every step of the participant journey shares: who may act, on what, and when.</summary>
public static class JourneyRules
{
    /// <summary>A clinical time this far ahead of the server clock is still accepted (bedside clocks drift).</summary>
    public static readonly TimeSpan ClockTolerance = TimeSpan.FromMinutes(1);

    /// <summary>People at the site who record clinical data. Blinded roles, all of them.</summary>
    public static readonly IReadOnlyList<string> SiteStaff = [Roles.DataEntry, Roles.Coordinator, Roles.Investigator];

    public static readonly IReadOnlyList<string> CoordinatorOrInvestigator = [Roles.Coordinator, Roles.Investigator];

    public static Rejection? Role(Actor by, IReadOnlyList<string> allowed, string action) =>
        allowed.Contains(by.Role, StringComparer.Ordinal)
            ? null
            : new Rejection(RejectionCodes.NotPermitted, $"Only {Join(allowed)} can {action}.");

    public static Rejection? Open(TrialContext trial) =>
        trial.Locked
            ? new Rejection("trial.locked", $"The database of {trial.Code} is locked: no clinical data can change.")
            : null;

    public static Rejection? Exists(ParticipantState participant, SubjectNumber subject) =>
        participant.Exists
            ? null
            : new Rejection("participant.not-found", $"There is no participant {subject}.", "subject");

    /// <summary>Randomized, not withdrawn, not completed.</summary>
    public static Rejection? InTreatment(ParticipantState participant, SubjectNumber subject) =>
        Exists(participant, subject) ?? (participant.InTreatment
            ? null
            : new Rejection("participant.not-in-treatment", $"Participant {subject} is {Describe(participant.Status)}: nothing can be recorded for a period.", "subject"));

    public static Rejection? Period(ParticipantState participant, int period) =>
        period >= 1 && period <= participant.PeriodCount
            ? null
            : new Rejection("participant.unknown-period", $"Period {period} does not exist: the trial has periods 1 to {participant.PeriodCount}.", "period");

    /// <summary>
    /// A clinical time of a participant's record must be plausible: not in the future (beyond the
    /// clock tolerance) and not before the participant's consent (on the consent date in the
    /// earliest time zone, UTC+14). What really happened otherwise goes through a correction.
    /// </summary>
    public static Rejection? ClinicalTime(SiteClock clock, ParticipantState state, DateTimeOffset clinicalTime, DateTimeOffset now, string field, string what) =>
        NotInFuture(clock, clinicalTime, now, field, what) ?? NotBeforeConsent(clock, state, clinicalTime, field, what);

    public static Rejection? NotBeforeConsent(SiteClock clock, ParticipantState state, DateTimeOffset clinicalTime, string field, string what)
    {
        if (state.ConsentDate is not { } consent)
        {
            return null;
        }

        var earliest = new DateTimeOffset(consent.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) - EarliestZone;
        return clinicalTime < earliest
            ? new Rejection("clinical-time-before-consent", $"The {what} ({clock.Show(clinicalTime)}) lies before the participant's consent on {consent:yyyy-MM-dd}.", field)
            : null;
    }

    /// <summary>The furthest any clock runs ahead of UTC (UTC+14): a consent date starts no earlier than this before its UTC midnight.</summary>
    private static readonly TimeSpan EarliestZone = TimeSpan.FromHours(14);

    public static Rejection? NotInFuture(SiteClock clock, DateTimeOffset clinicalTime, DateTimeOffset now, string field, string what) =>
        clinicalTime > now + ClockTolerance
            ? new Rejection("clinical-time-in-future", $"The {what} ({clock.Show(clinicalTime)}) lies in the future (now {clock.Show(now)}).", field)
            : null;

    public static Rejection? Reason(string? reason) =>
        string.IsNullOrWhiteSpace(reason)
            ? new Rejection(RejectionCodes.ReasonRequired, "Give the reason for the correction.", "reason")
            : null;

    /// <summary>A time in UTC, for messages about no one site (a participant's times use <see cref="SiteClock.Show"/> of their site).</summary>
    public static string Utc(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC";

    public static string Describe(ParticipantStatus status) => status switch
    {
        ParticipantStatus.None => "not screened",
        ParticipantStatus.Screened => "screened but not yet confirmed eligible",
        ParticipantStatus.Eligible => "eligible but not yet randomized",
        ParticipantStatus.ScreenFailed => "a screen failure",
        ParticipantStatus.Randomized => "randomized",
        ParticipantStatus.Withdrawn => "withdrawn",
        ParticipantStatus.Completed => "completed",
        _ => status.ToString(),
    };

    private static string Join(IReadOnlyList<string> roles) =>
        roles.Count == 1 ? WithArticle(roles[0]) : string.Join(", ", roles.Take(roles.Count - 1).Select(WithArticle)) + $" or {WithArticle(roles[^1])}";

    private static string WithArticle(string role) => ("AEIOU".Contains(role[0]) ? "an " : "a ") + role;
}
