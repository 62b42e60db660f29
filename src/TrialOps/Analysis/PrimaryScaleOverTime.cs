using Npgsql;
using TrialOps.Assessments;
using TrialOps.Blinding;
using TrialOps.Messaging;
using TrialOps.Participants;
using TrialOps.Protocols;
using TrialOps.Randomization;
using TrialOps.Runtime;

namespace TrialOps.Analysis;

/// <summary>The mean of the primary scale in one group (a treatment, or a period when blinded) at one time point.</summary>
public sealed record ScaleMean(string Group, string Timepoint, int N, double? Mean);

/// <summary>
/// The primary scale over time for a chart: by treatment for a viewer who may see treatments (the
/// Pharmacist; the Statistician after trial unblinding, <see cref="BlindingPolicy"/>), otherwise
/// pooled by period, with no treatment and no sequence in it.
/// </summary>
/// <param name="Timepoints">The protocol's ISO time points of the scale, in time order.</param>
/// <param name="Groups">Treatment labels (by treatment) or <c>Period 1</c>, <c>Period 2</c>, … (pooled).</param>
public sealed record PrimaryScaleChart(string Scale, string ScaleLabel, string Unit, bool ByTreatment, decimal? Minimum, decimal? Maximum, IReadOnlyList<string> Timepoints, IReadOnlyList<string> Groups, IReadOnlyList<ScaleMean> Means)
{
    public ScaleMean? Mean(string group, string timepoint) => Means.FirstOrDefault(m => m.Group == group && m.Timepoint == timepoint);
}

/// <summary>
/// Reads the primary scale's recorded values (latest correction applied) of the participants at
/// the viewer's sites straight from the participants' streams, and averages them by time point
/// and by period or, for an unblinded viewer, by treatment (through <see cref="AllocationViews"/>,
/// which refuses a blinded viewer itself).
/// </summary>
public sealed class PrimaryScaleOverTime(TrialOpsRuntime runtime, AllocationViews allocations, ProtocolViews protocols)
{
    public async Task<PrimaryScaleChart?> ReadAsync(string trial, Actor viewer, CancellationToken ct = default)
    {
        if (!ProtocolCode.TryParse(trial, out var code))
        {
            return null;
        }

        var protocolEvents = await runtime.Store.ReadStreamAsync(ProtocolStreams.For(code), null, ct);
        var definition = protocolEvents
            .Select(e => e.Data switch
            {
                ProtocolImported imported => imported.DefinitionJson,
                ProtocolAmended amended => amended.DefinitionJson,
                _ => null,
            })
            .OfType<string>()
            .Select(json => ProtocolFile.Parse(json).Definition)
            .LastOrDefault(d => d is not null);
        var scale = definition?.PrimaryAssessment is { Kind: AssessmentKind.Scale } primary
            ? primary
            : definition?.Assessments.FirstOrDefault(a => a.Kind == AssessmentKind.Scale);
        if (definition is null || scale is null)
        {
            return null;
        }

        var values = await ValuesAsync(code.Value, scale.Code, viewer, ct);
        var timepoints = scale.Times.OrderBy(t => t.AfterDosingStart).Select(t => t.Iso).ToArray();
        var byTreatment = await protocols.MaySeeTreatmentsAsync(code.Value, viewer, ct);
        IReadOnlyList<string> groups;
        Func<(string Subject, int Period), string?> groupOf;
        if (byTreatment)
        {
            var allocation = (await allocations.GetPharmacyAllocationsAsync(code.Value, viewer, ct))
                .ToDictionary(a => (a.ParticipantId, a.PeriodNumber), a => a.TreatmentLabel);
            groups = allocation.Values.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
            groupOf = key => allocation.GetValueOrDefault(key);
        }
        else
        {
            groups = Enumerable.Range(1, definition.PeriodCount).Select(PeriodGroup).ToArray();
            groupOf = key => PeriodGroup(key.Period);
        }

        var means = groups
            .SelectMany(g => timepoints.Select(t =>
            {
                var found = values.Where(v => v.Key.Timepoint == t && groupOf((v.Key.Subject, v.Key.Period)) == g).Select(v => (double)v.Value).ToArray();
                return new ScaleMean(g, t, found.Length, found.Length == 0 ? null : found.Average());
            }))
            .ToArray();
        return new PrimaryScaleChart(scale.Code, scale.Label, scale.Scale?.Unit ?? string.Empty, byTreatment, scale.Scale?.Min, scale.Scale?.Max, timepoints, groups, means);
    }

    public static string PeriodGroup(int period) => $"Period {period}";

    /// <summary>The latest value of each (participant, period, time point) of the scale, at the viewer's sites.</summary>
    private async Task<Dictionary<(string Subject, int Period, string Timepoint), decimal>> ValuesAsync(string protocol, string scale, Actor viewer, CancellationToken ct)
    {
        var aliases = new[] { typeof(ScaleAssessmentRecorded), typeof(ScaleAssessmentCorrected) }.Select(runtime.Registry.AliasOf).ToArray();
        await using var command = runtime.DataSource.CreateCommand(
            $"""
            SELECT type, data::text FROM {EventStore.EventStore.EventsView} events
            WHERE type = ANY($1) AND data->>'protocol' = $2 AND data->>'assessmentCode' = $3 AND stream_id LIKE 'participant-%'
            ORDER BY position
            """);
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = aliases });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = protocol });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = scale });
        var values = new Dictionary<(string, int, string), decimal>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            switch (runtime.Registry.Deserialize(reader.GetString(0), reader.GetString(1)))
            {
                case ScaleAssessmentRecorded e when SiteRules.MayReach(viewer.Access, e.Subject.ToString()):
                    values[(e.Subject.ToString(), e.Period, e.Timepoint)] = e.Value;
                    break;
                case ScaleAssessmentCorrected e when SiteRules.MayReach(viewer.Access, e.Subject.ToString()):
                    values[(e.Subject.ToString(), e.Period, e.Timepoint)] = e.Value;
                    break;
            }
        }

        return values;
    }
}
