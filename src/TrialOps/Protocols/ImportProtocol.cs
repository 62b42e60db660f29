using TrialOps.Common;
using TrialOps.Messaging;

namespace TrialOps.Protocols;

/// <summary>
/// Import a protocol file: the first version of a code sets the trial up, a higher version
/// amends it. Built with <see cref="FromFile"/>, which applies the file format's rules; the
/// decision applies the rules that depend on what was imported before.
/// </summary>
/// <param name="Definition">The validated definition.</param>
/// <param name="DefinitionJson">The file's text verbatim.</param>
/// <param name="FileSha256">SHA-256 of the file's bytes as uploaded.</param>
/// <param name="By">Coordinator or Administrator.</param>
public sealed record ImportProtocol(ProtocolDefinition Definition, string DefinitionJson, string FileSha256, Actor By)
{
    public string StreamId => ProtocolStreams.For(Definition.Code);

    /// <summary>Validates an uploaded file; returns the command, or the parse result holding every problem.</summary>
    public static (ImportProtocol? Command, ProtocolParseResult Parse) FromFile(ReadOnlySpan<byte> fileContent, Actor by)
    {
        if (!ProtocolFile.TryReadText(fileContent, out var text))
        {
            return (null, ProtocolFile.Parse(fileContent));
        }

        var parse = ProtocolFile.Parse(text);
        return parse.IsValid
            ? (new ImportProtocol(parse.Definition, text, ProtocolFile.Sha256(fileContent), by), parse)
            : (null, parse);
    }

    /// <summary>The rejection code for a file whose code, version and SHA-256 are already recorded.</summary>
    public const string AlreadyImported = "protocol.already-imported";

    public static Decision Decide(ProtocolState state, ImportProtocol command, DateTimeOffset now)
    {
        if (command.By.Role is not (Roles.Coordinator or Roles.Administrator))
        {
            return Decision.Reject(RejectionCodes.NotPermitted, "Only a Coordinator or an Administrator can import a protocol.");
        }

        var code = command.Definition.Code;
        var version = command.Definition.Version;
        if (!state.Exists)
        {
            return Decision.Append(
                command.StreamId,
                new ProtocolImported(code, command.By.UserId, now, version, command.DefinitionJson, command.FileSha256));
        }

        if (version == state.Version && command.FileSha256 == state.FileSha256)
        {
            return Decision.Reject(
                AlreadyImported,
                $"Protocol {code} version {version} is already imported from this very file (SHA-256 {command.FileSha256}).");
        }

        if (version <= state.Version)
        {
            return Decision.Reject(
                "protocol.version-not-higher",
                $"Protocol {code} is already at version {state.Version}: an amendment needs version {state.Version + 1} or higher, the file has version {version}.",
                "version");
        }

        if (state.Locked)
        {
            return Decision.Reject("protocol.trial-locked", $"The database of {code} is locked: the protocol cannot be amended.");
        }

        if (ChangesRandomization(state, command.Definition))
        {
            return Decision.Reject(
                "protocol.randomization-changed",
                $"An amendment of {code} cannot change the treatment sequences, the number of periods or the stratification: the randomization lists already generated allocate by sequence number and stratum. A different design needs a new protocol code.",
                "sequences");
        }

        return Decision.Append(
            command.StreamId,
            new ProtocolAmended(code, command.By.UserId, now, version, state.Version, command.DefinitionJson, command.FileSha256));
    }

    /// <summary>
    /// Lists hold sequence numbers per stratum, so an amendment that renumbers or reorders the
    /// sequences, changes their length, or changes the strata would silently change what every
    /// existing allocation means. Labels, doses, sites added and everything else may change.
    /// </summary>
    private static bool ChangesRandomization(ProtocolState state, ProtocolDefinition amended)
    {
        if (state.DefinitionJson is null || ProtocolFile.Parse(state.DefinitionJson).Definition is not { } current)
        {
            return false;
        }

        var sameSequences = current.Sequences.Count == amended.Sequences.Count
            && current.Sequences.Zip(amended.Sequences).All(pair => pair.First.TreatmentCodes.SequenceEqual(pair.Second.TreatmentCodes, StringComparer.Ordinal));
        var sameStratification = current.Randomization.StratifyBy.Order(StringComparer.Ordinal)
            .SequenceEqual(amended.Randomization.StratifyBy.Order(StringComparer.Ordinal), StringComparer.Ordinal);
        return !sameSequences || !sameStratification;
    }
}
