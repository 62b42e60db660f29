using Npgsql;
using TrialOps.AdverseEvents;
using TrialOps.EventStore;
using TrialOps.Messaging;
using TrialOps.Participants;
using TrialOps.Protocols;
using TrialOps.Runtime;
using TrialOps.Signatures;

namespace TrialOps.SignOff;

/// <summary>What an Investigator signs off. Stored nowhere: a read's vocabulary.</summary>
public enum SignOffKind
{
    Eligibility,
    Causality,
    Casebook,
}

/// <summary>
/// A record awaiting the Investigator's signature: decided or complete but never signed, or signed
/// and changed since (<see cref="Signature"/> then says when). Names a participant and, for
/// causality, an adverse event; never a treatment.
/// </summary>
/// <param name="AdverseEventId">For <see cref="SignOffKind.Causality"/>: the case.</param>
/// <param name="What">In words: "eligibility (eligible)", "causality of nausea", "casebook".</param>
/// <param name="ReadySince">Server time the record became signable (the decision, the judgement, the last recorded fact).</param>
/// <param name="Signature">The latest signature, no longer current; null when never signed.</param>
public sealed record SignOffItem(
    string Protocol,
    string Subject,
    string Site,
    SignOffKind Kind,
    string? AdverseEventId,
    string What,
    DateTimeOffset ReadySince,
    SignatureView? Signature)
{
    /// <summary>Signed once, changed since: needs signing again.</summary>
    public bool NotCurrent => Signature is { Current: false };
}

/// <summary>The sign-off state of one participant's records, for the pages that show them.</summary>
/// <param name="Eligibility">The latest eligibility signature (current or not); null when never signed.</param>
/// <param name="Casebook">The latest casebook signature; null when never signed.</param>
/// <param name="CasebookIncomplete">Why the casebook cannot be signed yet; null when it can.</param>
public sealed record ParticipantSignOff(SignatureView? Eligibility, bool EligibilityDecided, SignatureView? Casebook, string? CasebookIncomplete);

/// <summary>
/// The Investigator's sign-off worklist (ADR 0025), read straight from the participants' and
/// adverse events' streams, like <see cref="Queries.MonitoringViews"/>: a signature shows the moment
/// it is saved. Only the viewer's sites (ADR 0010). A locked trial has nothing left to sign.
/// </summary>
public sealed class InvestigatorSignOff(TrialOpsRuntime runtime)
{
    /// <summary>Every record of <paramref name="protocol"/> at the viewer's sites awaiting the Investigator's signature, oldest first.</summary>
    public async Task<IReadOnlyList<SignOffItem>> PendingAsync(string protocol, Actor viewer, CancellationToken ct = default)
    {
        if (!ProtocolCode.TryParse(protocol, out var code)
            || ParticipantDecisions.TrialFrom(ProtocolState.From((await runtime.Store.ReadStreamAsync(ProtocolStreams.For(code), null, ct)).Select(e => e.Data))) is not { } trial
            || trial.Locked)
        {
            return [];
        }

        var items = new List<SignOffItem>();
        foreach (var subject in await SubjectsAsync(code, ct))
        {
            if (!SiteRules.MayReach(viewer, subject.ToString()))
            {
                continue;
            }

            var stream = await runtime.Store.ReadStreamAsync(ParticipantStreams.For(code, subject), null, ct);
            var state = ParticipantState.From(stream.Select(e => e.Data));
            if (stream.LastOrDefault(e => e.Data is EligibilityConfirmed) is { } decided
                && Pending(stream, SignedRecords.Eligibility) is var (eligibilityPending, eligibilitySignature) && eligibilityPending)
            {
                var confirmed = (EligibilityConfirmed)decided.Data;
                items.Add(new(code.ToString(), subject.ToString(), subject.Site, SignOffKind.Eligibility, null,
                    $"eligibility ({(confirmed.Eligible ? "eligible" : "not eligible")})", decided.RecordedAt, eligibilitySignature));
            }

            if (SignOffRules.CasebookComplete(state, trial, subject) is null
                && Pending(stream, SignedRecords.Casebook) is var (casebookPending, casebookSignature) && casebookPending)
            {
                var last = stream.Last(e => SignedRecords.ChangesCasebook(e.Data));
                items.Add(new(code.ToString(), subject.ToString(), subject.Site, SignOffKind.Casebook, null, "casebook", last.RecordedAt, casebookSignature));
            }
        }

        foreach (var (id, subject) in await AdverseEventsAsync(code, ct))
        {
            if (!SiteRules.MayReach(viewer, subject.ToString()))
            {
                continue;
            }

            var stream = await runtime.Store.ReadStreamAsync(AdverseEventStreams.For(id), null, ct);
            var state = AdverseEventState.From(stream.Select(e => e.Data));
            if (state.Details is { Causality: not null } details
                && Pending(stream, SignedRecords.Causality) is var (pending, signature) && pending)
            {
                var judged = stream.Last(e => e.Data is AdverseEventCausalityAssessed or AdverseEventCorrected or AdverseEventReported);
                items.Add(new(code.ToString(), subject.ToString(), subject.Site, SignOffKind.Causality, id, $"causality of {details.Term}", judged.RecordedAt, signature));
            }
        }

        return items.OrderBy(i => i.ReadySince).ThenBy(i => i.Subject, StringComparer.Ordinal).ToArray();
    }

