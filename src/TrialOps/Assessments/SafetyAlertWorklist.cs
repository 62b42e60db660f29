using TrialOps.Messaging;
using TrialOps.Participants;
using TrialOps.Protocols;
using TrialOps.Runtime;

namespace TrialOps.Assessments;

/// <summary>A safety alert waiting for an investigator: the alert, and when the site's investigators were notified (null while the bus has not yet delivered it).</summary>
public sealed record PendingSafetyAlert(SafetyAlertView Alert, DateTimeOffset? NotifiedAt);

/// <summary>
/// The investigators' worklist of safety alerts: the trial's alerts at the viewer's sites that no
/// investigator has acknowledged yet, oldest first. Read from the streams, like
/// <see cref="SafetyAlertList"/>, so an acknowledgement takes the alert off at once.
/// </summary>
public sealed class SafetyAlertWorklist(SafetyAlertList alerts, TrialOpsRuntime runtime)
{
    public async Task<IReadOnlyList<PendingSafetyAlert>> PendingAsync(string protocol, Actor viewer, CancellationToken ct = default)
    {
        if (!ProtocolCode.TryParse(protocol, out var code))
        {
            return [];
        }

        var stream = (await runtime.Store.ReadStreamAsync(SafetyAlertStreams.For(code), null, ct)).Select(e => e.Data).ToArray();
        var acknowledged = stream.OfType<SafetyAlertAcknowledged>().Select(a => a.AlertPosition).ToHashSet();
        var notified = stream.OfType<SafetyAlertInvestigatorsNotified>().ToArray();
        return (await alerts.ForTrialAsync(protocol, viewer, int.MaxValue, ct))
            .Where(a => !acknowledged.Contains(a.Position))
            .OrderBy(a => a.Position)
            .Select(a => new PendingSafetyAlert(a, notified.FirstOrDefault(n =>
                n.Subject.ToString() == a.Subject && n.Period == a.Period && n.AssessmentCode == a.AssessmentCode && n.Timepoint == a.Timepoint && n.MeasuredAt == a.MeasuredAt)?.NotifiedAt))
            .ToArray();
    }
}
