using System.Buffers;
using System.Globalization;
using System.Runtime.InteropServices;
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

    /// <summary>
    /// The same canonical form as <see cref="Canonicalize"/>, from and to UTF-8 (the bulk import
    /// hashes these bytes and stores them as they are, without a string in between). Returns the
    /// canonical text's length in UTF-16 code units, the length the hash chain prefixes it with.
    /// </summary>
    public static int CanonicalizeUtf8(ReadOnlyMemory<byte> json, ArrayBufferWriter<byte> output)
    {
        using var document = JsonDocument.Parse(json);
        var start = output.WrittenCount;
        WriteUtf8(document.RootElement, output);
        return Encoding.UTF8.GetCharCount(output.WrittenSpan[start..]);
    }

    private static void WriteUtf8(JsonElement element, ArrayBufferWriter<byte> output)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var properties = new List<JsonProperty>();
                foreach (var property in element.EnumerateObject())
                {
                    properties.Add(property);
                }

                if (properties.Count > 1)
                {
                    properties.Sort(static (a, b) => string.CompareOrdinal(a.Name, b.Name));
                }

                Append(output, (byte)'{');
                for (var i = 0; i < properties.Count; i++)
                {
                    if (i > 0)
                    {
                        Append(output, (byte)',');
                    }

                    WriteStringUtf8(properties[i].Name, output);
                    Append(output, (byte)':');
                    WriteUtf8(properties[i].Value, output);
                }

                Append(output, (byte)'}');
                break;
            case JsonValueKind.Array:
                Append(output, (byte)'[');
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (index++ > 0)
                    {
                        Append(output, (byte)',');
                    }

                    WriteUtf8(item, output);
                }

                Append(output, (byte)']');
                break;
            case JsonValueKind.String:
                // Without an escape the quoted text is already canonical (a JSON string holds no raw
                // quote or control character); otherwise decode and escape by the rules.
                var raw = JsonMarshal.GetRawUtf8Value(element);
                if (raw.IndexOf((byte)'\\') < 0)
                {
                    output.Write(raw);
                }
                else
                {
                    WriteStringUtf8(element.GetString()!, output);
                }

                break;
            case JsonValueKind.Number:
                var literal = JsonMarshal.GetRawUtf8Value(element);
                if (IsPlainDecimal(literal))
                {
                    output.Write(literal);
                }
                else
                {
                    WriteAscii(NormalizeNumber(Encoding.UTF8.GetString(literal)), output);
                }

                break;
            case JsonValueKind.True:
                output.Write("true"u8);
                break;
            case JsonValueKind.False:
                output.Write("false"u8);
                break;
            default:
                output.Write("null"u8);
                break;
        }
    }

    /// <summary>
    /// Whether a number literal is already what <see cref="NormalizeNumber"/> makes of it: no
    /// exponent, no leading zero (but a lone one before the point), no trailing zero after the point,
    /// not a negative zero.
    /// </summary>
    private static bool IsPlainDecimal(ReadOnlySpan<byte> literal)
    {
        var body = literal[0] == (byte)'-' ? literal[1..] : literal;
        var point = body.IndexOf((byte)'.');
        var whole = point >= 0 ? body[..point] : body;
        var fraction = point >= 0 ? body[(point + 1)..] : [];
        if (whole.Length == 0 || whole.ContainsAnyExceptInRange((byte)'0', (byte)'9') || fraction.ContainsAnyExceptInRange((byte)'0', (byte)'9'))
        {
            return false;
        }

        if (point >= 0 && (fraction.Length == 0 || fraction[^1] == (byte)'0'))
        {
            return false;
        }

        if (whole[0] == (byte)'0' && (whole.Length > 1 || (point < 0 && body.Length != literal.Length)))
        {
            // A leading zero, or "-0".
            return false;
        }

        return true;
    }

    private static void WriteStringUtf8(string value, ArrayBufferWriter<byte> output)
    {
        Append(output, (byte)'"');
        var span = value.AsSpan();
        while (span.Length > 0)
        {
            var special = span.IndexOfAny(Special);
            var plain = special < 0 ? span : span[..special];
            if (plain.Length > 0)
            {
                var written = Encoding.UTF8.GetBytes(plain, output.GetSpan(Encoding.UTF8.GetMaxByteCount(plain.Length)));
                output.Advance(written);
            }

            if (special < 0)
            {
                break;
            }

            var c = span[special];
            switch (c)
            {
                case '"':
                    output.Write("\\\""u8);
                    break;
                case '\\':
                    output.Write("\\\\"u8);
                    break;
                default:
                    WriteAscii("\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture), output);
                    break;
            }

            span = span[(special + 1)..];
        }

        Append(output, (byte)'"');
    }

    private static readonly SearchValues<char> Special = SearchValues.Create(
        "\"\\\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u0009\u000a\u000b\u000c\u000d\u000e\u000f" +
        "\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f");

    private static void WriteAscii(string text, ArrayBufferWriter<byte> output) =>
        output.Advance(Encoding.ASCII.GetBytes(text, output.GetSpan(text.Length)));

    private static void Append(ArrayBufferWriter<byte> output, byte value)
    {
        output.GetSpan(1)[0] = value;
        output.Advance(1);
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
