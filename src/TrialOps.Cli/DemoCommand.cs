using System.CommandLine;
using TrialOps.EventStore;
using TrialOps.Protocols;
using TrialOps.Randomization;
using TrialOps.Seed;

namespace TrialOps.Cli;

/// <summary>
/// <c>trialops demo --protocol FILE --participants N --seed S</c>: imports the protocol if its code
/// is new and runs N new participants through the whole trial with the Bogus demo generator
/// (<see cref="DemoTrial"/>), through the real commands. Needs the seed-sealing key like
/// <c>protocol import</c>.
/// </summary>
public static class DemoCommand
{
    public static void Add(RootCommand root)
    {
        var protocol = new Option<FileInfo>("--protocol") { Description = "A trialops.protocol/1 file, e.g. seed/KET-NP-01.json.", Required = true };
        var participants = new Option<int>("--participants") { Description = "People to screen in this run (default 24).", DefaultValueFactory = _ => 24 };
        var seed = new Option<int>("--seed") { Description = "Seed of the generator (default 42): the same seed plans the same participants.", DefaultValueFactory = _ => 42 };
        var parallel = new Option<int>("--parallel") { Description = "Participants worked on at the same time (default 4).", DefaultValueFactory = _ => 4 };
        var effects = new Option<FileInfo?>("--effects") { Description = "A JSON options file overriding the simulated effects (baseline, placebo response, treatment effects, AEs, dropouts); see seed/README.md." };
        var demo = new Command(
            "demo",
            "Generate a demo trial: screening, randomization, every period with doses, assessments and adverse events, a withdrawal, "
            + "an SAE with follow-up and an emergency unblinding, clinical times in the past. Each run adds new participants.")
        {
            protocol,
            participants,
            seed,
            parallel,
            effects,
        };
        demo.SetAction(async (parse, ct) =>
        {
            var file = parse.GetValue(protocol)!;
            if (!file.Exists)
            {
                throw new CliException($"{file.FullName}: no such file");
            }

            var count = parse.GetValue(participants);
            if (count < 1)
            {
                throw new CliException("--participants must be at least 1");
            }

            var content = await File.ReadAllBytesAsync(file.FullName, ct);
            var simulation = await ReadEffectsAsync(parse.GetValue(effects), content, ct);
            return await Cli.WithRuntime(async (runtime, _, token) =>
            {
                DemoReport report;
                try
                {
                    report = await DemoTrial.RunAsync(
                        runtime,
                        content,
                        new DemoOptions(count, parse.GetValue(seed), parse.GetValue(parallel), simulation),
                        Console.Error.WriteLine,
                        token);
                }
                catch (DemoException e)
                {
                    throw new CliException(e.Message);
                }

                // Bring the read models and the ledger up to date, so pages and `verify` see the run.
                await runtime.Projections.CatchUpAllAsync(token);
                Console.WriteLine(report.Summary);
                return 0;
            })(parse, ct);
        });
        root.Subcommands.Add(demo);
    }

    /// <summary>The effects of <c>--effects</c>, checked against the protocol file before anything is written; null without the option.</summary>
    private static async Task<DemoEffects?> ReadEffectsAsync(FileInfo? file, byte[] protocolFile, CancellationToken ct)
    {
        if (file is null)
        {
            return null;
        }

        if (!file.Exists)
        {
            throw new CliException($"{file.FullName}: no such file");
        }

        if (ProtocolFile.Parse(protocolFile).Definition is not { } protocol)
        {
            // The demo itself reports what is wrong with the protocol file.
            return null;
        }

        var parsed = DemoEffectsFile.Parse(await File.ReadAllBytesAsync(file.FullName, ct), protocol);
        return parsed.Effects ?? throw new CliException($"{file.Name}: " + string.Join("; ", parsed.Problems));
    }
}
