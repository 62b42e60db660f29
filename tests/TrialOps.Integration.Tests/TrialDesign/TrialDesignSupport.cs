using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using TrialOps.AdverseEvents;
using TrialOps.Audit;
using TrialOps.Blinding;
using TrialOps.Common;
using TrialOps.Dosing;
using TrialOps.Messaging;
using TrialOps.Participants;
using TrialOps.Protocols;
using TrialOps.Randomization;
using TrialOps.Runtime;

namespace TrialOps.Integration.Tests.TrialDesign;

/// <summary>People, files, key and helpers shared by the trial-design integration tests.</summary>
public static class TrialDesignSupport
{
    public static readonly Actor Coordinator = new("u-coordinator", Roles.Coordinator);
    public static readonly Actor Administrator = new("u-admin", Roles.Administrator);
    public static readonly Actor Investigator = new("u-investigator", Roles.Investigator);
    public static readonly Actor OtherInvestigator = new("u-investigator-2", Roles.Investigator);

    /// <summary>An Investigator whose account names every site these tests' protocols use (locking needs every site, ADR 0010).</summary>
    public static readonly Actor TrialWideInvestigator = new("u-investigator-all", Roles.Investigator);

    public static readonly Actor Pharmacist = new("u-pharmacist", Roles.Pharmacist);
    public static readonly Actor Statistician = new("u-statistician", Roles.Statistician);

    /// <summary>A fixed test key: the tests regenerate lists from seeds sealed with it.</summary>
    public static readonly AesGcmSeedSealer Sealer = new(Enumerable.Range(0, 32).Select(i => (byte)(i * 7 + 3)).ToArray());

    /// <summary>The folder holding TrialOps.sln or <c>seed/</c>, searched upwards from the test assembly.</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static string KetPath => Path.Combine(RepositoryRoot, "seed", "KET-NP-01.json");

    public static string KetJson { get; } = File.ReadAllText(KetPath);

    public static byte[] KetBytes => File.ReadAllBytes(KetPath);

    /// <summary>KET-NP-01 with a change applied, as UTF-8 bytes.</summary>
    public static byte[] Mutated(Action<JsonObject> change)
    {
        var root = JsonNode.Parse(KetJson)!.AsObject();
        change(root);
        return Encoding.UTF8.GetBytes(root.ToJsonString());
    }

    /// <summary>KET-NP-01 under another code (one per test, so tests in a class do not meet).</summary>
    public static byte[] WithCode(string code, Action<JsonObject>? change = null) => Mutated(root =>
    {
        root["code"] = code;
        change?.Invoke(root);
    });

    /// <summary>
    /// A protocol whose treatment codes and labels occur nowhere else (not in its code, title,
    /// sites, assessments or criteria), so a plain substring search finds any leak of them.
    /// </summary>
    public static byte[] DistinctiveProtocol(string code) => WithCode(code, root =>
    {
        root["title"] = "Crossover trial of two intravenous infusions for refractory neuropathic pain";
        root["treatments"]![0]!["code"] = "ZQX7";
        root["treatments"]![0]!["label"] = "Quorvalamide 0.5 mg/kg over 40 minutes";
        root["treatments"]![1]!["code"] = "WVJ3";
        root["treatments"]![1]!["label"] = "Brennic saline look-alike over 40 minutes";
        root["sequences"] = JsonNode.Parse("""[["ZQX7", "WVJ3"], ["WVJ3", "ZQX7"]]""");
    });

    public static readonly string[] DistinctiveTreatmentTexts =
        ["ZQX7", "WVJ3", "Quorvalamide", "Brennic saline look-alike", "Quorvalamide 0.5 mg/kg over 40 minutes", "Brennic saline look-alike over 40 minutes"];

    public static async Task<TrialOpsRuntime> StartRuntimeAsync(string connectionString) =>
        await TrialOpsRuntime.StartAsync(connectionString, seedSealer: Sealer);

    public static async Task<ProtocolImportOutcome> ImportAsync(TrialOpsRuntime runtime, byte[] file, Actor? by = null)
    {
        var outcome = await new DesignCommands(runtime).ImportProtocolAsync(file, by ?? Coordinator, CancellationToken.None);
        Assert.True(outcome.Succeeded, $"{outcome.Summary} {string.Join("; ", outcome.Problems)}");
        return outcome;
    }

    /// <summary>Randomizes a participant the way the journey code does: list-side decision in one executor call.</summary>
    public static async Task<(CommandResult Result, Allocation? Allocation)> RandomizeAsync(TrialOpsRuntime runtime, string code, string stratum, string participantId, Actor? by = null)
    {
        var actor = by ?? Coordinator;
        var command = new RandomizeParticipant(ProtocolCode.Parse(code), stratum, participantId, actor);
        Allocation? allocation = null;
        var result = await runtime.Executor.ExecuteAsync(CommandContext.New(actor), [command.StreamId], (streams, now) =>
        {
            var randomized = RandomizeParticipant.Randomize(streams.Data(command.StreamId), command, now);
            allocation = randomized.Allocation;
            return randomized.Decision;
        });
        return (result, result.Accepted ? allocation : null);
    }

