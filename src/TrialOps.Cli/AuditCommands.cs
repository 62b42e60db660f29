using System.CommandLine;
using System.Globalization;
using TrialOps.Audit;
using TrialOps.Common;
using TrialOps.Messaging;
using TrialOps.Protocols;

namespace TrialOps.Cli;

/// <summary>
/// <c>trialops audit PROTOCOL</c>: the trial's audit trail, newest first, as the web page and the
/// API show it to a viewer in the role given (the same domain code: <see cref="TrialAuditTrail"/>
/// decides what the role may see).
/// </summary>
public static class AuditCommands
{
    public static void Add(RootCommand root)
    {
        var protocol = new Argument<string>("PROTOCOL") { Description = "The protocol code, e.g. KET-NP-01." };
        var page = new Option<int>("--page") { Description = "Page, counting from 1.", DefaultValueFactory = _ => 1 };
        var pageSize = new Option<int>("--page-size") { Description = $"Entries per page (1 to {TrialAuditTrail.MaxPageSize}).", DefaultValueFactory = _ => 100 };
        var role = new Option<string>("--as")
        {
            Description = "The role whose view to print (default Monitor). Blinded roles never see the randomization-list events; the Pharmacist, and the Statistician after unblinding, do.",
            DefaultValueFactory = _ => Roles.Monitor,
        };
        var by = new Option<string?>("--by") { Description = "Only events recorded by this user id." };
        var type = new Option<string?>("--type") { Description = "Only events of this type, e.g. assessment.scale-recorded.v1." };
        var from = new Option<string?>("--from") { Description = "Only events recorded on or after this UTC day (YYYY-MM-DD)." };
        var to = new Option<string?>("--to") { Description = "Only events recorded on or before this UTC day (YYYY-MM-DD)." };
        var record = new Option<string?>("--record") { Description = "Only the events of this participant (subject number), or 'trial' for the trial's own." };
        var audit = new Command("audit", "The trial's audit trail, newest first: who, when (server time), what, why.") { protocol, page, pageSize, role, by, type, from, to, record };
        audit.SetAction(Cli.WithRuntime(async (runtime, parse, ct) =>
        {
            var code = parse.GetValue(protocol)!;
            var viewerRole = parse.GetValue(role)!;
            if (!Roles.All.Contains(viewerRole, StringComparer.Ordinal))
            {
                throw new CliException($"--as must be one of {string.Join(", ", Roles.All)}");
            }

            if (parse.GetValue(page) < 1 || parse.GetValue(pageSize) is < 1 or > TrialAuditTrail.MaxPageSize)
            {
                throw new CliException($"--page counts from 1 and --page-size is 1 to {TrialAuditTrail.MaxPageSize}");
            }

            if (!ProtocolCode.TryParse(code, out var protocolCode) || (await new ProtocolHistory(runtime.Store).VersionsAsync(code, ct)).Count == 0)
            {
                throw new CliException($"there is no protocol {code}");
            }

            var filter = AuditFilter.Parse(parse.GetValue(by), parse.GetValue(type), parse.GetValue(from), parse.GetValue(to), parse.GetValue(record), out var problem);
            if (problem is not null)
            {
                throw new CliException($"--{problem}");
            }

            var viewer = new Actor($"cli:{Environment.UserName}", viewerRole, SiteAccess.All);
            var trail = await new TrialAuditTrail(runtime).ForTrialAsync(protocolCode, viewer, filter, parse.GetValue(page), parse.GetValue(pageSize), ct);
            foreach (var entry in trail.Entries)
            {
                Console.WriteLine(string.Join('\t',
                    entry.Position.ToString(CultureInfo.InvariantCulture),
                    entry.RecordedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                    $"{entry.RecordedBy} ({entry.Role})",
                    entry.Record ?? "-",
                    entry.Summary + (entry.Reason is { } reason && !entry.Summary.Contains(reason, StringComparison.Ordinal) ? $" [reason: {reason}]" : string.Empty)));
            }

            Console.Error.WriteLine($"Page {trail.Page} of {Math.Max(1, trail.PageCount)} ({trail.Total} entries).");
            return 0;
        }));
        root.Subcommands.Add(audit);
    }
}
