using TrialOps.AdverseEvents;
using TrialOps.Audit;
using TrialOps.Blinding;
using TrialOps.Dosing;
using TrialOps.EventStore;
using TrialOps.Participants;
using TrialOps.Protocols;
using TrialOps.Randomization;
using TrialOps.Web.Components.Pages.Trials;
using TrialOps.Web.Components.Shared;

namespace TrialOps.Web.Components.Pages.AdverseEvents;

/// <summary>The adverse-event fields of the report and correction forms, as typed (kept after a refusal).</summary>
public sealed class AdverseEventFormInput
{
    public string? CommandId { get; set; }

    public string? MeddraCode { get; set; }

    /// <summary>YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDTHH:MM (a time on the site's clock).</summary>
    public string? Onset { get; set; }

    public string? End { get; set; }

    public string? Grade { get; set; }

    /// <summary>Ticked seriousness criteria by name (a checkbox posts "on").</summary>
    public Dictionary<string, string>? Seriousness { get; set; }

    public string? Causality { get; set; }

    public string? ActionTaken { get; set; }

    public string? Outcome { get; set; }

    public string? AwareAt { get; set; }

    public string? Reason { get; set; }

    /// <summary>The CTCAE search typed on the report form (a term or a MedDRA code).</summary>
    public string? Query { get; set; }

    public bool IsSerious(SeriousnessCriterion criterion) => Seriousness?.ContainsKey(criterion.ToString()) == true;

    public static AdverseEventFormInput From(AdverseEventDetails details, string commandId, SiteClock clock) => new()
    {
        CommandId = commandId,
        MeddraCode = details.MeddraCode.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Onset = details.Onset.InputOn(clock),
        End = details.End?.InputOn(clock),
        Grade = details.Grade.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Seriousness = details.Seriousness.ToDictionary(s => s.ToString(), _ => "on"),
        Causality = details.Causality?.ToString(),
        ActionTaken = details.ActionTaken.ToString(),
        Outcome = details.Outcome.ToString(),
    };

    /// <summary>
    /// The input as the command takes it, or null with the problems of shape in <paramref name="errors"/>;
    /// a time in the onset or end is on the participant's site clock.
    /// </summary>
    public AdverseEventInput? Parse(FormErrors errors, SiteClock clock)
    {
        var valid = true;
        void Problem(string field, string message)
        {
            errors.Add(field, message);
            valid = false;
        }

        if (!TrialText.TryParseInt(MeddraCode, out var meddraCode))
        {
            Problem("meddraCode", "Choose a CTCAE term (search by term or MedDRA code).");
        }

        if (!PartialDatesOnClock.TryParseOn(Onset, clock, out var onset, out var onsetProblem))
        {
            Problem("onset", onsetProblem ?? $"Enter the onset as YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDTHH:MM ({TrialText.Zone(clock)}).");
        }

        PartialDate? end = null;
        if (!string.IsNullOrWhiteSpace(End))
        {
            if (PartialDatesOnClock.TryParseOn(End, clock, out var parsedEnd, out var endProblem))
            {
                end = parsedEnd;
            }
            else
            {
                Problem("end", endProblem ?? $"Enter the end as YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDTHH:MM ({TrialText.Zone(clock)}), or leave it empty while ongoing.");
            }
        }

        if (!TrialText.TryParseInt(Grade, out var grade))
        {
            Problem("grade", "Choose the CTCAE grade.");
        }

        Causality? causality = null;
        if (!string.IsNullOrEmpty(Causality))
        {
            if (Enum.TryParse<Causality>(Causality, out var parsed) && Enum.IsDefined(parsed))
            {
                causality = parsed;
            }
            else
            {
                Problem("causality", "Choose the causality.");
            }
        }

        if (!Enum.TryParse<ActionTaken>(ActionTaken, out var action) || !Enum.IsDefined(action))
        {
            Problem("actionTaken", "Choose the action taken with the study treatment.");
        }

        if (!Enum.TryParse<AdverseEventOutcome>(Outcome, out var outcome) || !Enum.IsDefined(outcome))
        {
            Problem("outcome", "Choose the outcome.");
        }

        var seriousness = Enum.GetValues<SeriousnessCriterion>().Where(IsSerious).ToArray();
        return valid ? new AdverseEventInput(meddraCode, onset, end, grade, seriousness, causality, action, outcome) : null;
    }
}

/// <summary>One adverse-event case read from its stream (so a page shows a command's effect at once), with its history in words.</summary>
public sealed record AdverseEventCase(AdverseEventState State, IReadOnlyList<TimelineEntry> History)
{
    /// <summary>The clock of the participant's site: the case's times are shown and typed on it (ADR 0030).</summary>
    public TrialOps.Protocols.SiteClock Clock { get; init; } = TrialOps.Protocols.SiteClock.Utc;

    /// <summary>Null for an unknown case and for a case of a participant at a site <paramref name="viewer"/> is not assigned to (ADR 0010).</summary>
    public static async Task<AdverseEventCase?> LoadAsync(EventStore.EventStore store, string code, string adverseEventId, Messaging.Actor viewer, CancellationToken ct)
    {
        if (!AdverseEventStreams.IsValidId(adverseEventId))
        {
            return null;
        }

        var events = await store.ReadStreamAsync(AdverseEventStreams.For(adverseEventId), null, ct);
        var state = AdverseEventState.From(events.Select(e => e.Data));
        if (!state.Exists || state.Protocol?.Value != code || !TrialOps.Participants.SiteRules.MayReach(viewer, state.Subject.ToString()))
        {
            return null;
        }

        var definition = await new TrialOps.Protocols.ProtocolHistory(store).DefinitionAsync(code, ct);
        var clock = definition is null ? TrialOps.Protocols.SiteClock.Utc : TrialOps.Protocols.SiteClock.Of(definition, state.Subject.Site);
        return new AdverseEventCase(state, events.Select(e => TimelineText.Describe(e, clock)).ToArray()) { Clock = clock };
    }
}
