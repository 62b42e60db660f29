using System.CommandLine;

namespace TrialOps.Cli;

public static class ProjectionCommands
{
    public static void Add(RootCommand root)
    {
        var projections = new Command(
            "projections",
            "Read models built from the event stream (run by Marten's async daemon, one node each) and the tamper-evidence ledger (run by TrialOps' own daemon).");

        var name = new Argument<string?>("NAME") { Description = "The projection to rebuild.", Arity = ArgumentArity.ZeroOrOne };
        var all = new Option<bool>("--all") { Description = "Rebuild every projection." };
        var rebuild = new Command("rebuild", "Clear a projection and rebuild it from position zero (refused while another running process owns it); applies parked events again.") { name, all };
        rebuild.SetAction(Cli.WithRuntime(async (runtime, parse, ct) =>
        {
            var names = parse.GetValue(all)
                ? runtime.Projections.Names.ToArray()
                : [parse.GetValue(name) ?? throw new CliException($"name a projection or pass --all (known: {string.Join(", ", runtime.Projections.Names.Order())})")];
            if (parse.GetValue(all) && parse.GetValue(name) is not null)
            {
                throw new CliException("give a projection name or --all, not both");
            }

            foreach (var projection in names)
            {
                await runtime.Projections.RebuildAsync(projection, ct);
                var applied = await runtime.Projections.CatchUpAsync(projection, ct);
                Console.WriteLine($"Rebuilt {projection}: {applied} events applied.");
            }

            return 0;
        }));

        var status = new Command("status", "Show each projection's position (the last event applied), whether it is paused and why, and the events parked because a read model could not apply them.");
        status.SetAction(Cli.WithRuntime(async (runtime, _, ct) =>
        {
            foreach (var s in await runtime.Projections.StatusAsync(ct))
            {
                Console.WriteLine($"{s.Name,-28} {s.Status,-8} position {s.LastPosition,-10} {(s.CaughtUp ? "up to date" : "behind")}{(s.Error is null ? "" : $"  error at {s.FailedPosition}: {s.Error}")}");
            }

            var parked = await runtime.Projections.ParkedAsync(ct);
            if (parked.Count > 0)
            {
                Console.WriteLine($"{parked.Count} events could not be applied and were parked (the read models above lack them; fix the cause, then `trialops projections rebuild NAME`):");
                foreach (var p in parked)
                {
                    Console.WriteLine($"  {p.Projection,-26} position {p.Position} {p.EventType} on {p.StreamId}, parked {p.ParkedAt:u}: {p.Error}");
                }
            }

            return 0;
        }));

        projections.Subcommands.Add(rebuild);
        projections.Subcommands.Add(status);
        root.Subcommands.Add(projections);
    }
}
