namespace TrialOps.Exports.Sdtm;

/// <summary>One part of a session as planned: a component of the dose, or the whole session when its parts cannot be told apart (blinded, differing shapes).</summary>
/// <param name="Component">1-based component number; 0 for a whole session.</param>
/// <param name="Push">A bolus given at once (0 minutes).</param>
/// <param name="Amount">The planned amount in the unit of the record, or null when not known.</param>
/// <param name="VolumeMl">The planned volume in mL, or null when the protocol does not tell it; needed to read a pump rate in mL/h.</param>
/// <param name="Duration">The planned duration; null when not known (the part then runs until it is stopped).</param>
public sealed record PlannedPart(int Component, bool Push, decimal? Amount, decimal? VolumeMl, TimeSpan? Duration);

public enum PumpChangeKind
{
    Interrupted,
    Resumed,
    RateChanged,
}

/// <summary>A change of the running administration that the bedside staff recorded.</summary>
public sealed record PumpChange(DateTimeOffset At, PumpChangeKind Kind, decimal? RateMlPerHour, string? Reason);

/// <summary>
/// One constant-rate interval of one part, as given. <see cref="Amount"/> and <see cref="VolumeMl"/>
/// are null when they cannot be derived from what was recorded; <see cref="End"/> is null while
/// the administration is still running. <see cref="RateMlPerHour"/> is the pump rate recorded for
/// the interval, or null when the pump ran at the planned rate.
/// </summary>
public sealed record GivenInterval(
    int Component,
    DateTimeOffset Start,
    DateTimeOffset? End,
    decimal? Amount,
    decimal? VolumeMl,
    decimal? RateMlPerHour,
    IReadOnlyList<string> Adjustments);

