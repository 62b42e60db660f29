using Npgsql;
using TrialOps.EventStore;

namespace TrialOps.Meddra;

/// <summary>An LLT coded up MedDRA's primary SOC path: LLT → PT → HLT → HLGT → SOC.</summary>
public sealed record MeddraCode(
    int LltCode,
    string LltName,
    int PtCode,
    string PtName,
    int HltCode,
    string HltName,
    int HlgtCode,
    string HlgtName,
    int SocCode,
    string SocName);

/// <summary>The MedDRA version an export codes with, and the codes of the LLTs it needs.</summary>
public sealed record MeddraDictionary(string Version, string Language, IReadOnlyDictionary<int, MeddraCode> ByLltCode)
{
    /// <summary>The LLT's primary path, or null when this version has no such LLT.</summary>
    public MeddraCode? Code(int lltCode) => ByLltCode.GetValueOrDefault(lltCode);
}

/// <summary>
/// Adverse events are coded when an export is derived, not by a person: each AE carries the MedDRA
/// LLT code of its CTCAE v5.0 term (NCI publishes CTCAE terms as MedDRA LLTs), and the path above
/// it is MedDRA's own primary SOC path, so coding is a lookup without judgement. What makes it
/// attributable and reproducible is the version: the newest one imported
/// (<see cref="MeddraDictionaryImported"/>) at the export's position, or, for a trial locked at that
/// position, at the lock, so that a database lock freezes the coding as it freezes the data. The
/// same position therefore always gives the same codes, and a later version never changes an
/// export already made (or its verification).
/// </summary>
public static class MeddraCoding
{
    /// <summary>The import in force at <paramref name="position"/>, or null when no MedDRA version was imported by then.</summary>
    public static async Task<MeddraDictionaryImported?> InForceAsync(EventStore.EventStore store, long position, CancellationToken ct)
    {
        var events = await store.ReadStreamAsync(MeddraStreams.Dictionaries, position, ct);
        return MeddraDictionaryState.From(events.Select(e => e.Data)).Current;
    }

    /// <summary>Loads the primary paths of <paramref name="lltCodes"/> in <paramref name="version"/> (codes the version lacks are left out).</summary>
    public static async Task<MeddraDictionary> LoadAsync(NpgsqlDataSource db, MeddraDictionaryImported version, IEnumerable<int> lltCodes, CancellationToken ct)
    {
        await using var command = db.CreateCommand(
            """
            SELECT l.llt_code, l.llt_name, p.pt_code, p.pt_name, h.hlt_code, t.hlt_name, h.hlgt_code, g.hlgt_name, h.soc_code, s.soc_name
            FROM meddra_llt l
            JOIN meddra_pt p ON p.version = l.version AND p.pt_code = l.pt_code
            JOIN meddra_hierarchy h ON h.version = l.version AND h.pt_code = l.pt_code AND h.primary_soc
            JOIN meddra_hlt t ON t.version = l.version AND t.hlt_code = h.hlt_code
            JOIN meddra_hlgt g ON g.version = l.version AND g.hlgt_code = h.hlgt_code
            JOIN meddra_soc s ON s.version = l.version AND s.soc_code = h.soc_code
            WHERE l.version = $1 AND l.llt_code = ANY($2)
            """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = version.Version });
        command.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = lltCodes.Distinct().ToArray() });
        var codes = new Dictionary<int, MeddraCode>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var code = new MeddraCode(
                reader.GetInt32(0), reader.GetString(1), reader.GetInt32(2), reader.GetString(3), reader.GetInt32(4),
                reader.GetString(5), reader.GetInt32(6), reader.GetString(7), reader.GetInt32(8), reader.GetString(9));
            codes[code.LltCode] = code;
        }

        return new MeddraDictionary(version.Version, version.Language, codes);
    }
}
