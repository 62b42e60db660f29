using System.CommandLine;
using TrialOps.Cli;

var root = new RootCommand("TrialOps: randomized, double-blind crossover trials on an event-sourced record.");
DbCommands.Add(root);
VerifyCommand.Add(root);
ProjectionCommands.Add(root);
MessageCommands.Add(root);
UserCommands.Add(root);
ProtocolCommands.Add(root);
DemoCommand.Add(root);
ParticipantCommands.Add(root);
AuditCommands.Add(root);
LockCommands.Add(root);
ExportCommands.Add(root);
AnalyzeCommands.Add(root);
MeddraCommands.Add(root);
CodegenCommands.Add(root);
return await Cli.InvokeAsync(root, args);
