using TrialOps.AdverseEvents;
using TrialOps.Assessments;
using TrialOps.Audit;
using TrialOps.Blinding;
using TrialOps.Dosing;
using TrialOps.Messaging;
using TrialOps.Participants;
using TrialOps.Protocols;
using TrialOps.Randomization;
using TrialOps.Washouts;

namespace TrialOps.Web.Components.Pages.Participants;

/// <summary>
/// One period's dosing session as a blinded page shows it: the kit number (random, so it reveals
/// nothing), what was recorded, when the washout before it ends, and the bedside instruction
/// ("Study infusion, 35 mL over 40 min"), which is the same for every arm.
/// </summary>
/// <param name="ShortInfusionThreshold">
/// A stop recorded as complete after less dosing time than this asks for a confirmation and a
/// reason (<see cref="DosingRules.ShortInfusionThreshold"/>: from every treatment, so it reveals nothing); zero when the protocol plans no duration.
/// </param>
public sealed record SessionView(int Period, string? Kit, DosingSession Session, DateTimeOffset? WashoutEndsAt, string? WashoutText, string? Instruction, TimeSpan ShortInfusionThreshold = default);

/// <summary>
/// Everything a participant's pages show, loaded for one viewer. The participant's state is folded
/// from their stream (so a page shows a command's effect at once); the protocol comes from the
/// blinded query for the viewer. The protocol definition loaded with the state (treatments
/// included) is used only for the washout, the blinded instruction and the vital-sign limits (which
/// name no treatment), and never kept.
/// </summary>
/// <param name="VitalLimits">The protocol's vital-sign limits: values beyond them are flagged where they are shown.</param>
public sealed record ParticipantRecord(
    ProtocolView Protocol,
    TrialStatusView? TrialStatus,
    ParticipantState State,
    IReadOnlyList<SessionView> Sessions,
    IReadOnlyList<EmergencyUnblindingView> EmergencyUnblindings,
    VitalLimits? VitalLimits = null)
{
    /// <summary>Each protocol limit these values exceed, in words (<see cref="AssessmentRules.LimitFindings(VitalLimits, VitalSigns)"/>).</summary>
    public IReadOnlyList<string> LimitFindings(VitalSigns? values) =>
        values is null ? [] : AssessmentRules.LimitFindings(VitalLimits, values);

    public string Code => Protocol.Summary.Code;

    public string Subject => State.Subject.ToString();

    public bool Exists => State.Exists;

    public bool Locked => TrialStatus?.Locked == true;

    /// <summary>The participant's site clock: every clinical time of their pages is shown and typed on it (ADR 0030).</summary>
    public SiteClock Clock { get; init; } = SiteClock.Utc;

    /// <summary>The start of the first dose (period 1), from which study days count (SDTM RFSTDTC); null before it.</summary>
    public DateTimeOffset? FirstDoseAt => State.PeriodCount >= 1 ? State.Session(1).StartedAt : null;

    public SessionView? Session(int period) => Sessions.FirstOrDefault(s => s.Period == period);

    /// <summary>Null when the trial or the subject number is unknown or the participant's site is not the viewer's (the participant may still not exist: see <see cref="Exists"/>).</summary>
    public static async Task<ParticipantRecord?> LoadAsync(ProtocolViews protocolViews, ParticipantRegister register, string code, string subject, Actor viewer, CancellationToken ct)
    {
        if (!ProtocolCode.TryParse(code, out var protocolCode) || !SubjectNumber.TryParse(subject, out var subjectNumber))
        {
            return null;
        }

        if (!SiteRules.MayReach(viewer, subjectNumber.ToString()))
        {
            // Another site's participant: the page says "no such participant", as for an unknown one (ADR 0010).
            return null;
        }

        var protocol = await protocolViews.GetProtocolAsync(protocolCode.Value, viewer, ct);
        if (protocol is null)
        {
            return null;
        }

        var status = await protocolViews.GetTrialStatusAsync(protocolCode.Value, viewer, ct);
        var (state, trial) = await register.LoadAsync(protocolCode, subjectNumber, ct);
        var clock = trial?.ClockOf(subjectNumber) ?? SiteClock.Utc;
        var sessions = new List<SessionView>();
        for (var period = 1; period <= state.PeriodCount; period++)
        {
            var session = state.Session(period);
            var weight = session.Preparation?.WeightKg ?? session.WeightKg;
            var washoutEndsAt = trial is null ? null : WashoutRule.EndsAt(state, trial.Protocol, period);
            sessions.Add(new SessionView(
                period,
                state.Kits.TryGetValue(period, out var kit) ? kit.ToString() : null,
                session,
                washoutEndsAt,
                washoutEndsAt is { } ends && trial is not null ? WashoutRule.Describe(clock, ends, trial.Protocol, period) : null,
                trial is not null && weight is { } w ? BlindedDoseInstruction.For(trial.Protocol, w).Text : null,
                trial is null ? TimeSpan.Zero : DosingRules.ShortInfusionThreshold(trial.Protocol)));
        }

        var breaks = status?.EmergencyUnblindings.Where(b => b.ParticipantId == subjectNumber.ToString()).ToArray() ?? [];
        return new ParticipantRecord(protocol, status, state, sessions, breaks, trial?.Protocol.Safety.VitalLimits)
        {
            Clock = clock,
        };
    }
}
