using System.Numerics;

namespace TrialOps.Analysis.Numerics;

/// <summary>
/// The distribution functions the crossover analysis needs, written here rather than taken from a
/// package (ADR 0017): Student's t (p-values and quantiles for Hills–Armitage and the mixed model),
/// the standard normal quantile (Wilson and Newcombe intervals) and the exact binomial test of
/// McNemar's discordant pairs. Accuracy is that of double precision (about 1e-14 relative), which
/// the R comparison tests hold them to.
/// </summary>
public static class Distributions
{
    private const double Epsilon = 1e-16;
    private const int MaxIterations = 10_000;

    /// <summary>ln Γ(x) for x &gt; 0 (Lanczos approximation, g = 7, nine coefficients).</summary>
    public static double LogGamma(double x)
    {
        if (x <= 0) throw new ArgumentOutOfRangeException(nameof(x), x, "LogGamma needs x > 0.");
        if (x < 0.5)
        {
            // Reflection keeps the approximation in the range where it is accurate.
            return Math.Log(Math.PI / Math.Sin(Math.PI * x)) - LogGamma(1 - x);
        }
        ReadOnlySpan<double> coefficients =
        [
            0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
            -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
            1.5056327351493116e-7,
        ];
        x -= 1;
        var sum = coefficients[0];
        for (var i = 1; i < coefficients.Length; i++) sum += coefficients[i] / (x + i);
        var t = x + 7.5;
        return 0.5 * Math.Log(2 * Math.PI) + (x + 0.5) * Math.Log(t) - t + Math.Log(sum);
    }

    /// <summary>The regularized incomplete beta function I_x(a, b).</summary>
    public static double IncompleteBeta(double x, double a, double b)
    {
        if (double.IsNaN(x) || double.IsNaN(a) || double.IsNaN(b)) return double.NaN;
        if (x <= 0) return 0;
        if (x >= 1) return 1;
        var front = Math.Exp(a * Math.Log(x) + b * Math.Log(1 - x) - (LogGamma(a) + LogGamma(b) - LogGamma(a + b)));
        // The continued fraction converges fast for x < (a + 1) / (a + b + 2); use the symmetry otherwise.
        return x < (a + 1) / (a + b + 2)
            ? front * BetaContinuedFraction(x, a, b) / a
            : 1 - front * BetaContinuedFraction(1 - x, b, a) / b;
    }

