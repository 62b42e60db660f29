using System.Text;

namespace TrialOps.Cdisc;

/// <summary>
/// One variable (column) of an XPORT dataset. <paramref name="Length"/> is in bytes: 8 for numerics,
/// 1–200 for character variables. <paramref name="Format"/> is a SAS format such as <c>DATE9.</c>,
/// <c>8.2</c> or <c>$CHAR20.</c> (name, optional width, period, optional decimals), or null.
/// The writer validates names, labels and lengths; this record only carries them.
/// </summary>
public sealed record XptVariable(string Name, string Label, XptType Type, int Length, string? Format = null)
{
    /// <summary>
    /// The character length needed to hold every value: the longest value in bytes of
    /// <paramref name="encoding"/> (default strict ASCII, as the writer uses), and at least 1.
    /// Exports that know their widths up front should pass them instead; this is for small or
    /// already materialized data.
    /// </summary>
    public static int WidthFor(IEnumerable<string?> values, Encoding? encoding = null)
    {
        ArgumentNullException.ThrowIfNull(values);
        var effective = encoding ?? XptText.StrictAscii;
        int width = 1;
        foreach (var value in values)
        {
            if (!string.IsNullOrEmpty(value))
            {
                width = Math.Max(width, effective.GetByteCount(value));
            }
        }

        return width;
    }
}
