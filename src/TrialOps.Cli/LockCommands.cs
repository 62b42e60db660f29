using System.CommandLine;
using TrialOps.Blinding;
using TrialOps.Identity;
using TrialOps.Messaging;
using TrialOps.Protocols;
using TrialOps.Runtime;

namespace TrialOps.Cli;

/// <summary>
/// <c>trialops lock|unlock|unblind --trial CODE --user NAME --password-stdin</c>: database lock,
/// lifting it, and trial unblinding, each signed electronically by a named person (Part 11
/// §11.200: the password is re-entered for the signing and verified by the identity service; a
/// wrong one counts towards that account's lock-out). The action is recorded as that person in
/// their role, not as the operating-system user; the deciders say who may do what (lock and unlock:
/// Coordinator or Investigator; unblind: Statistician, only after lock).
/// </summary>
public static class LockCommands
{
    public static void Add(RootCommand root)
    {
        root.Subcommands.Add(Create(
            "lock",
            "Lock the trial database: from now on no clinical data can change. Signed by a Coordinator or an Investigator.",
            withReason: false,
            (code, actor, _) => new LockTrial(code, SignatureVerified: true, actor),
            (code, actor) => $"Locked the database of {code}, signed by {actor.UserId} ({actor.Role})."));
        root.Subcommands.Add(Create(
            "unlock",
            "Lift the database lock for a stated reason (for example a late query). Signed by a Coordinator or an Investigator. Does not make anyone blind again.",
            withReason: true,
            (code, actor, reason) => new UnlockTrial(code, reason!, SignatureVerified: true, actor),
            (code, actor) => $"Lifted the database lock of {code}, signed by {actor.UserId} ({actor.Role})."));
        root.Subcommands.Add(Create(
            "unblind",
            "Unblind the whole trial for analysis, after database lock. Signed by a Statistician; irreversible.",
            withReason: false,
            (code, actor, _) => new UnblindTrial(code, SignatureVerified: true, actor),
            (code, actor) => $"Unblinded trial {code}, signed by {actor.UserId} ({actor.Role}). Unblinded exports are now possible: trialops export --unblinded."));
    }

    private static Command Create(
        string name,
        string description,
        bool withReason,
        Func<ProtocolCode, Actor, string?, object> command,
        Func<string, Actor, string> done)
    {
        var trial = new Option<string>("--trial") { Description = "The protocol code, e.g. KET-NP-01.", Required = true };
        var user = new Option<string>("--user") { Description = "The user who signs (their sign-in name).", Required = true };
        var passwordStdin = new Option<bool>("--password-stdin") { Description = "Read the signer's password from standard input (required: passwords never go on the command line)." };
        var reason = new Option<string>("--reason") { Description = "Why the lock is lifted (recorded with the event).", Required = true };
        var cli = new Command(name, description) { trial, user, passwordStdin };
        if (withReason)
        {
            cli.Options.Add(reason);
        }

        cli.SetAction(Cli.WithRuntime(async (runtime, parse, ct) =>
        {
            if (!parse.GetValue(passwordStdin))
            {
                throw new CliException("pass --password-stdin and give the password on standard input (never on the command line)");
            }

            var password = ReadPassword();
            var reasonText = withReason ? parse.GetValue(reason)?.Trim() : null;
            if (withReason && string.IsNullOrEmpty(reasonText))
            {
                throw new CliException("give the reason for lifting the lock with --reason");
            }

            var code = parse.GetValue(trial)!.Trim();
            var signer = await SignAsync(runtime, parse.GetValue(user)!, password, ct);
            var result = await runtime.SendAsync(CommandContext.New(signer), command(ProtocolCode.ParseOrDefault(code), signer, reasonText), ct);
            if (!result.Accepted)
            {
                throw new CliException(result.Rejection?.Message ?? $"{name} was refused");
            }

            Console.WriteLine(done(code, signer));
            return 0;
        }));
        return cli;
    }

    /// <summary>Verifies the electronic signature and returns the signer as an actor in their current role.</summary>
    private static async Task<Actor> SignAsync(TrialOpsRuntime runtime, string userName, string password, CancellationToken ct)
    {
        var identity = new IdentityService(runtime);
        var name = UserRules.NormalizeUserName(userName);

        // One message for a wrong password and for an account that cannot sign: it does not tell which names exist.
        if (!await identity.VerifySignatureAsync(name, password, ct) || await identity.Directory.FindAsync(name, ct) is not { Active: true } account)
        {
            throw new CliException($"signature refused for {name}: wrong password, or the account is unknown, deactivated or locked out");
        }

        return SiteGrants.WithSites(new Actor(account.UserName, account.Role), account.Sites);
    }

    /// <summary>The first line of standard input, without its line ending.</summary>
    private static string ReadPassword()
    {
        var line = Console.In.ReadLine();
        if (string.IsNullOrEmpty(line))
        {
            throw new CliException("no password on standard input");
        }

        return line.TrimEnd('\r', '\n');
    }
}
