using TrialOps.Messaging;
using TrialOps.Web.Components.Shared;

namespace TrialOps.Web.Components.Pages.Trials;

/// <summary>
/// The errors of a page with several forms, kept per form: a refusal is shown next to the fields of
/// the form that was sent, not next to a same-named field of another form on the page.
/// </summary>
public sealed class TrialFormSet
{
    private readonly Dictionary<string, FormErrors> forms = new(StringComparer.Ordinal);

    /// <summary>The form that was sent and refused, if any.</summary>
    public string? Refused { get; private set; }

    public FormErrors this[string form] => forms.TryGetValue(form, out var errors) ? errors : forms[form] = new FormErrors();

    public bool Any(string form) => forms.TryGetValue(form, out var errors) && errors.Any;

    public void Add(string form, string field, string message)
    {
        this[form].Add(field, message);
        Refused = form;
    }

    public void Add(string form, Rejection rejection)
    {
        this[form].Add(rejection);
        Refused = form;
    }
}
