using Npgsql;
using TrialOps.Blinding;
using TrialOps.Common;
using TrialOps.Messaging;
using TrialOps.Participants;
using TrialOps.Protocols;
using TrialOps.Randomization;
using TrialOps.Runtime;

namespace TrialOps.AdverseEvents;

/// <summary>
/// One SUSAR case as the safety pages list it (blinded: period number, never a treatment).
/// <see cref="DaysLeft"/> and <see cref="Overdue"/> are computed with the clock at the query.
/// </summary>
public sealed record SusarCaseView(
    string Protocol,
    string AdverseEventId,
    string Subject,
    string Term,
    int Grade,
    int? Period,
    SusarClock Clock,
    int? DaysLeft,
    bool Overdue);

/// <summary>An open SUSAR clock, as simple as a worklist needs it (the Home page's cross-trial worklist can list these).</summary>
/// <param name="Report">The report the clock waits for: initial or follow-up.</param>
/// <param name="DueOn">The last calendar day (UTC) it is due on.</param>
/// <param name="DaysLeft">Calendar days to <paramref name="DueOn"/>: 0 on the day, negative when overdue.</param>
public sealed record OpenSusarClock(string Protocol, string AdverseEventId, string Subject, string Term, SusarReportKind Report, DateOnly DueOn, int DaysLeft, bool Overdue);

/// <summary>
/// A case whose expectedness should be re-assessed because an amendment changed whether the
/// reference safety information lists its term (ADR 0026). Blinded: a term and a protocol version,
/// never a treatment.
/// </summary>
/// <param name="MeddraCode">The case's MedDRA code, whose listing changed.</param>
/// <param name="NowListed">True: the protocol now lists the term (it did not when expectedness was decided); false: it no longer does.</param>
/// <param name="Current">The expectedness as it stands, decided against the earlier listing.</param>
/// <param name="DecidedAt">When that decision was recorded.</param>
/// <param name="ChangedInVersion">The protocol version whose amendment made the listing what it is now.</param>
/// <param name="AmendedAt">When that version was recorded (server time).</param>
/// <param name="AmendedBy">Who imported it (user id).</param>
public sealed record RsiReassessmentPrompt(
    string Protocol,
    string AdverseEventId,
    string Subject,
    string Term,
    int MeddraCode,
    bool NowListed,
    Expectedness Current,
    DateTimeOffset DecidedAt,
    int? ChangedInVersion,
    DateTimeOffset? AmendedAt,
    string? AmendedBy);

/// <summary>The treatment of the period of onset of a SUSAR case, for the safety officer who opened it.</summary>
/// <param name="Period">The period of onset; null when the onset lay before the first dosing (no study treatment given yet).</param>
public sealed record SusarTreatment(string Protocol, string AdverseEventId, string Subject, int? Period, string? TreatmentCode, string? TreatmentLabel, bool? Placebo);

/// <summary>
/// The SUSAR cases of a trial (or of every trial) with their clocks, for the viewer's sites
/// (ADR 0010). Cases come from the serious adverse events of the register, each folded from its
/// own stream so an assessment or a submission shows the moment it commits.
/// </summary>
public sealed class SafetyReports(TrialOpsRuntime runtime)
{
    /// <summary>Every SUSAR case of the trial (<paramref name="protocol"/> null: of every trial), running clocks first, by due day.</summary>
    public async Task<IReadOnlyList<SusarCaseView>> SusarsAsync(string? protocol, Actor viewer, CancellationToken ct = default)
    {
        var now = runtime.Clock.GetUtcNow();
        var today = ExpeditedReporting.Day(now);
        var cases = new List<SusarCaseView>();
        foreach (var (id, subject, _) in await SeriousCasesAsync(protocol, ct))
        {
            if (!SiteRules.MayReach(viewer, subject))
            {
                continue;
            }

            var state = AdverseEventState.From((await runtime.Store.ReadStreamAsync(AdverseEventStreams.For(id), null, ct)).Select(e => e.Data));
            if (ExpeditedReporting.ClockOf(state) is { } clock)
            {
                cases.Add(new SusarCaseView(
                    state.Protocol!.Value.Value, id, subject, state.Details!.Term, state.Details.Grade, state.Period, clock, clock.DaysLeft(today), clock.IsOverdue(now)));
            }
        }

        return cases
            .OrderBy(c => c.Clock.Running ? 0 : 1)
            .ThenBy(c => c.Clock.NextDueOn ?? c.Clock.InitialDueOn)
            .ThenBy(c => c.AdverseEventId, StringComparer.Ordinal)
            .ToArray();
    }

    /// <summary>
    /// The serious cases of the trial (<paramref name="protocol"/> null: of every trial) at the
    /// viewer's sites whose term's listing in the reference safety information changed since their
    /// latest expectedness decision, oldest decision first. Derived at the query from the case's
    /// stream and the protocol in force; none for a locked trial (nothing can be recorded there).
    /// </summary>
    public async Task<IReadOnlyList<RsiReassessmentPrompt>> RsiPromptsAsync(string? protocol, Actor viewer, CancellationToken ct = default)
    {
        var protocols = new Dictionary<string, RsiContext?>(StringComparer.Ordinal);
        var prompts = new List<RsiReassessmentPrompt>();
        foreach (var (id, subject, trial) in await SeriousCasesAsync(protocol, ct))
        {
            if (!SiteRules.MayReach(viewer, subject))
            {
                continue;
            }

            if (!protocols.TryGetValue(trial, out var context))
            {
                protocols[trial] = context = await RsiContextAsync(trial, ct);
            }

            // A trial never amended (or locked) has nothing to flag: its cases' streams are not read.
            if (context is null)
            {
                continue;
            }

            var state = AdverseEventState.From((await runtime.Store.ReadStreamAsync(AdverseEventStreams.For(id), null, ct)).Select(e => e.Data));
            if (state.Protocol?.Value == trial && Prompt(state, context) is { } prompt)
            {
                prompts.Add(prompt);
            }
        }

        return prompts.OrderBy(p => p.DecidedAt).ThenBy(p => p.AdverseEventId, StringComparer.Ordinal).ToArray();
    }

