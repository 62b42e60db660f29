using System.CommandLine;
using TrialOps.EventStore;

namespace TrialOps.Cli;

public static class VerifyCommand
{
    public static void Add(RootCommand root)
    {
        var export = new Option<DirectoryInfo>("--export") { Description = "Instead, check an export folder: its files against manifest.json and against the export derived again from the store; exit 1 naming each file that differs." };
        var verify = new Command("verify", "Recompute every stream's hash chain and the global ledger; exit 1 naming the first broken event.") { export };
        verify.SetAction(Cli.WithRuntime(async (runtime, parse, ct) =>
        {
            if (parse.GetValue(export) is { } folder)
            {
                return await ExportCommands.VerifyExportAsync(runtime, folder, ct);
            }

            // Seal what is committed first, so the ledger covers every event.
            await runtime.Projections.CatchUpAsync(LedgerProjection.ProjectionName, ct);
            var result = await ChainVerifier.VerifyAsync(runtime.DataSource, runtime.CheckpointSigner, runtime.CheckpointAnchor, ct);
            if (!result.Intact)
            {
                Console.Error.WriteLine($"trialops: verification FAILED: {result.FirstBreak}");
                return 1;
            }

            Console.WriteLine($"Verified {result.EventsChecked} events in their stream chains and {result.LedgerEntriesChecked} ledger entries: intact.");
            return 0;
        }));
        root.Subcommands.Add(verify);
    }
}
