namespace TrialOps.Common;

/// <summary>
/// The one rule for text that can reach an event (DESIGN.md §5): no control characters other than
/// tab, carriage return and line feed (a NUL cannot be stored in PostgreSQL text and would stop
/// every read model), and a bounded length.
/// </summary>
public static class InputText
{
    /// <summary>The longest text any single field accepts.</summary>
    public const int MaxLength = 4000;

    /// <summary>Why <paramref name="text"/> is refused, or null when it is acceptable.</summary>
    public static string? Problem(string? text, int maxLength = MaxLength)
    {
        if (text is null)
        {
            return null;
        }

        if (text.Length > maxLength)
        {
            return $"is longer than {maxLength} characters";
        }

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsControl(c) && c is not ('\t' or '\r' or '\n'))
            {
                return $"contains a control character (U+{(int)c:X4}); only tab and line breaks are allowed";
            }

            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                return "contains an unpaired surrogate (not valid Unicode text)";
            }
        }

        return null;
    }
}
