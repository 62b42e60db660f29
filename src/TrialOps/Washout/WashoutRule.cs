using TrialOps.Participants;
using TrialOps.Protocols;

namespace TrialOps.Washouts;

/// <summary>
/// The protocol's washout: the minimum time from the end of dosing in one period to the start of
/// dosing in the next, measured on clinical times (when dosing really stopped and started).
/// </summary>
public static class WashoutRule
{
    /// <summary>When the washout before <paramref name="period"/> ends; null for period 1 or while the previous period's dosing has not stopped.</summary>
    public static DateTimeOffset? EndsAt(ParticipantState participant, ProtocolDefinition protocol, int period) =>
        period > 1 && participant.Session(period - 1).StoppedAt is { } stoppedAt ? stoppedAt + protocol.Washout.Duration : null;

    /// <summary><c>Washout ends 2026-11-28 10:40 +01:00 (P7D after the end of period 1 dosing)</c>, on the participant's site clock (<c>… UTC</c> at a UTC site).</summary>
    public static string Describe(SiteClock clock, DateTimeOffset endsAt, ProtocolDefinition protocol, int period) =>
        $"Washout ends {clock.Show(endsAt)} ({protocol.Washout.Iso} after the end of period {period - 1} dosing)";
}