    /// <summary>The prompt for one case already loaded (and reached) by the caller; null when there is none.</summary>
    public async Task<RsiReassessmentPrompt?> RsiPromptAsync(AdverseEventState state, CancellationToken ct = default) =>
        state.Protocol is { } code && ReferenceSafetyInformation.LatestDecision(state) is not null && await RsiContextAsync(code.Value, ct) is { } context
            ? Prompt(state, context)
            : null;

    private static RsiReassessmentPrompt? Prompt(AdverseEventState state, RsiContext context)
    {
        if (ReferenceSafetyInformation.ChangeSinceDecision(state, context.Versions[^1].Definition.Safety.ExpectedTerms) is not { } change)
        {
            return null;
        }

        var changedIn = ReferenceSafetyInformation.ChangedIn(context.Versions, change.MeddraCode);
        return new RsiReassessmentPrompt(
            state.Protocol!.Value.Value,
            state.AdverseEventId!,
            state.Subject.ToString(),
            state.Details!.Term,
            change.MeddraCode,
            change.NowListed,
            change.Decided,
            change.DecidedAt,
            changedIn?.Version,
            changedIn?.RecordedAt,
            changedIn?.ImportedBy);
    }

    private async Task<RsiContext?> RsiContextAsync(string protocol, CancellationToken ct)
    {
        if (!ProtocolCode.TryParse(protocol, out var code))
        {
            return null;
        }

        var versions = await new ProtocolHistory(runtime.Store).VersionsAsync(protocol, ct);
        var locked = ProtocolState.From((await runtime.Store.ReadStreamAsync(ProtocolStreams.For(code), null, ct)).Select(e => e.Data)).Locked;
        return versions.Count < 2 || locked ? null : new RsiContext(versions);
    }

    private sealed record RsiContext(IReadOnlyList<ProtocolVersionRecord> Versions);

    /// <summary>The running clocks only, as simple records.</summary>
    public async Task<IReadOnlyList<OpenSusarClock>> OpenClocksAsync(string? protocol, Actor viewer, CancellationToken ct = default) =>
        (await SusarsAsync(protocol, viewer, ct))
            .Where(c => c.Clock.Running)
            .Select(c => new OpenSusarClock(c.Protocol, c.AdverseEventId, c.Subject, c.Term, c.Clock.Next!.Value, c.Clock.NextDueOn!.Value, c.DaysLeft!.Value, c.Overdue))
            .ToArray();

    /// <summary>
    /// The treatment of the period of onset of a SUSAR case, for a safety officer who recorded
    /// opening it (<see cref="RevealSusarTreatment"/>); null when the case is unknown, not of
    /// <paramref name="protocol"/> or not reachable.
    /// </summary>
    /// <exception cref="BlindedAccessRefusedException">The viewer is not a safety officer, the case is not a SUSAR, or the viewer has not opened it.</exception>
    public async Task<SusarTreatment?> TreatmentAsync(string protocol, string adverseEventId, Actor viewer, CancellationToken ct = default)
    {
        if (viewer.Role != Roles.SafetyOfficer)
        {
            throw BlindedAccessRefusedException.ForParticipant(viewer.Role);
        }

        if (!AdverseEventStreams.IsValidId(adverseEventId))
        {
            return null;
        }

        var state = AdverseEventState.From((await runtime.Store.ReadStreamAsync(AdverseEventStreams.For(adverseEventId), null, ct)).Select(e => e.Data));
        if (!state.Exists || state.Protocol?.Value != protocol || !SiteRules.MayReach(viewer, state.Subject.ToString()))
        {
            return null;
        }

        if (!ExpeditedReporting.IsSusar(state) || !state.TreatmentRevealedTo.Contains(viewer.UserId, StringComparer.Ordinal))
        {
            throw BlindedAccessRefusedException.ForParticipant(viewer.Role);
        }

        var subject = state.Subject.ToString();
        if (state.Period is not { } period)
        {
            return new SusarTreatment(protocol, adverseEventId, subject, null, null, null, null);
        }

        var history = new ProtocolHistory(runtime.Store);
        var definition = (await history.CurrentAsync(protocol, ct))?.Definition ?? throw BlindedAccessRefusedException.ForParticipant(viewer.Role);
        foreach (var stratum in await history.KnownStrataAsync(definition.Code, ct))
        {
            var events = await runtime.Store.ReadStreamAsync(RandomizationStreams.For(definition.Code, stratum), null, ct);
            if (RandomizationListEntries.AllocationOf(events.Select(e => e.Data), subject) is { } allocation)
            {
                var code = allocation.TreatmentCodes(definition)[period - 1];
                var treatment = definition.Treatment(code);
                return new SusarTreatment(protocol, adverseEventId, subject, period, code, treatment.Label, treatment.Placebo);
            }
        }

        return new SusarTreatment(protocol, adverseEventId, subject, period, null, null, null);
    }

    private async Task<IReadOnlyList<(string Id, string Subject, string Protocol)>> SeriousCasesAsync(string? protocol, CancellationToken ct)
    {
        await using var command = runtime.DataSource.CreateCommand(
            "SELECT adverse_event_id, subject_number, protocol_code FROM journey_adverse_events WHERE serious AND ($1::text IS NULL OR protocol_code = $1) ORDER BY adverse_event_id");
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)protocol ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        var result = new List<(string, string, string)>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            result.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
        }

        return result;
    }
}
