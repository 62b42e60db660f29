using System.Globalization;
using TrialOps.AdverseEvents;
using TrialOps.Web.Components.Pages.Trials;

namespace TrialOps.Web.Components.Pages.Safety;

/// <summary>How a change of the reference safety information is put to the medical monitor (ADR 0026): a term and a protocol version, never a treatment.</summary>
public static class RsiText
{
    /// <summary>"The reference safety information changed in protocol version 2 (amended on … by …): MedDRA term … is now listed. Re-assess expectedness."</summary>
    public static string Prompt(RsiReassessmentPrompt prompt)
    {
        var where = prompt.ChangedInVersion is { } version
            ? $"in protocol version {version.ToString(CultureInfo.InvariantCulture)} (amended on {TrialText.Time(prompt.AmendedAt)} by {prompt.AmendedBy})"
            : "since the expectedness was decided";
        return $"The reference safety information changed {where}: MedDRA term {Term(prompt)} {Listing(prompt)}. "
            + $"Expectedness was decided {prompt.Current.ToString().ToLowerInvariant()} against the earlier list on {TrialText.Time(prompt.DecidedAt)}. Re-assess expectedness.";
    }

    public static string Term(RsiReassessmentPrompt prompt) => $"{prompt.MeddraCode.ToString(CultureInfo.InvariantCulture)} ({prompt.Term})";

    public static string Listing(RsiReassessmentPrompt prompt) => prompt.NowListed ? "is now listed" : "is no longer listed";
}
