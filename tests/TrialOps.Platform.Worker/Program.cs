// A stand-alone TrialOps node for crash tests: the platform tests start it, kill it and start
// another, then check that a scheduled message took effect exactly once.
//   worker CONNECTION                      a node that handles due messages
//   worker CONNECTION schedule CODE SECS   also schedules a sponsor notification for CODE in SECS seconds
//   worker CONNECTION project              also hosts the read models (Wolverine assigns their agents to it,
//                                          as to the web app) and runs the ledger
using System.Globalization;
using TrialOps.Blinding;
using TrialOps.Messaging;
using TrialOps.Protocols;
using TrialOps.Runtime;

var connectionString = args[0];
await using var runtime = await TrialOpsRuntime.StartAsync(connectionString, Console.WriteLine, messaging: new MessagingOptions
{
    ScheduledPolling = TimeSpan.FromMilliseconds(250),
    StaleNodeTimeout = TimeSpan.FromSeconds(6),
    HostReadModels = args.Length > 1 && args[1] == "project",
});

if (args.Length > 3 && args[1] == "schedule")
{
    var code = ProtocolCode.Parse(args[2]);
    var seconds = int.Parse(args[3], CultureInfo.InvariantCulture);
    var result = await runtime.Executor.ExecuteAsync(CommandContext.New(Actor.System), [], (_, now) => Decision.None.Send(new OutgoingMessage(
        SponsorUnblindingNotification.MessageType,
        new SponsorUnblindingNotification(code, "ALL", "S01-001", "u-investigator", now, "crash test", [1, 2]),
        now.AddSeconds(seconds))));
    Console.WriteLine(result.Accepted ? "scheduled" : $"refused: {result.Rejection?.Message}");
}

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
var projections = args.Length > 1 && args[1] == "project" ? runtime.Projections.RunAsync(stop.Token) : Task.CompletedTask;
Console.WriteLine($"wolverine node {runtime.NodeId}");
Console.WriteLine("worker ready");
try
{
    await Task.Delay(Timeout.Infinite, stop.Token);
    await projections;
}
catch (OperationCanceledException)
{
}
