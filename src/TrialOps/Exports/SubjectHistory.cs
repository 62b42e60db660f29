using TrialOps.AdverseEvents;
using TrialOps.EventStore;
using TrialOps.Participants;
using TrialOps.Protocols;

namespace TrialOps.Exports;

/// <summary>The kinds of trial element of a crossover (SDTMIG TE): screening, one treatment element per period, washouts, follow-up.</summary>
public enum ElementKind
{
    Screening,
    Treatment,
    Washout,
    FollowUp,
}

/// <summary>
/// One element a subject passed through (SDTM SE), with its period for treatment and washout
/// elements. <see cref="End"/> is null while the element is still running at the export's point.
/// </summary>
public sealed record SubjectElement(ElementKind Kind, int Period, DateTimeOffset Start, bool StartIsDate, DateTimeOffset? End)
{
    public string Epoch => Kind switch
    {
        ElementKind.Screening => "SCREENING",
        ElementKind.Treatment => $"TREATMENT {Period}",
        ElementKind.Washout => $"WASHOUT {Period}",
        _ => "FOLLOW-UP",
    };

    /// <summary>The element's place in TA: SCRN 1, treatment p at 2p, washout p at 2p+1, follow-up last.</summary>
    public int TaetOrd(int periodCount) => Kind switch
    {
        ElementKind.Screening => 1,
        ElementKind.Treatment => 2 * Period,
        ElementKind.Washout => (2 * Period) + 1,
        _ => (2 * periodCount) + 1,
    };
}

/// <summary>An adverse-event case of the subject as of the export's point, with its stream's events.</summary>
public sealed record AdverseEventCase(string Id, AdverseEventState State, IReadOnlyList<StoredEvent> Events);

/// <summary>
/// One subject as of the export's point, folded from their participant stream (with the domain's
/// own <see cref="ParticipantState"/>, so exports and decisions agree on corrections) and their
/// adverse-event cases, plus what the datasets need beyond the state: when each milestone was
/// recorded, early-stop reasons, and the subject's elements, from which every record's EPOCH follows.
/// </summary>
public sealed class SubjectHistory
{
    private SubjectHistory(SubjectEvents events, ParticipantState state, ProtocolDefinition protocol)
    {
        Events = events;
        State = state;
        Clock = SiteClock.Of(protocol, Site);
    }

    public SubjectEvents Events { get; }

    public string Subject => Events.Subject;

    public ParticipantState State { get; }

    public string? Site => State.Site ?? (SubjectNumber.TryParse(Subject, out var number) ? number.Site : null);

    /// <summary>
    /// The subject's site clock (the protocol's <c>sites[].timeZone</c>): SDTM and ADaM show times
    /// and count study days on it; a date-only value (consent, an AE onset date) is a date on it.
    /// </summary>
    public SiteClock Clock { get; }

    public DateTimeOffset? ScreenedAt { get; private set; }

    public EligibilityConfirmed? Eligibility { get; private set; }

    public StoredEvent? ScreenFailure { get; private set; }

    public StoredEvent? Randomization { get; private set; }

    public StoredEvent? Withdrawal { get; private set; }

    public StoredEvent? Completion { get; private set; }

    public IReadOnlyDictionary<int, string?> EarlyStopReasons => _earlyStops;

    /// <summary>Per period, why a complete administration was much shorter than planned (confirmed at the stop); null when it was not.</summary>
    public IReadOnlyDictionary<int, string?> ShortInfusionReasons => _shortInfusions;

    public IReadOnlyList<AdverseEventCase> AdverseEvents { get; private set; } = [];

    public IReadOnlyList<SubjectElement> Elements { get; private set; } = [];

    /// <summary>End of participation (completion, withdrawal or screen failure), clinical time where there is one.</summary>
    public DateTimeOffset? EndedAt =>
        Completion?.Data is ParticipantCompleted completed ? completed.CompletedAt
        : Withdrawal?.Data is ParticipantWithdrawn withdrawn ? withdrawn.WithdrawnAt
        : ScreenFailure?.Data is ParticipantScreenFailed failed ? failed.RecordedAt
        : null;

    /// <summary>First dosing start: the subject's reference start (RFSTDTC) and study day 1.</summary>
    public DateTimeOffset? FirstDose => DosedPeriods.Count > 0 ? State.Session(DosedPeriods[0]).StartedAt : null;

    /// <summary>Periods whose dosing started, in period order.</summary>
    public IReadOnlyList<int> DosedPeriods { get; private set; } = [];

    private readonly Dictionary<int, string?> _earlyStops = [];
    private readonly Dictionary<int, string?> _shortInfusions = [];

