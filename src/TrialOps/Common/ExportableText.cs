using System.Globalization;
using TrialOps.Messaging;

namespace TrialOps.Common;

/// <summary>
/// Free text staff enter that an SDTM export carries (a withdrawal's explanation in DS, the reason
/// for an early stop or a short infusion in EX). SDTM files are US-ASCII: accented letters and the
/// usual clinical symbols are transliterated (<see cref="AsciiText"/>), anything else (Cyrillic,
/// Greek, CJK, emoji) cannot be written. Such text is refused when it is entered, naming the field,
/// so that an export can never fail on it after lock; it is never silently replaced, because the
/// export must say what the site recorded.
/// </summary>
public static class ExportableText
{
    public const string NotExportableCode = "input.not-exportable";

    /// <summary>The refusal for <paramref name="text"/>, or null when SDTM can carry it.</summary>
    /// <param name="field">The input's name (API field, form field).</param>
    /// <param name="label">How the person entering it knows the field ("withdrawal explanation").</param>
    public static Rejection? Check(string? text, string field, string label)
    {
        if (text is null || AsciiText.FirstUnrepresentable(text) is not { } at)
        {
            return null;
        }

        var character = char.IsSurrogatePair(text, at) ? text.Substring(at, 2) : text[at].ToString();
        var codePoint = char.ConvertToUtf32(character, 0).ToString("X4", CultureInfo.InvariantCulture);
        return new Rejection(
            NotExportableCode,
            $"The {label} contains '{character}' (U+{codePoint}), which the SDTM export (US-ASCII) cannot hold; write it in Latin letters (accented letters and symbols such as µ or ≥ are fine).",
            field);
    }
}