    /// <summary>True when <paramref name="text"/> holds <paramref name="code"/> as a token of its own (not inside KET-NP-01).</summary>
    public static bool ContainsToken(string text, string code) =>
        Regex.IsMatch(text, $"(?<![A-Za-z0-9-]){Regex.Escape(code)}(?![A-Za-z0-9-])");

    private static string FindRepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "TrialOps.sln")) || File.Exists(Path.Combine(folder.FullName, "seed", "KET-NP-01.json")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No repository root (TrialOps.sln or seed/) above {AppContext.BaseDirectory}.");
    }
}

/// <summary>
/// The trial-design commands the tests send, each through Wolverine to its handler as a page or
/// the CLI sends it (a new command id per call unless a context is given).
/// </summary>
public sealed class DesignCommands(TrialOpsRuntime runtime)
{
    public Task<ProtocolImportOutcome> ImportProtocolAsync(byte[] file, Actor by, CancellationToken ct) =>
        ImportProtocolAsync(file, CommandContext.New(by), ct);

    public Task<ProtocolImportOutcome> ImportProtocolAsync(byte[] file, CommandContext context, CancellationToken ct) =>
        runtime.Bus.SendCommandAsync<ImportProtocolFile, ProtocolImportOutcome>(context, new ImportProtocolFile(file), ct);

    public Task<CommandResult> GenerateMissingRandomizationListsAsync(string code, Actor by, CancellationToken ct) =>
        runtime.SendAsync(CommandContext.New(by), new GenerateMissingRandomizationLists(ProtocolCode.ParseOrDefault(code)), ct);

    public Task<CommandResult> ExtendRandomizationListAsync(string code, string stratum, int additional, Actor by, string reason, CancellationToken ct) =>
        runtime.SendAsync(CommandContext.New(by), new ExtendStratumList(ProtocolCode.ParseOrDefault(code), stratum, additional, reason), ct);

    /// <summary>The password of the accounts these helpers create to sign with (ADR 0023: a signature is checked against a real account).</summary>
    public const string SignerPassword = "Signing-passw0rd-for-tests!";

    /// <summary>A signature by <paramref name="by"/> with the right password (creating the account on first use), or none.</summary>
    private async Task<TrialOps.Signatures.SignatureRequest?> SignAsync(bool signed, Actor by, CancellationToken ct)
    {
        if (!signed)
        {
            return null;
        }

        var created = await new TrialOps.Identity.IdentityService(runtime).CreateUserAsync(
            CommandContext.New(Actor.System), new TrialOps.Identity.NewUser(by.UserId, $"Test {by.Role}", by.Role, TrialOps.Identity.SiteGrants.RolesThatMayHaveAllSites.Contains(by.Role) ? ["*"] : by == TrialDesignSupport.TrialWideInvestigator ? ["S01", "S02"] : ["S01"], SignerPassword), ct);
        Assert.True(created.Accepted || created.Rejection?.Code == TrialOps.Identity.IdentityRejections.UserExists, created.Rejection?.Message);
        return new TrialOps.Signatures.SignatureRequest(by.UserId, SignerPassword);
    }

    /// <summary>Every pre-lock category confirmed: these tests lock trials with participants in treatment on purpose.</summary>
    public static IReadOnlyDictionary<string, string> ConfirmAll { get; } =
        PreLockCategories.All.ToDictionary(c => c, _ => "Test trial: locked with open items on purpose");

    public async Task<CommandResult> BreakBlindAsync(string code, string participantId, string reason, bool signatureVerified, Actor by, CancellationToken ct) =>
        await runtime.SendAsync(CommandContext.New(by), new BreakParticipantBlind(ProtocolCode.ParseOrDefault(code), participantId, reason, await SignAsync(signatureVerified, by, ct)), ct);

    public async Task<CommandResult> LockTrialAsync(string code, bool signatureVerified, Actor by, CancellationToken ct) =>
        await runtime.SendAsync(CommandContext.New(by), new LockTrial(ProtocolCode.ParseOrDefault(code), await SignAsync(signatureVerified, by, ct), by, ConfirmAll), ct);

    public async Task<CommandResult> UnlockTrialAsync(string code, string reason, bool signatureVerified, Actor by, CancellationToken ct) =>
        await runtime.SendAsync(CommandContext.New(by), new UnlockTrial(ProtocolCode.ParseOrDefault(code), reason, await SignAsync(signatureVerified, by, ct), by), ct);

    public async Task<CommandResult> UnblindTrialAsync(string code, bool signatureVerified, Actor by, CancellationToken ct) =>
        await runtime.SendAsync(CommandContext.New(by), new UnblindTrial(ProtocolCode.ParseOrDefault(code), await SignAsync(signatureVerified, by, ct), by), ct);
}
