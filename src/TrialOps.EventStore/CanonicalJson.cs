using System.Globalization;
using System.Text;
using System.Text.Json;

namespace TrialOps.EventStore;

/// <summary>
/// One text for one JSON value, whoever wrote it. Marten stores event data as <c>jsonb</c>, which
/// keeps the value but not the text (it reorders keys, re-escapes strings and rewrites numbers), so
/// the hash chain covers this canonical form: computed from the serializer's output when appending
/// and from <c>data::text</c> when verifying, both give the same string for the same value.
/// Rules: object members sorted by ordinal key; strings with only <c>"</c>, <c>\</c> and control
/// characters escaped; numbers as plain decimals without exponent, leading or trailing zeros.
/// </summary>
public static class CanonicalJson
{
    public static string Canonicalize(string json)
    {
        using var document = JsonDocument.Parse(json);
        var builder = new StringBuilder(json.Length);
        Write(document.RootElement, builder);
        return builder.ToString();
    }

    private static void Write(JsonElement element, StringBuilder builder)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                builder.Append('{');
                var first = true;
                foreach (var property in element.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    if (!first)
                    {
                        builder.Append(',');
                    }

                    first = false;
                    WriteString(property.Name, builder);
                    builder.Append(':');
                    Write(property.Value, builder);
                }

                builder.Append('}');
                break;
            case JsonValueKind.Array:
                builder.Append('[');
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (index++ > 0)
                    {
                        builder.Append(',');
                    }

                    Write(item, builder);
                }

                builder.Append(']');
                break;
            case JsonValueKind.String:
                WriteString(element.GetString()!, builder);
                break;
            case JsonValueKind.Number:
                builder.Append(NormalizeNumber(element.GetRawText()));
                break;
            case JsonValueKind.True:
                builder.Append("true");
                break;
            case JsonValueKind.False:
                builder.Append("false");
                break;
            default:
                builder.Append("null");
                break;
        }
    }

    private static void WriteString(string value, StringBuilder builder)
    {
        builder.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"':
                    builder.Append("\\\"");
                    break;
                case '\\':
                    builder.Append("\\\\");
                    break;
                case < ' ':
                    builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    break;
                default:
                    builder.Append(c);
                    break;
            }
        }

        builder.Append('"');
    }

    /// <summary>
    /// A JSON number literal as a plain decimal: <c>1E+20</c>, <c>1.50</c>, <c>-0</c> and <c>0.1e1</c>
    /// become <c>100000000000000000000</c>, <c>1.5</c>, <c>0</c> and <c>1</c>. Exact: digits are
    /// moved, never converted through a binary floating-point value.
    /// </summary>
    public static string NormalizeNumber(string literal)
    {
        var negative = literal.StartsWith('-');
        var body = negative ? literal[1..] : literal;
        var exponentAt = body.IndexOfAny(['e', 'E']);
        var exponent = 0;
        if (exponentAt >= 0)
        {
            exponent = int.Parse(body[(exponentAt + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            body = body[..exponentAt];
        }

        var point = body.IndexOf('.');
        var digits = point >= 0 ? string.Concat(body.AsSpan(0, point), body.AsSpan(point + 1)) : body;
        var pointPosition = (point >= 0 ? point : body.Length) + exponent;

        var leading = 0;
        while (leading < digits.Length - 1 && digits[leading] == '0')
        {
            leading++;
        }

        digits = digits[leading..];
        pointPosition -= leading;
        digits = digits.TrimEnd('0');
        if (digits.Length == 0)
        {
            return "0";
        }

        string text;
        if (pointPosition <= 0)
        {
            text = "0." + new string('0', -pointPosition) + digits;
        }
        else if (pointPosition >= digits.Length)
        {
            text = digits + new string('0', pointPosition - digits.Length);
        }
        else
        {
            text = string.Concat(digits.AsSpan(0, pointPosition), ".", digits.AsSpan(pointPosition));
        }

        return negative ? "-" + text : text;
    }
}
