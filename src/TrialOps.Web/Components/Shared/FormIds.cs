namespace TrialOps.Web.Components.Shared;

/// <summary>
/// Forms carry a command id in a hidden field, made when the form is first shown: a double click
/// or a resubmitted page sends the same id, and the command executor returns the first result
/// instead of recording the action twice (DESIGN.md §5).
/// </summary>
public static class FormIds
{
    public static string New() => Guid.NewGuid().ToString();

    public static Guid? Parse(string? value) => Guid.TryParse(value, out var id) && id != Guid.Empty ? id : null;
}
