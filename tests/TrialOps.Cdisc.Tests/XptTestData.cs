using System.Text;

namespace TrialOps.Cdisc.Tests;

internal static class XptTestData
{
    public static readonly DateTime Created = new(2025, 11, 21, 9, 5, 7);

    public static readonly string Long200 = string.Concat(Enumerable.Repeat("ABCDEFGHIJ", 20));

    public static XptDataset Mixed() => new(
        "MIXED",
        "Mixed types for round trips",
        [
            new XptVariable("ID", "Identifier", XptType.Character, 12),
            new XptVariable("VALUE", "A numeric value", XptType.Numeric, 8, "BEST12."),
            new XptVariable("TEXT200", "Text of exactly 200 bytes", XptType.Character, 200, "$200."),
            new XptVariable("ADT", "Analysis date", XptType.Numeric, 8, "DATE9."),
            new XptVariable("FLAG_1", "", XptType.Character, 1),
        ]);

    public static IReadOnlyList<object?[]> MixedRows() =>
    [
        ["S-001", 0.0, Long200, 23_000.0, "Y"],
        ["S-002", -1.5, "", -3.0, "N"],
        ["S-003", 0.1, "  leading blanks kept", null, null],
        ["S-004", 123456789.123, "quote \" and comma ,", 1e-78, "Y"],
        ["S-005", null, null, -7e75, ""],
        ["S-006", 1.0 / 3, "x", 9007199254740992.0, "Y"],
        ["S-007", -987654.321, "last", 42, "N"],
    ];

    public static byte[] Write(XptDataset dataset, IEnumerable<IReadOnlyList<object?>> rows, DateTime? created = null, Encoding? encoding = null)
    {
        using var output = new MemoryStream();
        var writer = XptWriter.Create(output, dataset, created ?? Created, encoding);
        foreach (var row in rows)
        {
            writer.WriteRow(row);
        }

        writer.Complete();
        return output.ToArray();
    }

    public static (XptReader Reader, List<object?[]> Rows) Read(byte[] file, Encoding? encoding = null)
    {
        var reader = XptReader.Open(new MemoryStream(file), encoding);
        var rows = reader.ReadRows().ToList();
        return (reader, rows);
    }
}
