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
/// The participant journey's application service, used by the CLI, the web app, the message
/// handlers and the demo generator: one method per command. Each loads the streams the decision
/// needs (participant, protocol, and the stratum list or adverse-event case where it takes part),
/// runs the pure decider and lets the executor append events and scheduled messages in one
/// transaction, idempotent by the context's command id. The decision gets the actor from the
/// context; corrections put their reason into the context (and so into the event metadata).
/// </summary>
public sealed class JourneyService(TrialOpsRuntime runtime)
{
    private static readonly ConcurrentDictionary<string, ProtocolDefinition> Definitions = new(StringComparer.Ordinal);

    public JourneyQueries Queries { get; } = new(runtime.DataSource, runtime.Store, runtime.Clock);

    /// <summary>The next unused subject number at a site (one above the highest ever assigned there).</summary>
    public async Task<SubjectNumber> NextSubjectNumberAsync(ProtocolCode protocol, string site, CancellationToken ct = default) =>
        SubjectNumber.For(site, await SubjectNumbersProjection.NextRunningNumberAsync(runtime.DataSource, protocol.Value, site, ct));

    // Screening and enrolment

    public Task<CommandResult> ScreenParticipantAsync(CommandContext context, ScreenParticipant command, CancellationToken ct = default) =>
        OnParticipantAsync(context, command.Protocol, command.Subject, (state, trial, now) => ScreenParticipant.Decide(state, trial, command, context.Actor, now), ct);

    public Task<CommandResult> ConfirmEligibilityAsync(CommandContext context, ConfirmEligibility command, CancellationToken ct = default) =>
        OnParticipantAsync(context, command.Protocol, command.Subject, (state, trial, now) => ConfirmEligibility.Decide(state, trial, command, context.Actor, now), ct);

    /// <summary>Randomizes the participant: list stream and participant stream in one transaction.</summary>
    public Task<CommandResult> EnrollParticipantAsync(CommandContext context, EnrollParticipant command, CancellationToken ct = default)
    {
        // The stratum is the site (the subject number's prefix) or ALL: load both candidate lists,
        // the decision picks the one the protocol in force names.
        var candidates = new[]
        {
            RandomizationStreams.For(command.Protocol, command.Subject.Site ?? string.Empty),
            RandomizationStreams.For(command.Protocol, Strata.Unstratified),
        };
        return OnParticipantAsync(
            context,
            command.Protocol,
            command.Subject,
            (state, trial, now, streams) =>
            {
                var listStream = EnrollParticipant.ListStreamFor(trial.Protocol, state.Site ?? command.Subject.Site ?? string.Empty);
                return EnrollParticipant.Decide(state, trial, streams.Data(listStream).ToArray(), command, context.Actor, now);
            },
            ct,
            candidates);
    }

    public Task<CommandResult> CorrectConsentAsync(CommandContext context, CorrectConsent command, CancellationToken ct = default) =>
        OnParticipantAsync(WithReason(context, command.Reason), command.Protocol, command.Subject, (state, trial, now) => CorrectConsent.Decide(state, trial, command, context.Actor, now), ct);

    public Task<CommandResult> WithdrawParticipantAsync(CommandContext context, WithdrawParticipant command, CancellationToken ct = default) =>
        OnParticipantAsync(WithReason(context, command.Details), command.Protocol, command.Subject, (state, trial, now) => WithdrawParticipant.Decide(state, trial, command, context.Actor, now), ct);

    public Task<CommandResult> CompleteParticipationAsync(CommandContext context, CompleteParticipation command, CancellationToken ct = default) =>
        OnParticipantAsync(context, command.Protocol, command.Subject, (state, trial, now) => CompleteParticipation.Decide(state, trial, command, context.Actor, now), ct);

    // Dosing sessions

