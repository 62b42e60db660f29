using System.Globalization;
using System.Text;

namespace TrialOps.Cdisc;

/// <summary>Fixed texts, timestamps and naming rules of the XPORT version 5 layout (SAS TS-140).</summary>
internal static class XptText
{
    public const int RecordLength = 80;
    public const int NamestrLength = 140;
    public const int MaxCharacterLength = 200;
    public const int NumericLength = 8;
    public const int MaxNameLength = 8;
    public const int MaxLabelLength = 40;

    public const string LibraryHeader = "HEADER RECORD*******LIBRARY HEADER RECORD!!!!!!!000000000000000000000000000000  ";
    public const string MemberHeader = "HEADER RECORD*******MEMBER  HEADER RECORD!!!!!!!000000000000000001600000000140  ";
    public const string DescriptorHeader = "HEADER RECORD*******DSCRPTR HEADER RECORD!!!!!!!000000000000000000000000000000  ";
    public const string ObservationHeader = "HEADER RECORD*******OBS     HEADER RECORD!!!!!!!000000000000000000000000000000  ";

    public const string LibraryHeaderPrefix = "HEADER RECORD*******LIBRARY HEADER RECORD!!!!!!!";
    public const string LibraryV8HeaderPrefix = "HEADER RECORD*******LIBV8   HEADER RECORD!!!!!!!";
    public const string MemberHeaderPrefix = "HEADER RECORD*******MEMBER  HEADER RECORD!!!!!!!";
    public const string DescriptorHeaderPrefix = "HEADER RECORD*******DSCRPTR HEADER RECORD!!!!!!!";
    public const string NamestrHeaderPrefix = "HEADER RECORD*******NAMESTR HEADER RECORD!!!!!!!";
    public const string ObservationHeaderPrefix = "HEADER RECORD*******OBS     HEADER RECORD!!!!!!!";

    private static readonly string[] Months =
        ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];

    /// <summary>US-ASCII that throws on anything else, so nothing is silently replaced by '?'.</summary>
    public static readonly Encoding StrictAscii =
        Encoding.GetEncoding("us-ascii", EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);

    public static string NamestrHeader(int variableCount) =>
        $"HEADER RECORD*******NAMESTR HEADER RECORD!!!!!!!000000{variableCount.ToString("D4", CultureInfo.InvariantCulture)}00000000000000000000  ";

    /// <summary>The 16-character <c>ddMMMyy:hh:mm:ss</c> stamp, month in capitals (e.g. <c>04APR12:22:16:22</c>).</summary>
    public static string Timestamp(DateTime value) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{value.Day:D2}{Months[value.Month - 1]}{value.Year % 100:D2}:{value.Hour:D2}:{value.Minute:D2}:{value.Second:D2}");

    /// <summary>
    /// Parses a header stamp. The year has two digits; 00–59 are read as 2000–2059 and 60–99 as
    /// 1960–1999 (SAS dates count from 1960).
    /// </summary>
    public static DateTime? ParseTimestamp(string text)
    {
        if (text.Length < 16 || text[7] != ':' || text[10] != ':' || text[13] != ':')
        {
            return null;
        }

        int month = Array.IndexOf(Months, text.Substring(2, 3).ToUpperInvariant()) + 1;
        if (month == 0
            || !int.TryParse(text.AsSpan(0, 2), NumberStyles.None, CultureInfo.InvariantCulture, out int day)
            || !int.TryParse(text.AsSpan(5, 2), NumberStyles.None, CultureInfo.InvariantCulture, out int year)
            || !int.TryParse(text.AsSpan(8, 2), NumberStyles.None, CultureInfo.InvariantCulture, out int hour)
            || !int.TryParse(text.AsSpan(11, 2), NumberStyles.None, CultureInfo.InvariantCulture, out int minute)
            || !int.TryParse(text.AsSpan(14, 2), NumberStyles.None, CultureInfo.InvariantCulture, out int second))
        {
            return null;
        }

        year += year < 60 ? 2000 : 1900;
        if (day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
        {
            return null;
        }

        return new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified);
    }

    /// <summary>SAS version 5 names: 1–8 characters of A–Z, 0–9 and _, not starting with a digit.</summary>
    public static bool IsValidName(string? name)
    {
        if (string.IsNullOrEmpty(name) || name.Length > MaxNameLength || char.IsAsciiDigit(name[0]))
        {
            return false;
        }

        foreach (char c in name)
        {
            if (!(char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c) || c == '_'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Splits a SAS format such as <c>DATE9.</c>, <c>8.2</c>, <c>$CHAR20.</c> or <c>BEST.</c> into name,
    /// width and decimals. Returns false when the text is not of the form name? width? "." decimals?.
    /// </summary>
    public static bool TryParseFormat(string format, out string name, out int width, out int decimals)
    {
        name = "";
        width = 0;
        decimals = 0;
        int dot = format.LastIndexOf('.');
        if (dot < 0)
        {
            return false;
        }

        int widthStart = dot;
        while (widthStart > 0 && char.IsAsciiDigit(format[widthStart - 1]))
        {
            widthStart--;
        }

        name = format[..widthStart];
        var widthText = format.AsSpan(widthStart, dot - widthStart);
        var decimalsText = format.AsSpan(dot + 1);
        if (name.Length > MaxNameLength
            || (widthText.Length > 0 && !short.TryParse(widthText, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            || (decimalsText.Length > 0 && !short.TryParse(decimalsText, NumberStyles.None, CultureInfo.InvariantCulture, out _)))
        {
            return false;
        }

        for (int i = 0; i < name.Length; i++)
        {
            char c = name[i];
            bool ok = char.IsAsciiLetterUpper(c) || c == '_' || (i == 0 && c == '$') || (i > 0 && char.IsAsciiDigit(c));
            if (!ok)
            {
                return false;
            }
        }

        width = widthText.Length > 0 ? int.Parse(widthText, CultureInfo.InvariantCulture) : 0;
        decimals = decimalsText.Length > 0 ? int.Parse(decimalsText, CultureInfo.InvariantCulture) : 0;
        return true;
    }

    /// <summary>The inverse of <see cref="TryParseFormat"/>; null when nothing is set.</summary>
    public static string? FormatText(string name, int width, int decimals)
    {
        if (name.Length == 0 && width == 0 && decimals == 0)
        {
            return null;
        }

        return string.Create(CultureInfo.InvariantCulture,
            $"{name}{(width > 0 ? width.ToString(CultureInfo.InvariantCulture) : "")}.{(decimals > 0 ? decimals.ToString(CultureInfo.InvariantCulture) : "")}");
    }
}