/// <summary>
/// The dose actually given in a session, from the recorded start, stop, interruptions and pump
/// rate changes (issue 11, item 2; ADR 0019). Pure.
/// </summary>
/// <remarks>
/// The parts run one after the other. Each infusion starts at its planned rate (planned volume over
/// planned duration); a recorded rate in mL/h changes the speed of the part running until that part
/// has delivered its planned volume (never more: the syringe holds no more), and the next part starts
/// at its own planned rate. An interruption delivers nothing until the resumption; the stop ends
/// everything. A push is given whole when its turn comes before the stop.
///
/// A session recorded as complete gave in full every part whose rate was never changed: the pump
/// delivered what was drawn up, and small differences between the planned and the recorded times
/// are recording, not dosing. A part whose rate was changed has what the recorded rates delivered
/// by the stop. Without a planned volume a rate in mL/h cannot be read as an amount: the rest of
/// that part has no amount and no end of its own (it lasts until the stop).
/// </remarks>
public static class ExposureAsGiven
{
    public static IReadOnlyList<GivenInterval> Intervals(
        IReadOnlyList<PlannedPart> parts,
        DateTimeOffset start,
        DateTimeOffset? stop,
        bool completed,
        IReadOnlyList<PumpChange> changes,
        string? earlyStopReason)
    {
        var ordered = changes.Where(c => c.At >= start && (stop is null || c.At <= stop)).OrderBy(c => c.At).ToArray();
        var end = stop ?? (ordered.Length > 0 ? Max(ordered[^1].At, start) : start);
        var walked = new List<Walked>();
        var changedParts = new HashSet<int>();
        var next = 0;
        var running = true;
        var time = start;
        var allGiven = true;
        var open = false;
        string? interruption = null;
        for (var index = 0; index < parts.Count; index++)
        {
            var part = parts[index];
            if (part.Push)
            {
                walked.Add(new Walked(index, time, time, 1m, null, []));
                continue;
            }

            long? plannedTicks = part.Duration is { Ticks: > 0 } planned ? planned.Ticks : null;
            decimal? fraction = 0m;
            decimal? speed = 1m;
            decimal? rate = null;
            var notes = new List<string>();
            var intervalStart = time;
            decimal? intervalFrom = 0m;

            // Closes the interval running up to now (an interval of no time is no record).
            void Close()
            {
                if (running && time > intervalStart)
                {
                    walked.Add(new Walked(index, intervalStart, time, fraction is { } to && intervalFrom is { } from ? to - from : null, rate, [.. notes]));
                    notes.Clear();
                }

                intervalStart = time;
                intervalFrom = fraction;
            }

            while (true)
            {
                // A change at the stop changes nothing; while still running, the last change is where the record ends.
                var change = next < ordered.Length && (ordered[next].At < end || (stop is null && ordered[next].At == end)) ? ordered[next] : null;
                // When the running part would have given all of it; never if that lies beyond the end
                // (a rate of a hundredth of the plan would overflow the clock otherwise).
                decimal? remaining = running && speed is > 0 && fraction is { } done && plannedTicks is { } ticks ? (1m - done) * ticks / speed.Value : null;
                DateTimeOffset? finishAt = remaining is { } left && left <= (end - time).Ticks ? time + TimeSpan.FromTicks((long)left) : null;
                var boundary = Min(Min(finishAt ?? DateTimeOffset.MaxValue, change?.At ?? DateTimeOffset.MaxValue), end);
                if (running)
                {
                    fraction = fraction is { } f && speed is { } s && plannedTicks is { } partTicks
                        ? Math.Min(1m, f + (s * (boundary - time).Ticks / partTicks))
                        : null;
                }

                time = boundary;
                if (finishAt is { } finish && boundary == finish && (change is null || finish < change.At))
                {
                    fraction = 1m;
                    Close();
                    break;
                }

                if (change is not null && boundary == change.At)
                {
                    next++;
                    switch (change.Kind)
                    {
                        case PumpChangeKind.Interrupted when running:
                            Close();
                            running = false;
                            interruption = $"Resumed after an interruption: {change.Reason}";
                            break;
                        case PumpChangeKind.Resumed when !running:
                            running = true;
                            intervalStart = time;
                            intervalFrom = fraction;
                            if (interruption is not null)
                            {
                                notes.Add(interruption);
                                interruption = null;
                            }

                            break;
                        case PumpChangeKind.RateChanged:
                            Close();
                            changedParts.Add(index);
                            rate = change.RateMlPerHour;
                            // The planned pump rate is the planned volume over the planned time.
                            speed = part.VolumeMl is > 0 && plannedTicks is { } plannedLength && rate is { } r
                                ? r / (part.VolumeMl.Value * TimeSpan.TicksPerHour / plannedLength)
                                : null;
                            notes.Add($"Infusion rate changed to {Iso.Number(change.RateMlPerHour ?? 0m)} mL/h: {change.Reason}");
                            break;
                    }

                    continue;
                }

                // The stop: nothing more is given. While the administration still runs, the interval
                // running since the last recorded change is open (its amount is not known yet).
                if (stop is null && running)
                {
                    open = true;
                    walked.Add(new Walked(index, intervalStart, time, null, rate, [.. notes]));
                }
                else
                {
                    Close();
                }

                allGiven = false;
                break;
            }

            if (!allGiven)
            {
                break;
            }
        }

        var result = new List<GivenInterval>();
        foreach (var group in walked.GroupBy(w => w.Part))
        {
            var part = parts[group.Key];
            var intervals = group.ToArray();

            // Complete and never re-rated: the whole part, shared over its intervals by what the
            // walk gave each (or by their length when the walk could not tell).
            var full = completed && stop is not null && !part.Push && !changedParts.Contains(group.Key);
            var byFraction = intervals.All(i => i.Fraction is not null) && intervals.Sum(i => i.Fraction!.Value) > 0;
            var totalTicks = intervals.Sum(i => (decimal)(i.End - i.Start).Ticks);
            foreach (var interval in intervals)
            {
                var fraction = !full ? interval.Fraction
                    : byFraction ? interval.Fraction!.Value / intervals.Sum(i => i.Fraction!.Value)
                    : totalTicks > 0 ? (interval.End - interval.Start).Ticks / totalTicks
                    : 1m / intervals.Length;
                result.Add(new GivenInterval(part.Component, interval.Start, interval.End, fraction * part.Amount, fraction * part.VolumeMl, interval.Rate, interval.Notes));
            }
        }

        if (result.Count == 0)
        {
            // Stopped (or interrupted for good) before anything ran.
            result.Add(new GivenInterval(parts.Count > 0 ? parts[0].Component : 0, start, stop, stop is null ? null : 0m, stop is null ? null : 0m, null, []));
        }

        // A pump that finished before the recorded stop ran until then as far as the record goes;
        // while still running, the amount of the running interval is not known yet.
        var last = result[^1];
        result[^1] = last with
        {
            End = open ? null : stop is null || !allGiven ? last.End : Max(stop.Value, last.Start),
            Amount = open ? null : last.Amount,
            VolumeMl = open ? null : last.VolumeMl,
            Adjustments = stop is not null && !completed
                ? [.. last.Adjustments, $"Dosing stopped early: {earlyStopReason ?? "not given"}"]
                : last.Adjustments,
        };
        return result;
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a <= b ? a : b;

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a >= b ? a : b;

    private sealed record Walked(int Part, DateTimeOffset Start, DateTimeOffset End, decimal? Fraction, decimal? Rate, IReadOnlyList<string> Notes);
}
