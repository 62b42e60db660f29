namespace TrialOps.Cdisc;

/// <summary>
/// A variable as stored in an XPORT file's NAMESTR record: its 1-based <paramref name="Number"/>,
/// its byte <paramref name="Position"/> within the observation, and the display and input formats.
/// </summary>
public sealed record XptVariableInfo(
    int Number,
    string Name,
    string Label,
    XptType Type,
    int Length,
    int Position,
    string? Format,
    string? Informat)
{
    /// <summary>The variable as the writer takes it, to re-write a dataset that was read.</summary>
    public XptVariable ToVariable() => new(Name, Label, Type, Length, Format);
}
