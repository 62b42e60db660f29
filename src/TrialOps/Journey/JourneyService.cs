using System.Collections.Concurrent;
using TrialOps.AdverseEvents;
using TrialOps.Assessments;
using TrialOps.Blinding;
using TrialOps.Dosing;
using TrialOps.Messaging;
using TrialOps.Participants;
using TrialOps.Protocols;
using TrialOps.Randomization;
using TrialOps.Runtime;
using TrialOps.Trials;
using TrialOps.Washouts;

namespace TrialOps.Journey;

/// <summary>
/// Reads of the participant journey for the CLI, the web app and the demo generator: the read
/// models (<see cref="Queries"/>), the next subject number, the blinded bedside instruction and the
/// unblinded pharmacy view. Commands do not come through here: they are sent through Wolverine
/// (<see cref="TrialOpsRuntime.SendAsync{TCommand}"/>) to their handlers beside their deciders.
/// </summary>
public sealed class JourneyService(TrialOpsRuntime runtime)
{
    public JourneyQueries Queries { get; } = new(runtime.DataSource, runtime.Store, runtime.Clock);

    /// <summary>The next unused subject number at a site (one above the highest ever assigned there).</summary>
    public async Task<SubjectNumber> NextSubjectNumberAsync(ProtocolCode protocol, string site, CancellationToken ct = default) =>
        SubjectNumber.For(site, await SubjectNumbersProjection.NextRunningNumberAsync(runtime.DataSource, protocol.Value, site, ct));

    // Session views

    /// <summary>
    /// What the bedside sees for a session: "Study infusion, 35 mL over 40 min", computed from the
    /// session weight and every arm of the protocol (the same whatever the allocation). Null until
    /// the weight is recorded.
    /// </summary>
    public async Task<BlindedDoseInstruction?> GetBlindedDoseInstructionAsync(ProtocolCode protocol, SubjectNumber subject, int period, CancellationToken ct = default)
    {
        var (participant, trial) = await LoadAsync(protocol, subject, ct);
        var weight = participant.Session(period).Preparation?.WeightKg ?? participant.Session(period).WeightKg;
        return trial is null || weight is null ? null : BlindedDoseInstruction.For(trial.Protocol, weight.Value);
    }

    /// <summary>
    /// The unblinded pharmacy view of a session: the treatment of the period's kit and the dose for
    /// the session weight (per component: amount, duration, rates, volume, cap). Only for roles
    /// <see cref="BlindingPolicy"/> unblinds (the Pharmacist; the Statistician after trial unblinding).
    /// </summary>
    /// <exception cref="BlindedAccessRefusedException">The viewer is blinded.</exception>
    public async Task<PharmacyDose?> GetPharmacyDoseAsync(Actor viewer, ProtocolCode protocol, SubjectNumber subject, int period, CancellationToken ct = default)
    {
        var protocolEvents = await runtime.Store.ReadStreamAsync(ProtocolStreams.For(protocol), null, ct);
        var protocolState = ProtocolState.From(protocolEvents.Select(e => e.Data));
        if (BlindingPolicy.IsBlinded(viewer.Role, protocolState.Unblinded))
        {
            throw BlindedAccessRefusedException.ForAllocations(viewer.Role);
        }

        var (participant, trial) = await LoadAsync(protocol, subject, ct);
        if (trial is null || !participant.Kits.ContainsKey(period) || !SiteRules.MayReach(viewer, participant, subject))
        {
            return null;
        }

        var listEvents = await runtime.Store.ReadStreamAsync(RandomizationStreams.For(protocol, participant.Stratum!), null, ct);
        return PharmacyDoses.For(trial.Protocol, participant, listEvents.Select(e => e.Data), period);
    }

    /// <summary>The participant's folded state (blinded) and the protocol in force, read now.</summary>
    public async Task<(ParticipantState Participant, TrialContext? Trial)> LoadAsync(ProtocolCode protocol, SubjectNumber subject, CancellationToken ct = default)
    {
        var participantEvents = await runtime.Store.ReadStreamAsync(ParticipantStreams.For(protocol, subject), null, ct);
        var protocolEvents = await runtime.Store.ReadStreamAsync(ProtocolStreams.For(protocol), null, ct);
        return (ParticipantState.From(participantEvents.Select(e => e.Data)), ParticipantDecisions.TrialFrom(ProtocolState.From(protocolEvents.Select(e => e.Data))));
    }
}
