namespace TrialOps.Dosing;

/// <summary>
/// The fixed amount units a session dose is computed in. Every amount of one treatment reduces to
/// exactly one of them (no mg plus mmol), so a session total is a plain sum.
/// </summary>
public enum AmountUnit
{
    Mg,
    Ug,
    Mmol,
    ML,
}

/// <summary>The time base of an infusion rate.</summary>
public enum RateTimeBase
{
    Hour,
    Minute,
}

public static class AmountUnits
{
    /// <summary>The symbol used in protocol files and on screen: <c>mg</c>, <c>ug</c>, <c>mmol</c>, <c>mL</c>.</summary>
    public static string Symbol(this AmountUnit unit) => unit switch
    {
        AmountUnit.Mg => "mg",
        AmountUnit.Ug => "ug",
        AmountUnit.Mmol => "mmol",
        AmountUnit.ML => "mL",
        _ => throw new ArgumentOutOfRangeException(nameof(unit), unit, null),
    };

    /// <summary>Case-sensitive on purpose: 'mL' and 'ML' or 'Mg' are not the same in a prescription.</summary>
    public static bool TryParse(string? text, out AmountUnit unit)
    {
        foreach (var candidate in Enum.GetValues<AmountUnit>())
        {
            if (string.Equals(candidate.Symbol(), text, StringComparison.Ordinal))
            {
                unit = candidate;
                return true;
            }
        }

        unit = default;
        return false;
    }
}

/// <summary>An amount unit, fixed (<c>mg</c>) or per kilogram of body weight (<c>mg/kg</c>).</summary>
public readonly record struct DoseUnit(AmountUnit Amount, bool PerKilogram)
{
    public static bool TryParse(string? text, out DoseUnit unit)
    {
        unit = default;
        if (text is null)
        {
            return false;
        }

        var perKilogram = text.EndsWith("/kg", StringComparison.Ordinal);
        var amountText = perKilogram ? text[..^3] : text;
        if (!AmountUnits.TryParse(amountText, out var amount))
        {
            return false;
        }

        unit = new DoseUnit(amount, perKilogram);
        return true;
    }

    public override string ToString() => PerKilogram ? $"{Amount.Symbol()}/kg" : Amount.Symbol();
}

/// <summary>An infusion rate unit: an amount unit, optionally per kilogram, per hour or per minute (<c>mg/kg/h</c>).</summary>
public readonly record struct RateUnit(DoseUnit Dose, RateTimeBase Per)
{
    public static bool TryParse(string? text, out RateUnit unit)
    {
        unit = default;
        if (text is null)
        {
            return false;
        }

        RateTimeBase per;
        string doseText;
        if (text.EndsWith("/h", StringComparison.Ordinal))
        {
            per = RateTimeBase.Hour;
            doseText = text[..^2];
        }
        else if (text.EndsWith("/min", StringComparison.Ordinal))
        {
            per = RateTimeBase.Minute;
            doseText = text[..^4];
        }
        else
        {
            return false;
        }

        if (!DoseUnit.TryParse(doseText, out var dose))
        {
            return false;
        }

        unit = new RateUnit(dose, per);
        return true;
    }

    public override string ToString() => $"{Dose}/{(Per == RateTimeBase.Hour ? "h" : "min")}";
}

/// <summary>A fixed amount, as used for a treatment's <c>maxTotal</c> cap.</summary>
public sealed record DoseAmount(decimal Dose, AmountUnit Unit)
{
    public override string ToString() => $"{Dose} {Unit.Symbol()}";
}
