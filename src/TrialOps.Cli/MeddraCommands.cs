using System.CommandLine;
using TrialOps.Meddra;
using TrialOps.Messaging;

namespace TrialOps.Cli;

/// <summary>
/// <c>trialops meddra import DIR [--version X.Y]</c>: loads the sponsor's licensed MedDRA ASCII
/// distribution (the <c>MedAscii</c> folder) so that exports code adverse events with it. The
/// version is read from the distribution's own <c>meddra_release.asc</c>, the MSSO's statement of
/// what the files are, so an operator cannot label 27.0 files as 27.1 by a typo; <c>--version</c>
/// is for a copy without that file and must agree with it when both are there. Acts as
/// <c>cli:&lt;OS user&gt;</c> in the Administrator role, recorded in the import's event.
/// </summary>
public static class MeddraCommands
{
    public static Actor CliActor => new($"cli:{Environment.UserName}", Common.Roles.Administrator, SiteAccess.All);

    public static void Add(RootCommand root)
    {
        var directory = new Argument<DirectoryInfo>("DIR") { Description = "The folder with llt.asc, pt.asc, hlt.asc, hlt_pt.asc, hlgt.asc, hlgt_hlt.asc, soc.asc, soc_hlgt.asc, mdhier.asc and meddra_release.asc." };
        var version = new Option<string>("--version") { Description = "The MedDRA version (e.g. 27.1), needed only when the folder has no meddra_release.asc; must agree with it otherwise." };
        var import = new Command(
            "import",
            "Import a MedDRA version from its ASCII distribution, all files or nothing. A version is imported once; an export codes AEs with the newest version imported at its position (at the database lock for a locked trial).")
        {
            directory,
            version,
        };
        import.SetAction(async (parse, ct) =>
        {
            MeddraDistribution distribution;
            try
            {
                // The files are read and checked before the database is touched.
                distribution = MeddraDistribution.Read(parse.GetValue(directory)!.FullName, parse.GetValue(version)?.Trim());
            }
            catch (MeddraFormatException e)
            {
                throw new CliException($"not imported, nothing stored: {e.Message}");
            }

            return await Cli.WithRuntime(async (runtime, _, token) =>
            {
                var context = CommandContext.New(CliActor);
                var result = await MeddraImporter.ImportAsync(runtime.Store, runtime.Clock, context, new ImportMeddraDictionary(distribution, CliActor), token);
                if (!result.Accepted)
                {
                    throw new CliException(result.Rejection?.Message ?? "the import was refused");
                }

                Console.WriteLine(
                    $"Imported MedDRA {distribution.Version} ({distribution.Language}): {distribution.Llts.Count} LLTs, {distribution.Pts.Count} PTs, {distribution.Hlts.Count} HLTs, "
                    + $"{distribution.Hlgts.Count} HLGTs, {distribution.Socs.Count} SOCs; content SHA-256 {distribution.ContentSha256}; recorded as {CliActor.UserId}.");
                return 0;
            })(parse, ct);
        });

        var meddra = new Command("meddra", "The MedDRA dictionary adverse events are coded with.");
        meddra.Subcommands.Add(import);
        root.Subcommands.Add(meddra);
    }
}
