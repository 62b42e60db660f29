using System.Text;

namespace TrialOps.Common;

/// <summary>
/// Text for files that must be US-ASCII (SAS XPORT, hence SDTM): a fixed transliteration of the
/// symbols and accented letters clinical text uses (<c>µ</c> → <c>u</c>, <c>≥</c> → <c>>=</c>,
/// <c>é</c> → <c>e</c>). Text with anything else cannot be represented; a protocol with such text
/// is refused at import (<see cref="FirstUnrepresentable"/>), so that an export never fails on it.
/// </summary>
public static class AsciiText
{
    private static readonly Dictionary<char, string> Symbols = new()
    {
        ['\u00B5'] = "u", ['\u03BC'] = "u", // micro sign, Greek mu
        ['\u2265'] = ">=", ['\u2264'] = "<=", ['\u2260'] = "!=", ['\u00B1'] = "+/-",
        ['\u00D7'] = "x", ['\u00F7'] = "/", ['\u00B0'] = "deg", ['\u2030'] = "per mille",
        ['\u2010'] = "-", ['\u2011'] = "-", ['\u2012'] = "-", ['\u2013'] = "-", ['\u2014'] = "-", ['\u2015'] = "-", ['\u2212'] = "-",
        ['\u2018'] = "'", ['\u2019'] = "'", ['\u201A'] = "'", ['\u2032'] = "'",
        ['\u201C'] = "\"", ['\u201D'] = "\"", ['\u201E'] = "\"", ['\u2033'] = "\"", ['\u00AB'] = "\"", ['\u00BB'] = "\"",
        ['\u2026'] = "...", ['\u2022'] = "*", ['\u00B7'] = ".",
        ['\u00A0'] = " ", ['\u2002'] = " ", ['\u2003'] = " ", ['\u2009'] = " ", ['\u202F'] = " ",
        ['\u00B9'] = "1", ['\u00B2'] = "2", ['\u00B3'] = "3", ['\u00BC'] = "1/4", ['\u00BD'] = "1/2", ['\u00BE'] = "3/4",
        ['\u00AE'] = "(R)", ['\u00A9'] = "(C)", ['\u2122'] = "(TM)",
        ['\u00DF'] = "ss", ['\u00E6'] = "ae", ['\u00C6'] = "AE", ['\u0153'] = "oe", ['\u0152'] = "OE",
        ['\u00F8'] = "o", ['\u00D8'] = "O", ['\u0111'] = "d", ['\u0110'] = "D", ['\u0142'] = "l", ['\u0141'] = "L",
        ['\u00FE'] = "th", ['\u00DE'] = "Th", ['\u00F0'] = "d", ['\u00D0'] = "D", ['\u0131'] = "i",
    };

    // Latin letters with diacritics and the letter each decomposes to (Unicode canonical
    // decomposition without its combining marks), generated from the Unicode character database.
    private const string Accented = "ÀÁÂÃÄÅÇÈÉÊËÌÍÎÏÑÒÓÔÕÖÙÚÛÜÝàáâãäåçèéêëìíîïñòóôõöùúûüýÿĀāĂăĄąĆćĈĉĊċČčĎďĒēĔĕĖėĘęĚěĜĝĞğĠġĢģĤĥĨĩĪīĬĭĮįİĴĵĶķĹĺĻļĽľŃńŅņŇňŌōŎŏŐőŔŕŖŗŘřŚśŜŝŞşŠšŢţŤťŨũŪūŬŭŮůŰűŲųŴŵŶŷŸŹźŻżŽžƠơƯưǍǎǏǐǑǒǓǔǕǖǗǘǙǚǛǜǞǟǠǡǦǧǨǩǪǫǬǭǰǴǵǸǹǺǻȀȁȂȃȄȅȆȇȈȉȊȋȌȍȎȏȐȑȒȓȔȕȖȗȘșȚțȞȟȦȧȨȩȪȫȬȭȮȯȰȱȲȳḀḁḂḃḄḅḆḇḈḉḊḋḌḍḎḏḐḑḒḓḔḕḖḗḘḙḚḛḜḝḞḟḠḡḢḣḤḥḦḧḨḩḪḫḬḭḮḯḰḱḲḳḴḵḶḷḸḹḺḻḼḽḾḿṀṁṂṃṄṅṆṇṈṉṊṋṌṍṎṏṐṑṒṓṔṕṖṗṘṙṚṛṜṝṞṟṠṡṢṣṤṥṦṧṨṩṪṫṬṭṮṯṰṱṲṳṴṵṶṷṸṹṺṻṼṽṾṿẀẁẂẃẄẅẆẇẈẉẊẋẌẍẎẏẐẑẒẓẔẕẖẗẘẙẠạẢảẤấẦầẨẩẪẫẬậẮắẰằẲẳẴẵẶặẸẹẺẻẼẽẾếỀềỂểỄễỆệỈỉỊịỌọỎỏỐốỒồỔổỖỗỘộỚớỜờỞởỠỡỢợỤụỦủỨứỪừỬửỮữỰựỲỳỴỵỶỷỸỹ";
    private const string Unaccented = "AAAAAACEEEEIIIINOOOOOUUUUYaaaaaaceeeeiiiinooooouuuuyyAaAaAaCcCcCcCcDdEeEeEeEeEeGgGgGgGgHhIiIiIiIiIJjKkLlLlLlNnNnNnOoOoOoRrRrRrSsSsSsSsTtTtUuUuUuUuUuUuWwYyYZzZzZzOoUuAaIiOoUuUuUuUuUuAaAaGgKkOoOojGgNnAaAaAaEeEeIiIiOoOoRrRrUuUuSsTtHhAaEeOoOoOoOoYyAaBbBbBbCcDdDdDdDdDdEeEeEeEeEeFfGgHhHhHhHhHhIiIiKkKkKkLlLlLlLlMmMmMmNnNnNnNnOoOoOoOoPpPpRrRrRrRrSsSsSsSsSsTtTtTtTtUuUuUuUuUuVvVvWwWwWwWwWwXxXxYyZzZzZzhtwyAaAaAaAaAaAaAaAaAaAaAaAaEeEeEeEeEeEeEeEeIiIiOoOoOoOoOoOoOoOoOoOoOoOoUuUuUuUuUuUuUuYyYyYyYy";

    /// <summary>The text in US-ASCII, or null when a character has no transliteration.</summary>
    public static string? ToAscii(string text)
    {
        if (FirstUnrepresentable(text) is not null)
        {
            return null;
        }

        if (IsAscii(text))
        {
            return text;
        }

        var ascii = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            if (c < 0x80)
            {
                ascii.Append(c);
            }
            else if (Symbols.TryGetValue(c, out var replacement))
            {
                ascii.Append(replacement);
            }
            else
            {
                ascii.Append(Unaccented[Accented.IndexOf(c, StringComparison.Ordinal)]);
            }
        }

        return ascii.ToString();
    }

    /// <summary>The index of the first character <see cref="ToAscii"/> cannot represent, or null.</summary>
    public static int? FirstUnrepresentable(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c >= 0x80 && !Symbols.ContainsKey(c) && Accented.IndexOf(c, StringComparison.Ordinal) < 0)
            {
                return i;
            }
        }

        return null;
    }

    private static bool IsAscii(string text) => Ascii.IsValid(text);
}
