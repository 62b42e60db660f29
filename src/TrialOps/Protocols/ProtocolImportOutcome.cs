using TrialOps.Messaging;

namespace TrialOps.Protocols;

public enum ProtocolImportStatus
{
    /// <summary>The first version of the code was recorded.</summary>
    Imported,

    /// <summary>A higher version was recorded: a protocol amendment.</summary>
    Amended,

    /// <summary>The code, version and file SHA-256 were already recorded; no protocol event was written.</summary>
    AlreadyImported,

    /// <summary>The file breaks the format's rules (<see cref="ProtocolImportOutcome.Problems"/>); nothing was stored.</summary>
    Invalid,

    /// <summary>The file is valid but the import was refused (<see cref="ProtocolImportOutcome.Rejection"/>); nothing was stored.</summary>
    Rejected,
}

/// <summary>The result of importing a protocol file (<see cref="ImportProtocolFileHandler"/>).</summary>
/// <param name="Code">The protocol code of a valid file.</param>
/// <param name="Version">The version in the file.</param>
/// <param name="FileSha256">SHA-256 of the file's bytes (lowercase hex).</param>
/// <param name="Problems"><c>$.path: problem</c> lines of an invalid file.</param>
/// <param name="Rejection">Why a valid file was refused.</param>
/// <param name="GeneratedLists">Randomization lists generated with the import (counts only).</param>
/// <param name="StrataWithoutList">Strata still without a list (the importer was not a Coordinator); a Coordinator generates them.</param>
/// <param name="Command">The executor's result, when the command ran.</param>
public sealed record ProtocolImportOutcome(
    ProtocolImportStatus Status,
    string? Code,
    int? Version,
    string? FileSha256,
    IReadOnlyList<string> Problems,
    Rejection? Rejection,
    IReadOnlyList<StratumListSize> GeneratedLists,
    IReadOnlyList<string> StrataWithoutList,
    CommandResult? Command) : ICommandOutcome<ProtocolImportOutcome>
{
    /// <summary>The outcome of an import that kept meeting a concurrent writer (another import of the code).</summary>
    public static ProtocolImportOutcome Refused(CommandResult conflict) =>
        new(ProtocolImportStatus.Rejected, null, null, null, [], conflict.Rejection, [], [], conflict);

    public bool Succeeded => Status is ProtocolImportStatus.Imported or ProtocolImportStatus.Amended or ProtocolImportStatus.AlreadyImported;

    public static ProtocolImportOutcome Invalid(IReadOnlyList<string> problems) =>
        new(ProtocolImportStatus.Invalid, null, null, null, problems, null, [], [], null);

    /// <summary>One line for a person: what happened to the file.</summary>
    public string Summary => Status switch
    {
        ProtocolImportStatus.Imported => $"imported {Code} version {Version} (sha256 {FileSha256}){ListsText}",
        ProtocolImportStatus.Amended => $"amended {Code} to version {Version} (sha256 {FileSha256}){ListsText}",
        ProtocolImportStatus.AlreadyImported => $"already imported: {Code} version {Version} (sha256 {FileSha256}){ListsText}",
        ProtocolImportStatus.Invalid => $"invalid protocol file: {Problems.Count} problem(s)",
        _ => $"refused: {Rejection?.Message}",
    };

    private string ListsText =>
        (GeneratedLists.Count > 0 ? $"; randomization lists generated: {string.Join(", ", GeneratedLists.Select(l => $"{l.Stratum} ({l.Entries} entries)"))}" : "")
        + (StrataWithoutList.Count > 0 ? $"; strata without a list (a Coordinator generates them): {string.Join(", ", StrataWithoutList)}" : "");
}
