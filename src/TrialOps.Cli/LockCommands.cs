using System.CommandLine;
using TrialOps.Blinding;
using TrialOps.Identity;
using TrialOps.Messaging;
using TrialOps.Protocols;
using TrialOps.Runtime;
using TrialOps.Signatures;

namespace TrialOps.Cli;

/// <summary>
/// <c>trialops lock|unlock|unblind --trial CODE --user NAME --password-stdin</c>: database lock,
/// lifting it, and trial unblinding, each signed electronically by a named person (Part 11
/// §11.200: the password, and the authenticator code as a second line where the account has a
/// second factor, are re-entered for the signing and checked by the command's handler, ADR 0023;
/// a wrong one counts towards that account's lock-out). The action is recorded as that person in
/// their role, not as the operating-system user; the deciders say who may do what (lock and unlock:
/// Coordinator or Investigator; unblind: Statistician, only after lock). <c>lock</c> prints the
/// pre-lock checklist and needs <c>--confirm CATEGORY=REASON</c> for each category that is not empty.
/// </summary>
public static class LockCommands
{
    public static void Add(RootCommand root)
    {
        root.Subcommands.Add(Create(
            "lock",
            "Lock the trial database: from now on no clinical data can change. Signed by a Coordinator or an Investigator.",
            withReason: false,
            (code, actor, _, signature, confirmations) => new LockTrial(code, signature, actor, confirmations),
            (code, actor) => $"Locked the database of {code}, signed by {actor.UserId} ({actor.Role})."));
        root.Subcommands.Add(Create(
            "unlock",
            "Lift the database lock for a stated reason (for example a late query). Signed by a Coordinator or an Investigator. Does not make anyone blind again.",
            withReason: true,
            (code, actor, reason, signature, _) => new UnlockTrial(code, reason!, signature, actor),
            (code, actor) => $"Lifted the database lock of {code}, signed by {actor.UserId} ({actor.Role})."));
        root.Subcommands.Add(Create(
            "unblind",
            "Unblind the whole trial for analysis, after database lock. Signed by a Statistician; irreversible.",
            withReason: false,
            (code, actor, _, signature, _) => new UnblindTrial(code, signature, actor),
            (code, actor) => $"Unblinded trial {code}, signed by {actor.UserId} ({actor.Role}). Unblinded exports are now possible: trialops export --unblinded."));
    }

    private static Command Create(
        string name,
        string description,
        bool withReason,
        Func<ProtocolCode, Actor, string?, SignatureRequest, IReadOnlyDictionary<string, string>, object> command,
        Func<string, Actor, string> done)
    {
        var trial = new Option<string>("--trial") { Description = "The protocol code, e.g. KET-NP-01.", Required = true };
        var user = new Option<string>("--user") { Description = "The user who signs (their sign-in name).", Required = true };
        var passwordStdin = new Option<bool>("--password-stdin") { Description = "Read the signer's password from standard input (required: passwords never go on the command line)." };
        var reason = new Option<string>("--reason") { Description = "Why the lock is lifted (recorded with the event).", Required = true };
        var confirm = new Option<string[]>("--confirm")
        {
            Description = $"For the lock: CATEGORY=REASON for each category of the pre-lock checklist that is not empty ({string.Join(", ", PreLockCategories.All)}); repeat the option.",
            AllowMultipleArgumentsPerToken = false,
        };
        var cli = new Command(name, description) { trial, user, passwordStdin };
        if (withReason)
        {
            cli.Options.Add(reason);
        }

        var isLock = name == "lock";
        if (isLock)
        {
            cli.Options.Add(confirm);
        }

        cli.SetAction(Cli.WithRuntime(async (runtime, parse, ct) =>
        {
            if (!parse.GetValue(passwordStdin))
            {
                throw new CliException("pass --password-stdin and give the password on standard input (never on the command line)");
            }

            var (password, secondFactor) = ReadCredentials();
            var confirmations = isLock ? ParseConfirmations(parse.GetValue(confirm) ?? []) : new Dictionary<string, string>();
            var reasonText = withReason ? parse.GetValue(reason)?.Trim() : null;
            if (withReason && string.IsNullOrEmpty(reasonText))
            {
                throw new CliException("give the reason for lifting the lock with --reason");
            }

            var code = parse.GetValue(trial)!.Trim();
            var signer = await SignerAsync(runtime, parse.GetValue(user)!, ct);
            if (isLock && ProtocolCode.TryParse(code, out var protocol) && await ReachesEverySiteAsync(runtime, signer, code, ct))
            {
                // The CLI has no running read-model loop: bring every read model up to what the
                // previous commands wrote, so the checklist (and the lock's own recount) reads the
                // data as they stand rather than listing the CLI's own lag as "read models behind".
                foreach (var projection in runtime.Projections.Names)
                {
                    await runtime.Projections.CatchUpAsync(projection, ct);
                }

                PrintChecklist(await new PreLockReview(runtime).ComputeAsync(protocol, ct), confirmations);
            }

            var signature = new SignatureRequest(signer.UserId, password, secondFactor);
            var result = await runtime.SendAsync(CommandContext.New(signer), command(ProtocolCode.ParseOrDefault(code), signer, reasonText, signature, confirmations), ct);
            if (!result.Accepted)
            {
                throw new CliException(Signing.CountsAsFailure(result.Rejection) || result.Rejection?.Code == IdentityRejections.SignatureRefused
                    ? $"signature refused for {signer.UserId}: {result.Rejection!.Message}"
                    : result.Rejection?.Message ?? $"{name} was refused");
            }

            Console.WriteLine(done(code, signer));
            return 0;
        }));
        return cli;
    }