    public Task<CommandResult> RecordSessionWeightAsync(CommandContext context, RecordSessionWeight command, CancellationToken ct = default) =>
        OnParticipantAsync(context, command.Protocol, command.Subject, (state, trial, now) => RecordSessionWeight.Decide(state, trial, command, context.Actor, now), ct);

    public Task<CommandResult> CorrectSessionWeightAsync(CommandContext context, CorrectSessionWeight command, CancellationToken ct = default) =>
        OnParticipantAsync(WithReason(context, command.Reason), command.Protocol, command.Subject, (state, trial, now) => CorrectSessionWeight.Decide(state, trial, command, context.Actor, now), ct);

    public Task<CommandResult> RecordDosePreparationAsync(CommandContext context, RecordDosePreparation command, CancellationToken ct = default) =>
        OnParticipantAsync(context, command.Protocol, command.Subject, (state, trial, now) => RecordDosePreparation.Decide(state, trial, command, context.Actor, now), ct);

    public Task<CommandResult> StartDosingAsync(CommandContext context, StartDosing command, CancellationToken ct = default) =>
        OnParticipantAsync(context, command.Protocol, command.Subject, (state, trial, now) => StartDosing.Decide(state, trial, command, context.Actor, now), ct);

    /// <summary>A start before the washout elapsed, recorded as a protocol deviation (Investigator, reason).</summary>
    public Task<CommandResult> StartDosingBeforeWashoutAsync(CommandContext context, StartDosingBeforeWashout command, CancellationToken ct = default) =>
        OnParticipantAsync(WithReason(context, command.Reason), command.Protocol, command.Subject, (state, trial, now) => StartDosingBeforeWashout.Decide(state, trial, command, context.Actor, now), ct);

    public Task<CommandResult> InterruptDosingAsync(CommandContext context, InterruptDosing command, CancellationToken ct = default) =>
        OnParticipantAsync(context, command.Protocol, command.Subject, (state, trial, now) => InterruptDosing.Decide(state, trial, command, context.Actor, now), ct);

    public Task<CommandResult> ResumeDosingAsync(CommandContext context, ResumeDosing command, CancellationToken ct = default) =>
        OnParticipantAsync(context, command.Protocol, command.Subject, (state, trial, now) => ResumeDosing.Decide(state, trial, command, context.Actor, now), ct);

    public Task<CommandResult> ChangeInfusionRateAsync(CommandContext context, ChangeInfusionRate command, CancellationToken ct = default) =>
        OnParticipantAsync(context, command.Protocol, command.Subject, (state, trial, now) => ChangeInfusionRate.Decide(state, trial, command, context.Actor, now), ct);

    public Task<CommandResult> StopDosingAsync(CommandContext context, StopDosing command, CancellationToken ct = default) =>
        OnParticipantAsync(context, command.Protocol, command.Subject, (state, trial, now) => StopDosing.Decide(state, trial, command, context.Actor, now), ct);

    public Task<CommandResult> CorrectDosingTimeAsync(CommandContext context, CorrectDosingTime command, CancellationToken ct = default) =>
        OnParticipantAsync(WithReason(context, command.Reason), command.Protocol, command.Subject, (state, trial, now) => CorrectDosingTime.Decide(state, trial, command, context.Actor, now), ct);

    /// <summary>The scheduler's washout message: the participant becomes ready for the next period.</summary>
    public Task<CommandResult> RecordWashoutElapsedAsync(CommandContext context, RecordWashoutElapsed command, CancellationToken ct = default) =>
        OnParticipantAsync(context, command.Protocol, command.Subject, (state, trial, now) => RecordWashoutElapsed.Decide(state, trial, command, context.Actor, now), ct);

    // Assessments

    public Task<CommandResult> RecordScaleAssessmentAsync(CommandContext context, RecordScaleAssessment command, CancellationToken ct = default) =>
        OnParticipantAsync(context, command.Protocol, command.Subject, (state, trial, now) => RecordScaleAssessment.Decide(state, trial, command, context.Actor, now), ct);

