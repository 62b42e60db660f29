using System.Text;

namespace TrialOps.Common;

/// <summary>An enum member as words for people (<c>DoseNotChanged</c> → <c>Dose not changed</c>); stored values keep the name.</summary>
public static class EnumWords
{
    public static string Words<T>(T value)
        where T : struct, Enum =>
        Words(value.ToString());

    /// <summary>A member's name kept as text (a read model's column) as words.</summary>
    public static string Words(string name)
    {
        var builder = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (i > 0 && char.IsUpper(c))
            {
                builder.Append(' ').Append(char.ToLowerInvariant(c));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
