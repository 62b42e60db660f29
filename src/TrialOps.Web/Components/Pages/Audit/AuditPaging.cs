using System.Globalization;
using TrialOps.Audit;

namespace TrialOps.Web.Components.Pages.Audit;

/// <summary>Page sizes and addresses of the audit trail pages: short pages, and pager links that keep the filter.</summary>
public static class AuditPaging
{
    public const int DefaultPageSize = 25;

    public static readonly int[] PageSizes = [25, 50, 100];

    public static int PageSize(string? text) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var size) && PageSizes.Contains(size) ? size : DefaultPageSize;

    /// <summary>The page's address with the filter, the page size (when not the default) and the page number.</summary>
    public static string Url(string path, AuditFilter filter, int pageSize, int page)
    {
        var query = new List<string>();
        void Add(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                query.Add($"{name}={Uri.EscapeDataString(value)}");
            }
        }

        Add("by", filter.By);
        Add("type", filter.Type);
        Add("from", filter.From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add("to", filter.To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add("record", filter.Record);
        Add("size", pageSize == DefaultPageSize ? null : pageSize.ToString(CultureInfo.InvariantCulture));
        Add("page", page == 1 ? null : page.ToString(CultureInfo.InvariantCulture));
        return query.Count == 0 ? path : $"{path}?{string.Join('&', query)}";
    }
}