    public Task<CommandResult> RecordVitalSignsAsync(CommandContext context, RecordVitalSigns command, CancellationToken ct = default) =>
        OnParticipantAsync(context, command.Protocol, command.Subject, (state, trial, now) => RecordVitalSigns.Decide(state, trial, command, context.Actor, now), ct);

    public Task<CommandResult> CorrectScaleAssessmentAsync(CommandContext context, CorrectScaleAssessment command, CancellationToken ct = default) =>
        OnParticipantAsync(WithReason(context, command.Reason), command.Protocol, command.Subject, (state, trial, now) => CorrectScaleAssessment.Decide(state, trial, command, context.Actor, now), ct);

    public Task<CommandResult> CorrectVitalSignsAsync(CommandContext context, CorrectVitalSigns command, CancellationToken ct = default) =>
        OnParticipantAsync(WithReason(context, command.Reason), command.Protocol, command.Subject, (state, trial, now) => CorrectVitalSigns.Decide(state, trial, command, context.Actor, now), ct);

    /// <summary>The scheduler's assessment-deadline message.</summary>
    public Task<CommandResult> MarkAssessmentsOverdueAsync(CommandContext context, MarkAssessmentsOverdue command, CancellationToken ct = default) =>
        OnParticipantAsync(context, command.Protocol, command.Subject, (state, trial, now) => MarkAssessmentsOverdue.Decide(state, trial, command, context.Actor, now), ct);

    // Adverse events

    public Task<CommandResult> ReportAdverseEventAsync(CommandContext context, ReportAdverseEvent command, CancellationToken ct = default)
    {
        var stream = AdverseEventStreams.For(command.AdverseEventId);
        return OnParticipantAsync(
            context,
            command.Protocol,
            command.Subject,
            (participant, trial, now, streams) => ReportAdverseEvent.Decide(AdverseEventState.From(streams.Data(stream)), participant, trial, command, context.Actor, now),
            ct,
            stream);
    }

    public Task<CommandResult> CorrectAdverseEventAsync(CommandContext context, CorrectAdverseEvent command, CancellationToken ct = default) =>
        OnAdverseEventAsync(WithReason(context, command.Reason), command.AdverseEventId, (state, participant, trial, now) => CorrectAdverseEvent.Decide(state, participant, trial, command, context.Actor, now), ct);

    public Task<CommandResult> RecordAdverseEventOutcomeAsync(CommandContext context, RecordAdverseEventOutcome command, CancellationToken ct = default) =>
        OnAdverseEventAsync(context, command.AdverseEventId, (state, _, trial, now) => RecordAdverseEventOutcome.Decide(state, trial, command, context.Actor, now), ct);

    public Task<CommandResult> AssessAdverseEventCausalityAsync(CommandContext context, AssessAdverseEventCausality command, CancellationToken ct = default) =>
        OnAdverseEventAsync(context, command.AdverseEventId, (state, _, trial, now) => AssessAdverseEventCausality.Decide(state, trial, command, context.Actor, now), ct);

    public Task<CommandResult> ReportSaeToSponsorAsync(CommandContext context, ReportSaeToSponsor command, CancellationToken ct = default) =>
        OnAdverseEventAsync(context, command.AdverseEventId, (state, _, trial, now) => ReportSaeToSponsor.Decide(state, trial, command, context.Actor, now), ct);

    public Task<CommandResult> ReportSaeFollowUpAsync(CommandContext context, ReportSaeFollowUp command, CancellationToken ct = default) =>
        OnAdverseEventAsync(context, command.AdverseEventId, (state, _, trial, now) => ReportSaeFollowUp.Decide(state, trial, command, context.Actor, now), ct);