    private static double BetaContinuedFraction(double x, double a, double b)
    {
        const double tiny = 1e-300;
        var c = 1.0;
        var d = 1 - (a + b) * x / (a + 1);
        if (Math.Abs(d) < tiny) d = tiny;
        d = 1 / d;
        var result = d;
        for (var m = 1; m <= MaxIterations; m++)
        {
            var even = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m));
            d = 1 + even * d;
            if (Math.Abs(d) < tiny) d = tiny;
            c = 1 + even / c;
            if (Math.Abs(c) < tiny) c = tiny;
            d = 1 / d;
            result *= d * c;
            var odd = -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1));
            d = 1 + odd * d;
            if (Math.Abs(d) < tiny) d = tiny;
            c = 1 + odd / c;
            if (Math.Abs(c) < tiny) c = tiny;
            d = 1 / d;
            var step = d * c;
            result *= step;
            if (Math.Abs(step - 1) < Epsilon) return result;
        }
        throw new InvalidOperationException("The incomplete beta continued fraction did not converge.");
    }

    /// <summary>The regularized upper incomplete gamma function Q(a, x) = Γ(a, x) / Γ(a).</summary>
    public static double UpperIncompleteGamma(double a, double x)
    {
        if (double.IsNaN(a) || double.IsNaN(x)) return double.NaN;
        if (x <= 0) return 1;
        var logFront = a * Math.Log(x) - x - LogGamma(a);
        if (x < a + 1)
        {
            var term = 1 / a;
            var sum = term;
            for (var n = 1; n <= MaxIterations; n++)
            {
                term *= x / (a + n);
                sum += term;
                if (Math.Abs(term) < Math.Abs(sum) * Epsilon) return 1 - sum * Math.Exp(logFront);
            }
            throw new InvalidOperationException("The incomplete gamma series did not converge.");
        }
        const double tiny = 1e-300;
        var b = x + 1 - a;
        var c = 1 / tiny;
        var d = 1 / b;
        var h = d;
        for (var i = 1; i <= MaxIterations; i++)
        {
            var an = -i * (i - a);
            b += 2;
            d = an * d + b;
            if (Math.Abs(d) < tiny) d = tiny;
            c = b + an / c;
            if (Math.Abs(c) < tiny) c = tiny;
            d = 1 / d;
            var step = d * c;
            h *= step;
            if (Math.Abs(step - 1) < Epsilon) return Math.Exp(logFront) * h;
        }
        throw new InvalidOperationException("The incomplete gamma continued fraction did not converge.");
    }

    /// <summary>P(Z ≤ z) for the standard normal.</summary>
    public static double NormalCdf(double z)
    {
        // Φ(z) = Q(1/2, z²/2) / 2 for z ≤ 0, which keeps full relative accuracy in the lower tail.
        var tail = 0.5 * UpperIncompleteGamma(0.5, z * z / 2);
        return z <= 0 ? tail : 1 - tail;
    }

    /// <summary>The standard normal quantile (Newton's method on <see cref="NormalCdf"/>).</summary>
    public static double NormalQuantile(double p)
    {
        if (p <= 0 || p >= 1) throw new ArgumentOutOfRangeException(nameof(p), p, "A quantile needs 0 < p < 1.");
        if (p > 0.5) return -NormalQuantile(1 - p);
        // Lower half: start from a logistic-type guess and polish; the density is known exactly.
        var z = -Math.Sqrt(-2 * Math.Log(p));
        z += (2.515517 + 0.802853 * -z + 0.010328 * z * z) / (1 + 1.432788 * -z + 0.189269 * z * z + 0.001308 * -z * z * z);
        for (var i = 0; i < 100; i++)
        {
            var density = Math.Exp(-z * z / 2) / Math.Sqrt(2 * Math.PI);
            var step = (NormalCdf(z) - p) / density;
            z -= step;
            if (Math.Abs(step) < 1e-15 * Math.Max(1, Math.Abs(z))) break;
        }
        return z;
    }

    /// <summary>P(T ≥ |t|) for Student's t with <paramref name="df"/> degrees of freedom (one tail).</summary>
    public static double StudentTUpperTail(double t, double df)
    {
        if (double.IsInfinity(df)) return NormalCdf(-Math.Abs(t));
        return 0.5 * IncompleteBeta(df / (df + t * t), df / 2, 0.5);
    }

    /// <summary>The two-sided p-value of a t statistic.</summary>
    public static double StudentTTwoSidedP(double t, double df) => Math.Min(1, 2 * StudentTUpperTail(t, df));

    /// <summary>The upper quantile q with P(T &gt; q) = <paramref name="upperTail"/> (0 &lt; upperTail &lt; 0.5).</summary>
    public static double StudentTUpperQuantile(double upperTail, double df)
    {
        if (upperTail <= 0 || upperTail >= 0.5) throw new ArgumentOutOfRangeException(nameof(upperTail), upperTail, "Needs 0 < tail < 0.5.");
        if (!(df > 0)) throw new ArgumentOutOfRangeException(nameof(df), df, "Degrees of freedom must be positive.");
        var low = 0.0;
        var high = 1.0;
        while (StudentTUpperTail(high, df) > upperTail) high *= 2;
        var t = Math.Min(Math.Max(-NormalQuantile(upperTail), low), high);
        var logDensityConstant = LogGamma((df + 1) / 2) - LogGamma(df / 2) - 0.5 * Math.Log(df * Math.PI);
        for (var i = 0; i < 200; i++)
        {
            var tail = StudentTUpperTail(t, df);
            if (tail > upperTail) low = t; else high = t;
            var density = Math.Exp(logDensityConstant - (df + 1) / 2 * Math.Log(1 + t * t / df));
            var next = t + (tail - upperTail) / density;
            if (next <= low || next >= high) next = (low + high) / 2;
            if (Math.Abs(next - t) < 1e-15 * Math.Max(1, t)) return next;
            t = next;
        }
        return t;
    }

    /// <summary>
    /// The exact two-sided p-value of x successes in n trials with p = 1/2, as R's
    /// <c>binom.test(x, n)</c>: the probability of an outcome no more likely than x.
    /// With p = 1/2 that is 2 · P(X ≤ min(x, n − x)), at most 1; n = 0 gives 1 (no evidence).
    /// Computed exactly in integers and rounded once.
    /// </summary>
    public static double BinomialTwoSidedHalf(int x, int n)
    {
        if (n < 0 || x < 0 || x > n) throw new ArgumentOutOfRangeException(nameof(x), $"Needs 0 ≤ x ≤ n, got x = {x}, n = {n}.");
        if (n == 0 || 2 * x == n) return 1;
        var k = Math.Min(x, n - x);
        var tail = BigInteger.Zero;
        var choose = BigInteger.One;
        for (var i = 0; i <= k; i++)
        {
            tail += choose;
            choose = choose * (n - i) / (i + 1);
        }
        // 2 · tail / 2^n, as a double with one rounding.
        return Math.Min(1, Ratio(tail, BigInteger.One << (n - 1)));
    }

    private static double Ratio(BigInteger numerator, BigInteger denominator)
    {
        // Scale so that the integer quotient carries 64 significant bits, then divide once.
        var shift = (int)(denominator.GetBitLength() - numerator.GetBitLength()) + 64;
        var quotient = shift >= 0 ? (numerator << shift) / denominator : numerator / (denominator << -shift);
        return Math.ScaleB((double)quotient, -shift);
    }
}
