using System.Net;
using System.Text.RegularExpressions;

namespace TrialOps.Web.Tests.BadInput;

/// <summary>A field of a page form as the browser would post it.</summary>
/// <param name="Kind">The input type (<c>hidden</c>, <c>text</c>, <c>number</c>, <c>datetime-local</c>, …), <c>select</c> or <c>textarea</c>.</param>
public sealed record PageField(string Name, string Kind, string Value, IReadOnlyList<string> Options);

/// <summary>A form of a page: its name (<c>_handler</c>), where it posts, and its fields with their values as rendered.</summary>
public sealed record PageForm(string Page, string Name, string Action, IReadOnlyList<PageField> Fields)
{
    public override string ToString() => $"{Page} form '{Name}'";
}

/// <summary>Reads the POST forms of a server-rendered page (the same markup <see cref="Forms"/> reads).</summary>
public static partial class PageForms
{
    public static IReadOnlyList<PageForm> Read(string page, string html)
    {
        var forms = new List<PageForm>();
        foreach (Match form in FormTag().Matches(html))
        {
            var open = Attributes(form.Groups[1].Value);
            if (!string.Equals(open.GetValueOrDefault("method"), "post", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var fields = new List<PageField>();
            var radios = new Dictionary<string, List<string>>(StringComparer.Ordinal);
            foreach (Match input in InputTag().Matches(form.Value))
            {
                var attributes = Attributes(input.Value);
                if (!attributes.TryGetValue("name", out var name))
                {
                    continue;
                }

                var type = attributes.GetValueOrDefault("type") ?? "text";
                var value = attributes.GetValueOrDefault("value") ?? string.Empty;
                if (type is "radio")
                {
                    if (!radios.TryGetValue(name, out var options))
                    {
                        radios[name] = options = [];
                        fields.Add(new PageField(name, "radio", value, options));
                    }

                    options.Add(value);
                    continue;
                }

                if (type is "checkbox" && !input.Value.Contains("checked", StringComparison.Ordinal))
                {
                    fields.Add(new PageField(name, type, string.Empty, [value]));
                    continue;
                }

                if (type is "submit" or "button" or "reset" or "file" or "image")
                {
                    continue;
                }

                fields.Add(new PageField(name, type, value, []));
            }

            foreach (Match select in SelectTag().Matches(form.Value))
            {
                var name = Attributes(select.Groups[1].Value).GetValueOrDefault("name");
                if (name is null)
                {
                    continue;
                }

                var options = OptionTag().Matches(select.Groups[2].Value).Select(o => Attributes(o.Value).GetValueOrDefault("value") ?? string.Empty).ToArray();
                var selected = OptionTag().Matches(select.Groups[2].Value).FirstOrDefault(o => o.Value.Contains("selected", StringComparison.Ordinal));
                fields.Add(new PageField(name, "select", selected is null ? options.FirstOrDefault() ?? string.Empty : Attributes(selected.Value).GetValueOrDefault("value") ?? string.Empty, options));
            }

            foreach (Match area in TextAreaTag().Matches(form.Value))
            {
                if (Attributes(area.Groups[1].Value).GetValueOrDefault("name") is { } name)
                {
                    fields.Add(new PageField(name, "textarea", WebUtility.HtmlDecode(area.Groups[2].Value), []));
                }
            }

            var handler = fields.FirstOrDefault(f => f.Name == "_handler")?.Value ?? string.Empty;
            forms.Add(new PageForm(page, handler, open.GetValueOrDefault("action") is { Length: > 0 } action ? action : page, fields));
        }

        return forms;
    }

    private static Dictionary<string, string> Attributes(string tag)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (Match attribute in Attribute().Matches(tag))
        {
            result.TryAdd(attribute.Groups[1].Value, WebUtility.HtmlDecode(attribute.Groups[2].Value));
        }

        return result;
    }

    [GeneratedRegex("<form([^>]*)>.*?</form>", RegexOptions.Singleline)]
    private static partial Regex FormTag();

    [GeneratedRegex("<input[^>]*>", RegexOptions.Singleline)]
    private static partial Regex InputTag();

    [GeneratedRegex("<select([^>]*)>(.*?)</select>", RegexOptions.Singleline)]
    private static partial Regex SelectTag();

    [GeneratedRegex("<option[^>]*>", RegexOptions.Singleline)]
    private static partial Regex OptionTag();

    [GeneratedRegex("<textarea([^>]*)>(.*?)</textarea>", RegexOptions.Singleline)]
    private static partial Regex TextAreaTag();

    [GeneratedRegex("([a-zA-Z_:.-]+)=\"([^\"]*)\"")]
    private static partial Regex Attribute();
}