    /// <summary>
    /// The signer as an actor in their current role. The signature itself is checked by the
    /// command's handler; an unknown or deactivated name gets the same answer as a wrong password,
    /// so the command does not tell which names exist.
    /// </summary>
    private static async Task<Actor> SignerAsync(TrialOpsRuntime runtime, string userName, CancellationToken ct)
    {
        var name = UserRules.NormalizeUserName(userName);
        if (await new IdentityService(runtime).Directory.FindAsync(name, ct) is not { Active: true } account)
        {
            throw new CliException($"signature refused for {name}: wrong password, or the account is unknown, deactivated or locked out");
        }

        return SiteGrants.WithSites(new Actor(account.UserName, account.Role), account.Sites);
    }

    /// <summary>
    /// Whether the signer's account reaches every site of the trial (or the trial is unknown, for
    /// the command to refuse). The pre-lock checklist counts every site's open items, so it is
    /// printed only to someone who may lock; the lock itself then refuses the others, naming the
    /// sites they lack (ADR 0010), as the status page and the API do.
    /// </summary>
    private static async Task<bool> ReachesEverySiteAsync(TrialOpsRuntime runtime, Actor signer, string code, CancellationToken ct) =>
        await new ProtocolHistory(runtime.Store).DefinitionAsync(code, ct) is not { } definition
        || TrialWideAccess.Covers(signer.Sites ?? SiteAccess.All, [.. definition.Sites.Select(s => s.Code)]);

    /// <summary><c>CATEGORY=REASON</c> pairs of <c>--confirm</c>.</summary>
    private static Dictionary<string, string> ParseConfirmations(IEnumerable<string> values)
    {
        var confirmations = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var value in values)
        {
            var split = value.IndexOf('=');
            var category = split > 0 ? value[..split].Trim() : string.Empty;
            if (!PreLockCategories.All.Contains(category) || value[(split + 1)..].Trim().Length == 0)
            {
                throw new CliException($"--confirm takes CATEGORY=REASON with a category of {string.Join(", ", PreLockCategories.All)} and a reason; got '{value}'");
            }

            confirmations[category] = value[(split + 1)..].Trim();
        }

        return confirmations;
    }

    private static void PrintChecklist(PreLockChecklist checklist, IReadOnlyDictionary<string, string> confirmations)
    {
        Console.WriteLine("Pre-lock checklist:");
        foreach (var item in checklist.Items)
        {
            var confirmed = confirmations.TryGetValue(item.Category, out var why) && item.Count > 0 ? $" — confirmed: {why}" : item.Count > 0 ? " — needs --confirm" : string.Empty;
            Console.WriteLine($"  {item.Category,-27} {item.Count,6}  {item.Label}{confirmed}");
        }
    }

    /// <summary>The password (first line of standard input) and, where the account has a second factor, the authenticator code (second line).</summary>
    private static (string Password, string? Code) ReadCredentials()
    {
        var line = Console.In.ReadLine();
        if (string.IsNullOrEmpty(line))
        {
            throw new CliException("no password on standard input");
        }

        var code = Console.In.ReadLine()?.Trim();
        return (line.TrimEnd('\r', '\n'), string.IsNullOrEmpty(code) ? null : code);
    }
}
