using TrialOps.Blinding;
using TrialOps.Messaging;
using TrialOps.Participants;
using TrialOps.Protocols;
using TrialOps.Randomization;
using TrialOps.Runtime;

namespace TrialOps.Dosing;

/// <summary>
/// What the bedside and the pharmacy see of a dosing session: the blinded instruction for everyone,
/// the unblinded dose only for roles <see cref="BlindingPolicy"/> unblinds.
/// </summary>
public sealed class SessionDoseViews(TrialOpsRuntime runtime)
{
    private readonly ParticipantRegister register = new(runtime);


    /// <summary>
    /// What the bedside sees for a session: "Study infusion, 35 mL over 40 min", computed from the
    /// session weight and every arm of the protocol (the same whatever the allocation). Null until
    /// the weight is recorded.
    /// </summary>
    public async Task<BlindedDoseInstruction?> GetBlindedDoseInstructionAsync(ProtocolCode protocol, SubjectNumber subject, int period, CancellationToken ct = default)
    {
        var (participant, trial) = await register.LoadAsync(protocol, subject, ct);
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

        var (participant, trial) = await register.LoadAsync(protocol, subject, ct);
        if (trial is null || !participant.Kits.ContainsKey(period) || !SiteRules.MayReach(viewer, participant, subject))
        {
            return null;
        }

        var listEvents = await runtime.Store.ReadStreamAsync(RandomizationStreams.For(protocol, participant.Stratum!), null, ct);
        return PharmacyDoses.For(trial.Protocol, participant, listEvents.Select(e => e.Data), period);
    }
}
