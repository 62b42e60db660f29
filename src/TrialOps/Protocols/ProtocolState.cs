using TrialOps.Blinding;

namespace TrialOps.Protocols;

public static class ProtocolStreams
{
    public static string For(ProtocolCode code) => $"protocol-{code}";
}

/// <summary>
/// What protocol decisions need from a <c>protocol-&lt;CODE&gt;</c> stream: the version in force,
/// and whether the trial is locked or unblinded.
/// </summary>
/// <param name="Version">0 before the first import.</param>
public sealed record ProtocolState(
    ProtocolCode? Code,
    int Version,
    string? DefinitionJson,
    string? FileSha256,
    bool Locked,
    bool Unblinded)
{
    public static ProtocolState Initial { get; } = new(null, 0, null, null, false, false);

    public bool Exists => Version > 0;

    public static ProtocolState From(IEnumerable<object> events) => events.Aggregate(Initial, (state, e) => state.Apply(e));

    public ProtocolState Apply(object @event) => @event switch
    {
        ProtocolImported e => this with { Code = e.Code, Version = e.Version, DefinitionJson = e.DefinitionJson, FileSha256 = e.FileSha256 },
        ProtocolAmended e => this with { Version = e.Version, DefinitionJson = e.DefinitionJson, FileSha256 = e.FileSha256 },
        TrialLocked => this with { Locked = true },
        TrialUnlocked => this with { Locked = false },
        TrialUnblinded => this with { Unblinded = true },
        _ => this,
    };
}