    /// <param name="observation">
    /// How long a treatment element lasts at least: the last scheduled assessment after dosing start
    /// (PT24H in KET-NP-01); it lasts longer when the period's last assessment was taken later, so
    /// that every post-dose measurement of a period has its EPOCH.
    /// </param>
    /// <param name="asOf">The export's point in time: elements that would start later are not there yet.</param>
    /// <param name="protocol">The protocol whose sites give the subject's clock (the version in force at the export's point).</param>
    public static SubjectHistory From(SubjectEvents events, int periodCount, TimeSpan observation, DateTimeOffset asOf, ProtocolDefinition protocol)
    {
        var history = new SubjectHistory(events, ParticipantState.From(events.Participant.Select(e => e.Data)), protocol);
        foreach (var stored in events.Participant)
        {
            switch (stored.Data)
            {
                case ParticipantScreened screened:
                    history.ScreenedAt = screened.ScreenedAt;
                    break;
                case EligibilityConfirmed confirmed:
                    history.Eligibility = confirmed;
                    break;
                case ParticipantScreenFailed:
                    history.ScreenFailure = stored;
                    break;
                case ParticipantRandomized:
                    history.Randomization = stored;
                    break;
                case ParticipantWithdrawn:
                    history.Withdrawal = stored;
                    break;
                case ParticipantCompleted:
                    history.Completion = stored;
                    break;
                case Dosing.DosingStopped stopped:
                    history._earlyStops[stopped.Period] = stopped.Completed ? null : stopped.EarlyStopReason ?? "not given";
                    history._shortInfusions[stopped.Period] = stopped.Completed ? stopped.ShortInfusionReason : null;
                    break;
            }
        }

        history.AdverseEvents = events.AdverseEvents
            .GroupBy(e => e.StreamId, StringComparer.Ordinal)
            .Select(g => new AdverseEventCase(((IAdverseEventEvent)g.First().Data).AdverseEventId, AdverseEventState.From(g.Select(e => e.Data)), g.ToArray()))
            .Where(c => c.State.Exists)
            .ToArray();
        var periods = Math.Max(periodCount, history.State.PeriodCount);
        history.DosedPeriods = Enumerable.Range(1, periods).Where(p => history.State.Session(p).StartedAt is not null).ToArray();
        history.Elements = history.BuildElements(periods, observation, asOf);
        return history;
    }

    /// <summary>The EPOCH of a clinical time: the element running at that instant; null before consent.</summary>
    public string? EpochAt(DateTimeOffset time)
    {
        SubjectElement? found = null;
        foreach (var element in Elements)
        {
            // The instant a treatment element ends still belongs to it: its last assessment may be what ends it.
            if (element.Start <= time && !(found is { Kind: ElementKind.Treatment, End: { } end } && end == time))
            {
                found = element;
            }
        }

        return found?.Epoch;
    }

    /// <summary>
    /// The EPOCH of a partial date: the element when the whole range lies in one, else null
    /// (unknown). A date-only value spans its local day(s) on the site's clock.
    /// </summary>
    public string? EpochAt(PartialDate date)
    {
        var earliest = EpochAt(date.EarliestOn(Clock));
        return earliest == EpochAt(date.LatestOn(Clock)) ? earliest : null;
    }

    private IReadOnlyList<SubjectElement> BuildElements(int periods, TimeSpan observation, DateTimeOffset asOf)
    {
        if (State.ConsentDate is not { } consent)
        {
            return [];
        }

        var elements = new List<SubjectElement>();
        var ended = EndedAt;
        DateTimeOffset? Known(DateTimeOffset? time) => time is { } t && t <= asOf ? t : null;
        // Consent is a date the site wrote: screening starts at that local date's first instant.
        var consentStart = Clock.StartOfDay(consent);

        if (DosedPeriods.Count == 0)
        {
            elements.Add(new SubjectElement(ElementKind.Screening, 0, consentStart, true, Known(ended)));
            return elements;
        }

        elements.Add(new SubjectElement(ElementKind.Screening, 0, consentStart, true, State.Session(DosedPeriods[0]).StartedAt));
        for (var i = 0; i < DosedPeriods.Count; i++)
        {
            var period = DosedPeriods[i];
            var session = State.Session(period);
            var start = session.StartedAt!.Value;
            var nextStart = i + 1 < DosedPeriods.Count ? State.Session(DosedPeriods[i + 1]).StartedAt : null;
            // The element lasts until the period's last assessment actually taken (a time point
            // recorded minutes after its planned time is still the period's), and at least until
            // the end of dosing and the last planned time point.
            var lastAssessed = State.Assessments.Values
                .Where(a => a.Key.Period == period && a.ClinicalTime >= start)
                .Select(a => a.ClinicalTime)
                .DefaultIfEmpty(start)
                .Max();
            var end = Max(Max(session.StoppedAt ?? start, start + observation), lastAssessed);
            if (nextStart is { } next && next < end)
            {
                end = next;
            }

            if (ended is { } stop && stop < end)
            {
                end = Max(stop, start);
            }

            var treatmentEnd = Known(end);
            elements.Add(new SubjectElement(ElementKind.Treatment, period, start, false, treatmentEnd));
            if (treatmentEnd is null)
            {
                break;
            }

            if (nextStart is { } following)
            {
                if (end < following)
                {
                    elements.Add(new SubjectElement(ElementKind.Washout, period, end, false, following));
                }
            }
            else if (ended is { } finish)
            {
                if (finish > end)
                {
                    elements.Add(new SubjectElement(ElementKind.FollowUp, 0, end, false, finish));
                }
            }
            else
            {
                elements.Add(period < periods
                    ? new SubjectElement(ElementKind.Washout, period, end, false, null)
                    : new SubjectElement(ElementKind.FollowUp, 0, end, false, null));
            }
        }

        return elements;
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a >= b ? a : b;
}
