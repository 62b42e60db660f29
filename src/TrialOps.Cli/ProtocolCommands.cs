using System.CommandLine;
using TrialOps.AdverseEvents;
using TrialOps.Audit;
using TrialOps.Blinding;
using TrialOps.Dosing;
using TrialOps.Messaging;
using TrialOps.Participants;
using TrialOps.Protocols;
using TrialOps.Randomization;

namespace TrialOps.Cli;

/// <summary>
/// <c>trialops protocol validate|import|show</c>. The CLI is an operator's tool, run by a person
/// with access to the database and the seed-sealing key, so it acts as the actor
/// <c>cli:&lt;operating-system user&gt;</c> in the Coordinator role (recorded in every event's
/// metadata), and <c>show --unblinded</c> may print the treatments.
/// </summary>
public static class ProtocolCommands
{
    /// <summary>The CLI's actor: the operating-system user, acting as a Coordinator.</summary>
    public static Actor CliActor => new($"cli:{Environment.UserName}", Common.Roles.Coordinator, SiteAccess.All);

    public static void Add(RootCommand root)
    {
        var protocol = new Command("protocol", "Trial protocols: validate, import or amend, and show.");
        protocol.Subcommands.Add(Validate());
        protocol.Subcommands.Add(Import());
        protocol.Subcommands.Add(Show());
        root.Subcommands.Add(protocol);
    }

    private static Command Validate()
    {
        var file = FileArgument();
        var validate = new Command("validate", "Check a trialops.protocol/1 file without a database: prints 'valid', or one '$.path: problem' line per problem on stderr (exit 1).") { file };
        validate.SetAction(async (parse, ct) =>
        {
            var content = await ReadFileAsync(parse.GetValue(file)!, ct);
            var result = ProtocolFile.Parse(content);
            if (!result.IsValid)
            {
                WriteProblems(result.ProblemLines);
                return 1;
            }

            Console.WriteLine($"valid: {result.Definition.Code} version {result.Definition.Version}");
            return 0;
        });
        return validate;
    }

    private static Command Import()
    {
        var file = FileArgument();
        var import = new Command(
            "import",
            "Import a protocol file, or amend the protocol with a higher version, and generate the randomization list of every stratum that has none. "
            + "Acts as cli:<user> in the Coordinator role. Needs the seed-sealing key (TRIALOPS_SEED_KEY, else seed-sealing.key in TRIALOPS_HOME, created on first use).")
        {
            file,
        };
        import.SetAction(async (parse, ct) =>
        {
            var content = await ReadFileAsync(parse.GetValue(file)!, ct);
            var parsed = ProtocolFile.Parse(content);
            if (!parsed.IsValid)
            {
                // Invalid files never need the database.
                WriteProblems(parsed.ProblemLines);
                return 1;
            }

            return await Cli.WithRuntime(async (runtime, _, token) =>
            {
                var outcome = await runtime.Bus.SendCommandAsync<ImportProtocolFile, ProtocolImportOutcome>(CommandContext.New(CliActor), new ImportProtocolFile(content), token);
                switch (outcome.Status)
                {
                    case ProtocolImportStatus.Invalid:
                        WriteProblems(outcome.Problems);
                        return 1;
                    case ProtocolImportStatus.Rejected:
                        throw new CliException(outcome.Rejection?.Message ?? "the import was refused");
                    default:
                        Console.WriteLine(outcome.Summary);
                        return 0;
                }
            })(parse, ct);
        });
        return import;
    }

    private static Command Show()
    {
        var code = new Argument<string>("CODE") { Description = "The protocol code, e.g. KET-NP-01." };
        var unblinded = new Option<bool>("--unblinded")
        {
            Description = "Also print the treatments and sequences (treatment identity). Only for an unblinded operator.",
        };
        var show = new Command("show", "Print the protocol version in force. Treatments and sequences are omitted unless --unblinded is given.") { code, unblinded };
        show.SetAction(Cli.WithRuntime(async (runtime, parse, ct) =>
        {
            var history = new ProtocolHistory(runtime.Store);
            var requested = parse.GetValue(code)!;
            var versions = await history.VersionsAsync(requested, ct);
            if (versions.Count == 0)
            {
                throw new CliException($"there is no protocol {requested}");
            }

            var lists = await new AllocationViews(runtime).GetRandomizationListStatusAsync(requested, ct);
            Print(versions, lists, parse.GetValue(unblinded));
            return 0;
        }));
        return show;
    }