    /// <summary>How many records of the trial await a signature at every site (the pre-lock checklist's count).</summary>
    public async Task<int> CountAsync(ProtocolCode protocol, CancellationToken ct = default) =>
        (await PendingAsync(protocol.ToString(), new Actor("pre-lock-review", Common.Roles.Investigator), ct)).Count;

    /// <summary>One participant's sign-offs as its pages show them; null when unknown or not the viewer's to see.</summary>
    public async Task<ParticipantSignOff?> ForParticipantAsync(string protocol, string subject, Actor viewer, CancellationToken ct = default)
    {
        if (!ProtocolCode.TryParse(protocol, out var code) || !SubjectNumber.TryParse(subject, out var number) || !SiteRules.MayReach(viewer, number.ToString())
            || ParticipantDecisions.TrialFrom(ProtocolState.From((await runtime.Store.ReadStreamAsync(ProtocolStreams.For(code), null, ct)).Select(e => e.Data))) is not { } trial)
        {
            return null;
        }

        var stream = await runtime.Store.ReadStreamAsync(ParticipantStreams.For(code, number), null, ct);
        if (stream.Count == 0)
        {
            return null;
        }

        var state = ParticipantState.From(stream.Select(e => e.Data));
        return new ParticipantSignOff(
            SignOffRules.Latest(stream, SignedRecords.Eligibility),
            stream.Any(e => e.Data is EligibilityConfirmed),
            SignOffRules.Latest(stream, SignedRecords.Casebook),
            SignOffRules.CasebookComplete(state, trial, number)?.Message);
    }

    /// <summary>The latest causality signature of an adverse event (current or not); null when never signed or not the viewer's to see.</summary>
    public async Task<SignatureView?> CausalityAsync(string adverseEventId, Actor viewer, CancellationToken ct = default)
    {
        if (!AdverseEventStreams.IsValidId(adverseEventId))
        {
            return null;
        }

        var stream = await runtime.Store.ReadStreamAsync(AdverseEventStreams.For(adverseEventId), null, ct);
        return stream.Select(e => e.Data).OfType<AdverseEventReported>().FirstOrDefault() is { } reported && SiteRules.MayReach(viewer, reported.Subject.ToString())
            ? SignOffRules.Latest(stream, SignedRecords.Causality)
            : null;
    }

    private static (bool Pending, SignatureView? Signature) Pending(IReadOnlyList<StoredEvent> stream, string record) =>
        SignOffRules.Latest(stream, record) is { } latest
            ? (!latest.Current, latest)
            : (true, null);

    private async Task<IReadOnlyList<SubjectNumber>> SubjectsAsync(ProtocolCode protocol, CancellationToken ct)
    {
        var prefix = $"participant-{protocol}-";
        await using var command = runtime.DataSource.CreateCommand(
            $"SELECT DISTINCT stream_id FROM {EventStore.EventStore.EventsView} events WHERE left(stream_id, length($1)) = $1 ORDER BY stream_id");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = prefix });
        var subjects = new List<SubjectNumber>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            if (SubjectNumber.TryParse(reader.GetString(0)[prefix.Length..], out var subject))
            {
                subjects.Add(subject);
            }
        }

        return subjects;
    }

    private async Task<IReadOnlyList<(string Id, SubjectNumber Subject)>> AdverseEventsAsync(ProtocolCode protocol, CancellationToken ct)
    {
        var alias = runtime.Registry.AliasOf(typeof(AdverseEventReported));
        await using var command = runtime.DataSource.CreateCommand(
            $"SELECT data::text FROM {EventStore.EventStore.EventsView} events WHERE type = $1 AND data->>'protocol' = $2 ORDER BY position");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = alias });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = protocol.ToString() });
        var cases = new List<(string, SubjectNumber)>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var reported = (AdverseEventReported)runtime.Registry.Deserialize(alias, reader.GetString(0));
            cases.Add((reported.AdverseEventId, reported.Subject));
        }

        return cases;
    }
}
