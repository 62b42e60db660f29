using System.CommandLine;
using TrialOps.Runtime;

namespace TrialOps.Cli;

/// <summary>
/// <c>trialops codegen write</c>: regenerates Wolverine's handler code, which is committed and
/// compiled into the domain assembly (started in <c>TypeLoadMode.Static</c> outside development).
/// A test fails while the committed copy differs from what this writes.
/// </summary>
public static class CodegenCommands
{
    public const string DefaultFolder = "src/TrialOps/Internal/Generated";

    public static void Add(RootCommand root)
    {
        var codegen = new Command("codegen", "Wolverine's generated handler code (for developers).");
        var folder = new Option<string>("--folder") { Description = $"Where to write (default {DefaultFolder}, from the repository root).", DefaultValueFactory = _ => DefaultFolder };
        var write = new Command("write", "Regenerate the handler code after adding or changing a command, message or handler.") { folder };
        write.SetAction(async (parse, ct) =>
        {
            var target = Path.GetFullPath(parse.GetValue(folder)!);
            await using var runtime = await TrialOpsRuntime.StartAsync(
                Environment.GetEnvironmentVariable("ConnectionStrings__TrialOps"), ct: ct, messaging: new MessagingOptions { WriteGeneratedCodeTo = target });
            var files = runtime.WriteGeneratedCode();
            Console.WriteLine($"Wrote {files.Count} files of handler code under {target}.");
            return 0;
        });
        codegen.Subcommands.Add(write);
        root.Subcommands.Add(codegen);
    }
}
