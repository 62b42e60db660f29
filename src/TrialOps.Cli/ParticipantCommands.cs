using System.CommandLine;
using System.Globalization;
using TrialOps.AdverseEvents;
using TrialOps.Audit;
using TrialOps.Blinding;
using TrialOps.Dosing;
using TrialOps.Participants;
using TrialOps.Protocols;
using TrialOps.Randomization;
using TrialOps.Runtime;

namespace TrialOps.Cli;

/// <summary>
/// <c>trialops participant list|schedule|timeline</c>: the blinded journey read models for an
/// operator. Each command first brings the journey read models up to what was committed before it
/// (applying them itself when no running process owns them, or waiting for the one that does).
/// </summary>
public static class ParticipantCommands
{
    public static void Add(RootCommand root)
    {
        var participant = new Command("participant", "Participants of a trial (blinded): list, schedule, timeline with every correction.");
        participant.Subcommands.Add(List());
        participant.Subcommands.Add(Schedule());
        participant.Subcommands.Add(Timeline());
        root.Subcommands.Add(participant);
    }

    private static Command List()
    {
        var protocol = ProtocolArgument();
        var site = new Option<string?>("--site") { Description = "Only this site." };
        var status = new Option<ParticipantStatus?>("--status") { Description = "Only this status (Screened, Eligible, ScreenFailed, Randomized, Withdrawn, Completed)." };
        var list = new Command("list", "One line per participant: subject, status, periods dosed, alerts, adverse events.") { protocol, site, status };
        list.SetAction(Cli.WithRuntime(async (runtime, parse, ct) =>
        {
            await runtime.Projections.CatchUpAsync(ParticipantViewsProjection.ProjectionName, ct);
            var queries = new ParticipantRegister(runtime);
            var page = 1;
            while (true)
            {
                var result = await queries.ListParticipantsAsync(
                    new ParticipantListQuery(parse.GetValue(protocol), parse.GetValue(site), parse.GetValue(status), Page: page, PageSize: ParticipantListQuery.MaxPageSize),
                    ct);
                foreach (var p in result.Items)
                {
                    Console.WriteLine(string.Join('\t',
                        p.Subject,
                        p.Status,
                        $"dosed {p.PeriodsDosed}/{p.PeriodCount?.ToString(CultureInfo.InvariantCulture) ?? "-"}",
                        $"alerts {p.SafetyAlerts}",
                        $"AEs {p.AdverseEvents} (SAEs {p.SeriousAdverseEvents})",
                        $"corrections {p.Corrections}"));
                }

                if (page >= result.PageCount)
                {
                    Console.Error.WriteLine($"{result.Total} participant(s)");
                    return 0;
                }

                page++;
            }
        }));
        return list;
    }

    private static Command Schedule()
    {
        var protocol = ProtocolArgument();
        var subject = SubjectArgument();
        var schedule = new Command("schedule", "The participant's schedule: each dosing session, assessment and washout with its status now.") { protocol, subject };
        schedule.SetAction(Cli.WithRuntime(async (runtime, parse, ct) =>
        {
            await runtime.Projections.CatchUpAsync(ParticipantViewsProjection.ProjectionName, ct);
            var items = await new ParticipantSchedule(runtime).GetScheduleAsync(parse.GetValue(protocol)!, parse.GetValue(subject)!, ct);
            var clock = await ClockAsync(runtime, parse.GetValue(protocol)!, parse.GetValue(subject)!, ct);
            if (items.Count == 0)
            {
                throw new CliException($"no schedule for {parse.GetValue(subject)} in {parse.GetValue(protocol)} (not randomized, or no such participant)");
            }

            foreach (var item in items)
            {
                Console.WriteLine(string.Join('\t', $"P{item.Period}", item.Label, item.Status, Time(clock, item.DueAt), Time(clock, item.DoneAt)));
            }

            return 0;
        }));
        return schedule;
    }

    private static Command Timeline()
    {
        var protocol = ProtocolArgument();
        var subject = SubjectArgument();
        var timeline = new Command("timeline", "Every recorded event of the participant and their adverse events: who, when, why.") { protocol, subject };
        timeline.SetAction(Cli.WithRuntime(async (runtime, parse, ct) =>
        {
            var result = await new ParticipantTimelines(runtime).GetTimelineAsync(parse.GetValue(protocol)!, parse.GetValue(subject)!, ct)
                ?? throw new CliException($"no participant {parse.GetValue(subject)} in {parse.GetValue(protocol)}");
            var clock = await ClockAsync(runtime, parse.GetValue(protocol)!, parse.GetValue(subject)!, ct);
            foreach (var entry in result.Entries)
            {
                Console.WriteLine(string.Join('\t',
                    entry.Position.ToString(CultureInfo.InvariantCulture),
                    Time(clock, entry.RecordedAt),
                    $"{entry.RecordedBy} ({entry.Role})",
                    entry.Summary + (entry.Reason is { } reason ? $" [reason: {reason}]" : string.Empty)));
            }

            return 0;
        }));
        return timeline;
    }

    private static Argument<string> ProtocolArgument() => new("PROTOCOL") { Description = "The protocol code, e.g. KET-NP-01." };

    private static Argument<string> SubjectArgument() => new("SUBJECT") { Description = "The subject number, e.g. S01-003." };

    /// <summary>A participant's time on their site's clock, with the offset (<c>2026-03-29 03:30 +02:00</c>; <c>… UTC</c> at a UTC site; ADR 0030).</summary>
    private static string Time(SiteClock clock, DateTimeOffset? time) => time is { } t ? clock.Show(t) : "-";

    /// <summary>The clock of the participant's site, from the protocol in force; UTC for an unknown protocol or subject.</summary>
    private static async Task<SiteClock> ClockAsync(TrialOpsRuntime runtime, string protocol, string subject, CancellationToken ct) =>
        await new ProtocolHistory(runtime.Store).DefinitionAsync(protocol, ct) is { } definition && SubjectNumber.TryParse(subject, out var number)
            ? SiteClock.Of(definition, number.Site)
            : SiteClock.Utc;
}
