using TrialOps.Messaging;
using TrialOps.Protocols;
using Wolverine;

namespace TrialOps.Exports;

/// <summary>
/// Record that an export was produced (<see cref="ExportProduced"/> on <c>exports-&lt;CODE&gt;</c>).
/// <see cref="TrialExporter"/> sends it after the files are complete; the decision checks the
/// export policy again against the trial as it is now, so nothing unpermitted is ever recorded as
/// exported.
/// </summary>
public sealed record RecordExport(ProtocolCode Protocol, ExportManifest Manifest, string ManifestSha256, Actor By)
{
    public string StreamId => ExportStreams.For(Protocol);

    public static Decision Decide(ProtocolState trial, RecordExport command, DateTimeOffset now)
    {
        if (ExportPolicy.Check(command.By, command.Manifest.Blinded, trial) is { } refused)
        {
            return Decision.Reject(refused);
        }

        var manifest = command.Manifest;
        return Decision.Append(
            command.StreamId,
            new ExportProduced(
                command.Protocol,
                command.By.UserId,
                now,
                manifest.Blinded,
                manifest.AsOfPosition,
                manifest.LedgerHash,
                manifest.ProtocolVersion,
                command.ManifestSha256,
                manifest.SoftwareVersion,
                manifest.Files));
    }
}

/// <summary>Wolverine handler of <see cref="RecordExport"/>: the export is recorded against the protocol's state (locked, unblinded) as it is now.</summary>
public static class RecordExportHandler
{
    public static Task<CommandResult> Handle(RecordExport command, Envelope envelope, ProtocolDecisions decisions, CancellationToken ct)
    {
        var protocolStream = ProtocolStreams.For(command.Protocol);
        return decisions.DecideAsync(
            CommandBus.ContextOf(envelope, command.By),
            [command.StreamId, protocolStream],
            (streams, now) => RecordExport.Decide(ProtocolState.From(streams.Data(protocolStream)), command, now),
            ct);
    }
}
