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

        if (ForbiddenCharacterAt(text) is { } at)
        {
            return $"contains a control character (U+{(int)text[at]:X4}); only tab and line breaks are allowed";
        }

        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return "contains an unpaired surrogate (not valid Unicode text)";
            }
        }

        return null;
    }

    /// <summary>
    /// The index of the first control character other than tab, CR and LF (C0, DEL and C1) in
    /// <paramref name="text"/>: a NUL breaks PostgreSQL text, XML and XPT files, an ESC a terminal.
    /// </summary>
    public static int? ForbiddenCharacterAt(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsControl(text[i]) && text[i] is not ('\t' or '\r' or '\n'))
            {
                return i;
            }
        }

        return null;
    }
}