    private static void Print(IReadOnlyList<ProtocolVersionRecord> versions, IReadOnlyList<StratumStatus> lists, bool unblinded)
    {
        var current = versions[^1];
        var p = current.Definition;
        Console.WriteLine($"{p.Code} version {p.Version}: {p.Title}");
        Console.WriteLine($"  imported by {current.ImportedBy} at {current.RecordedAt:u}, file sha256 {current.FileSha256}");
        if (versions.Count > 1)
        {
            Console.WriteLine($"  versions: {string.Join(", ", versions.Select(v => $"{v.Version} ({v.RecordedAt:u})"))}");
        }

        Console.WriteLine($"Indication: {p.Indication}");
        Console.WriteLine($"Phase {p.Phase}, {ProtocolText.Design(p.Design)}, {ProtocolText.Blinding(p.Blinding)}, target {p.TargetParticipants} participants");
        Console.WriteLine($"Periods: {p.PeriodCount}");
        Console.WriteLine($"Washout: {p.Washout.Iso} ({p.Washout.Duration.TotalHours:0.##} hours)");
        Console.WriteLine("Sites:");
        foreach (var site in p.Sites)
        {
            Console.WriteLine($"  {site.Code}  {site.Name}");
        }

        Console.WriteLine("Assessments:");
        foreach (var a in p.Assessments)
        {
            var kind = a.Scale is { } scale ? $"scale {scale.Min}-{scale.Max} {scale.Unit}" : "vitals";
            Console.WriteLine($"  {a.Code}  {a.Label} ({kind}) at {string.Join(", ", a.Times.Select(t => t.Iso))}");
        }

        Console.WriteLine("Eligibility:");
        foreach (var c in p.Eligibility.Inclusion)
        {
            Console.WriteLine($"  inclusion {c.Code}  {c.Text}");
        }

        foreach (var c in p.Eligibility.Exclusion)
        {
            Console.WriteLine($"  exclusion {c.Code}  {c.Text}");
        }

        Console.WriteLine($"Safety: SAE report within {p.Safety.SaeReportHours} hours");
        var stratification = p.Randomization.StratifyBy.Count == 0 ? "unstratified" : $"stratified by {string.Join(", ", p.Randomization.StratifyBy)}";
        Console.WriteLine($"Randomization: permuted blocks of {string.Join(" or ", p.Randomization.BlockSizes)}, {stratification}");
        foreach (var list in lists)
        {
            Console.WriteLine(list.HasList
                ? $"  stratum {list.Stratum}: {list.ListSize} entries, {list.Used} used, {list.Remaining} remaining{(list.Extensions > 0 ? $", extended {list.Extensions} time(s)" : "")}"
                : $"  stratum {list.Stratum}: no list yet");
        }

        if (!unblinded)
        {
            Console.WriteLine("Treatments: omitted (blinded); pass --unblinded to print them");
            return;
        }

        Console.WriteLine("Treatments (UNBLINDED):");
        foreach (var t in p.Treatments)
        {
            Console.WriteLine($"  {t.Code}  {t.Label}{(t.Placebo ? " [placebo]" : "")}, {t.Route}: {ProtocolText.Dosing(t)}");
        }

        Console.WriteLine("Sequences (UNBLINDED):");
        foreach (var s in p.Sequences)
        {
            Console.WriteLine($"  {s.Number}: {s}");
        }
    }

    private static Argument<FileInfo> FileArgument() => new("FILE") { Description = "A trialops.protocol/1 JSON file." };

    private static async Task<byte[]> ReadFileAsync(FileInfo file, CancellationToken ct)
    {
        try
        {
            return await File.ReadAllBytesAsync(file.FullName, ct);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"cannot read {file.FullName}: {e.Message}");
        }
    }

    private static void WriteProblems(IReadOnlyList<string> lines)
    {
        foreach (var line in lines)
        {
            Console.Error.WriteLine(line);
        }
    }
}
