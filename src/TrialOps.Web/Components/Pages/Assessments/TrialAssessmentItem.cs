using TrialOps.Web.Components.Pages.Trials;

namespace TrialOps.Web.Components.Pages.Assessments;

/// <summary>One scheduled measurement of a period as a form offers it: an assessment at one of its times.</summary>
/// <param name="Kind"><c>scale</c> or <c>vitals</c>.</param>
public sealed record TrialAssessmentItem(string Code, string Timepoint, string Label, string Kind)
{
    /// <summary>The option value: <c>PAIN|PT20M</c>.</summary>
    public string Value => $"{Code}|{Timepoint}";

    public string Text => $"{Label} — {TrialText.Timepoint(Timepoint)}";

    public static bool TryParse(string? value, out string code, out string timepoint)
    {
        var parts = value?.Split('|') ?? [];
        (code, timepoint) = parts.Length == 2 && parts[0].Length > 0 && parts[1].Length > 0 ? (parts[0], parts[1]) : (string.Empty, string.Empty);
        return code.Length > 0;
    }
}
