using System.Text;
using TrialOps.Common;
using TrialOps.Messaging;
using TrialOps.Protocols;

namespace TrialOps.Blinding;

/// <summary>
/// Free text that an unblinded pharmacist writes where blinded roles read it — the reason of a dose
/// re-check, kept on the participant's stream and shown on the blinded timeline, in ODM's audit trail
/// and in the blinded exports (ADR 0020) — must not name the arm. This finds the words that would:
/// "placebo" and "verum"; in a protocol with a placebo arm, "saline", "dummy", "vehicle" and "sham";
/// a treatment's code (KET, PBO; a code of one or two characters only as "arm A", "treatment A",
/// "kit A"); and each word of a treatment's label that the other treatments' labels lack
/// ("ketamine", "sodium", "chloride"), leaving out the vocabulary of dosing that every reason uses
/// (volume, infusion, weight, minutes…). It cannot catch a paraphrase: it is a guard against the
/// slip of naming the product, not a proof that a text is blind.
/// </summary>
public static class ArmWording
{
    private static readonly string[] AlwaysRevealing = ["placebo", "verum"];

    /// <summary>What people call a placebo by its content: revealing in a protocol that has a placebo arm.</summary>
    private static readonly string[] PlaceboNames = ["saline", "dummy", "vehicle", "sham"];

    private static readonly HashSet<string> DosingVocabulary = new(StringComparer.OrdinalIgnoreCase)
    {
        "volume", "matched", "match", "infusion", "infused", "bolus", "injection", "minutes", "minute", "hours", "hour",
        "dose", "doses", "weight", "over", "with", "then", "from", "into", "syringe", "identical", "solution", "diluted",
        "dilution", "tablet", "tablets", "capsule", "capsules", "oral", "intravenous", "subcutaneous", "total", "maximum",
        "given", "bag", "pump", "rate", "each", "period", "body", "daily", "once", "twice",
    };

    /// <summary>The first word of <paramref name="text"/> that names a treatment of <paramref name="protocol"/>, or null.</summary>
    public static string? RevealingWord(ProtocolDefinition protocol, string text)
    {
        var words = Words(text);
        foreach (var word in words)
        {
            if (AlwaysRevealing.Contains(word, StringComparer.OrdinalIgnoreCase)
                || (protocol.Treatments.Any(t => t.Placebo) && PlaceboNames.Contains(word, StringComparer.OrdinalIgnoreCase)))
            {
                return word;
            }
        }

        var labels = protocol.Treatments.Select(t => Words(t.Label).Where(w => w.Length >= 4 && w.Any(char.IsLetter)).ToHashSet(StringComparer.OrdinalIgnoreCase)).ToList();
        var distinguishing = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var label in labels)
        {
            foreach (var word in label.Where(w => !DosingVocabulary.Contains(w) && !labels.All(other => other.Contains(w))))
            {
                distinguishing.Add(word);
            }
        }

        for (var i = 0; i < words.Count; i++)
        {
            var word = words[i];
            if (distinguishing.Contains(word))
            {
                return word;
            }

            foreach (var treatment in protocol.Treatments)
            {
                var code = treatment.Code;
                var named = code.Length >= 3
                    ? string.Equals(word, code, StringComparison.OrdinalIgnoreCase)
                    : string.Equals(word, code, StringComparison.OrdinalIgnoreCase) && i > 0
                      && words[i - 1].ToLowerInvariant() is "arm" or "treatment" or "kit" or "sequence" or "product";
                if (named)
                {
                    return code.Length >= 3 ? word : $"{words[i - 1]} {word}";
                }
            }
        }

        return null;
    }

    /// <summary>A refusal of a reason that names the arm, or null; <paramref name="field"/> is the form's field.</summary>
    public static Rejection? Check(ProtocolDefinition protocol, string? text, string field = "reason") =>
        text is not null && RevealingWord(protocol, text) is { } word
            ? new Rejection(
                RejectionCodes.ReasonNamesArm,
                $"The reason is read by blinded staff and must not name the treatment (\"{word}\"): say what was done without naming the product or the arm.",
                field)
            : null;

    /// <summary>Words as runs of letters and digits (a code such as "PBO" or "KET2" is one word).</summary>
    private static List<string> Words(string text)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        foreach (var c in text.Normalize(NormalizationForm.FormC))
        {
            if (char.IsLetterOrDigit(c))
            {
                current.Append(c);
            }
            else if (current.Length > 0)
            {
                words.Add(current.ToString());
                current.Clear();
            }
        }

        if (current.Length > 0)
        {
            words.Add(current.ToString());
        }

        return words;
    }
}