    /// <summary>The scheduler's SAE report deadline message.</summary>
    public Task<CommandResult> MarkSaeReportOverdueAsync(CommandContext context, MarkSaeReportOverdue command, CancellationToken ct = default) =>
        OnAdverseEventAsync(context, command.AdverseEventId, (state, _, trial, now) => MarkSaeReportOverdue.Decide(state, trial, command, context.Actor, now), ct);

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
        if (trial is null || !participant.Kits.ContainsKey(period))
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
        return (ParticipantState.From(participantEvents.Select(e => e.Data)), TrialFrom(ProtocolState.From(protocolEvents.Select(e => e.Data))));
    }

    private Task<CommandResult> OnParticipantAsync(
        CommandContext context,
        ProtocolCode protocol,
        SubjectNumber subject,
        Func<ParticipantState, TrialContext, DateTimeOffset, Decision> decide,
        CancellationToken ct) =>
        OnParticipantAsync(context, protocol, subject, (state, trial, now, _) => decide(state, trial, now), ct);

    private async Task<CommandResult> OnParticipantAsync(
        CommandContext context,
        ProtocolCode protocol,
        SubjectNumber subject,
        Func<ParticipantState, TrialContext, DateTimeOffset, StreamSet, Decision> decide,
        CancellationToken ct,
        params string[] moreStreams)
    {
        if (protocol.Value is null || !subject.IsValid)
        {
            return CommandResult.Rejected(context.CommandId, new Rejection("participant.not-found", $"There is no participant {subject} in protocol {protocol}.", "subject"));
        }

        var participantStream = ParticipantStreams.For(protocol, subject);
        var protocolStream = ProtocolStreams.For(protocol);
        return await runtime.Executor.ExecuteAsync(context, [participantStream, protocolStream, .. moreStreams], (streams, now) =>
        {
            if (TrialFrom(ProtocolState.From(streams.Data(protocolStream))) is not { } trial)
            {
                return Decision.Reject("protocol.not-found", $"There is no protocol {protocol}.", "protocol");
            }

            return decide(ParticipantState.From(streams.Data(participantStream)), trial, now, streams);
        }, ct);
    }

    private async Task<CommandResult> OnAdverseEventAsync(
        CommandContext context,
        string adverseEventId,
        Func<AdverseEventState, ParticipantState, TrialContext, DateTimeOffset, Decision> decide,
        CancellationToken ct)
    {
        if (!AdverseEventStreams.IsValidId(adverseEventId))
        {
            return CommandResult.Rejected(context.CommandId, new Rejection("adverse-event.not-found", $"There is no adverse event {adverseEventId}.", "adverseEventId"));
        }

        // The case's participant never changes: read it first to know which streams to load.
        var stream = AdverseEventStreams.For(adverseEventId);
        var first = (await runtime.Store.ReadStreamAsync(stream, null, ct)).Select(e => e.Data).OfType<AdverseEventReported>().FirstOrDefault();
        if (first is null)
        {
            return CommandResult.Rejected(context.CommandId, new Rejection("adverse-event.not-found", $"There is no adverse event {adverseEventId}.", "adverseEventId"));
        }

        return await OnParticipantAsync(
            context,
            first.Protocol,
            first.Subject,
            (participant, trial, now, streams) => decide(AdverseEventState.From(streams.Data(stream)), participant, trial, now),
            ct,
            stream);
    }

    private static CommandContext WithReason(CommandContext context, string? reason) =>
        string.IsNullOrWhiteSpace(reason) ? context : context with { Reason = reason.Trim() };

    private static TrialContext? TrialFrom(ProtocolState state)
    {
        if (!state.Exists || state.DefinitionJson is null)
        {
            return null;
        }

        var definition = Definitions.GetOrAdd(
            state.FileSha256 + ":" + state.Version,
            _ => ProtocolFile.Parse(state.DefinitionJson).Definition
                ?? throw new InvalidOperationException($"The recorded file of protocol {state.Code} version {state.Version} no longer passes this build's validation."));
        return new TrialContext(definition, state.Locked);
    }
}
