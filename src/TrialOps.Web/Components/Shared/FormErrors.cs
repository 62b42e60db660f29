using TrialOps.Messaging;

namespace TrialOps.Web.Components.Shared;

/// <summary>
/// Messages of a refused form by field name (the <see cref="Rejection.Field"/> names, e.g.
/// <c>userName</c>); messages without a field are shown above the form.
/// </summary>
public sealed class FormErrors
{
    public const string General = "";

    private readonly Dictionary<string, List<string>> messages = new(StringComparer.OrdinalIgnoreCase);

    public bool Any => messages.Count > 0;

    public void Add(Rejection rejection) => Add(rejection.Field ?? General, rejection.Message);

    public void Add(string field, string message)
    {
        if (!messages.TryGetValue(field, out var list))
        {
            messages[field] = list = [];
        }

        list.Add(message);
    }

    public void AddAll(IEnumerable<Rejection> rejections)
    {
        foreach (var rejection in rejections)
        {
            Add(rejection);
        }
    }

    /// <summary>Messages for a field, or (for fields the form does not show) nothing: see <see cref="Unplaced"/>.</summary>
    public IReadOnlyList<string> For(string field) => messages.TryGetValue(field, out var list) ? list : [];

    /// <summary>Messages whose field is not among <paramref name="shownFields"/>: they go above the form.</summary>
    public IEnumerable<string> Unplaced(params string[] shownFields) =>
        messages.Where(m => !shownFields.Contains(m.Key, StringComparer.OrdinalIgnoreCase)).SelectMany(m => m.Value);
}
