namespace TrialOps.Analysis.Numerics;

/// <summary>One fixed-effect coefficient of a fitted mixed model with its Satterthwaite test.</summary>
public sealed record Coefficient(string Name, double Estimate, double StandardError, double DegreesOfFreedom, double T, double P, double Lower, double Upper);

/// <summary>A REML fit of y = Xβ + b_subject + e with b ~ N(0, σ²_b) and e ~ N(0, σ²_e).</summary>
public sealed record RandomInterceptFit(
    IReadOnlyList<Coefficient> Coefficients,
    double SubjectVariance,
    double ResidualVariance,
    double RemlCriterion,
    int Observations,
    int Subjects,
    bool SubjectVarianceOnBoundary);

/// <summary>
/// The linear mixed model with a random subject intercept fitted by REML, as
/// <c>lmerTest::lmer(y ~ x + (1 | subject))</c> and <c>nlme::lme(y ~ x, random = ~ 1 | subject)</c>
/// fit it, with Satterthwaite's degrees of freedom as lmerTest computes them (ADR 0017).
/// <para>
/// The REML criterion is profiled over the residual variance and minimized over
/// θ = σ_b / σ_e ≥ 0 (lme4's parameter). The Satterthwaite degrees of freedom of coefficient k are
/// 2·Var(β̂_k)² / (gᵀ A g), where g is the gradient of Var(β̂_k) with respect to the variance
/// parameters and A the inverse of the observed information of the REML log-likelihood at the
/// estimate; both are computed analytically in (σ²_b, σ²_e), which gives the same value as lmerTest's
/// numerical derivatives in (θ, σ) because the quantity does not depend on the parameterization.
/// </para>
/// </summary>
public static class RandomInterceptModel
{
    /// <summary>Fits the model, or returns null when the fixed effects are aliased (X'V⁻¹X singular).</summary>
    public static RandomInterceptFit? Fit(IReadOnlyList<double> response, double[,] design, IReadOnlyList<string> names, IReadOnlyList<int> subject, double confidence = 0.95)
    {
        var n = response.Count;
        var p = design.GetLength(1);
        if (design.GetLength(0) != n || subject.Count != n || names.Count != p) throw new ArgumentException("Response, design, names and subjects must agree in size.");
        if (n <= p) return null;
        var y = response.ToArray();
        var groups = subject.Distinct().Count();
        var groupSize = subject.GroupBy(s => s).ToDictionary(g => g.Key, g => g.Count());

        if (Profile(y, design, subject, groupSize, 0) is null) return null;
        var theta = MinimizeTheta(y, design, subject, groupSize);
        var profile = Profile(y, design, subject, groupSize, theta * theta)!.Value;
        var residualVariance = profile.ResidualVariance;
        var subjectVariance = theta * theta * residualVariance;

        // V = σ²_e I + σ²_b ZZᵀ and its inverse, block by block.
        var vInverse = new double[n, n];
        var sameSubject = new double[n, n];
        var gamma = theta * theta;
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                if (subject[i] != subject[j]) continue;
                sameSubject[i, j] = 1;
                var weight = -gamma / (1 + groupSize[subject[i]] * gamma);
                vInverse[i, j] = ((i == j ? 1 : 0) + weight) / residualVariance;
            }
        }
        var vInverseX = Matrix.Multiply(vInverse, design);
        var information = Matrix.Multiply(Matrix.Transpose(design), vInverseX);
        var inverted = Matrix.InvertSymmetricPositiveDefinite(information);
        if (inverted is null) return null;
        var covariance = inverted.Value.Inverse;
        var projection = Matrix.Multiply(Matrix.Multiply(vInverseX, covariance), Matrix.Transpose(vInverseX));
        for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++)
                projection[i, j] = vInverse[i, j] - projection[i, j];
        var beta = Matrix.Multiply(covariance, Matrix.Multiply(Matrix.Transpose(vInverseX), y));

        // Derivatives of V: with respect to σ²_b it is ZZᵀ, with respect to σ²_e the identity.
        var derivatives = new[] { sameSubject, Identity(n) };
        var projectedY = Matrix.Multiply(projection, y);
        var pv = derivatives.Select(d => Matrix.Multiply(projection, d)).ToArray();
        var vpy = derivatives.Select(d => Matrix.Multiply(d, projectedY)).ToArray();
        var observedInformation = new double[2, 2];
        for (var a = 0; a < 2; a++)
        {
            for (var b = 0; b < 2; b++)
            {
                var hessian = 0.5 * Matrix.TraceOfProduct(pv[a], pv[b]) - Matrix.Dot(vpy[a], Matrix.Multiply(projection, vpy[b]));
                observedInformation[a, b] = -hessian;
            }
        }
        var varianceOfVariances = Invert2(observedInformation);
        var covarianceDerivatives = derivatives
            .Select(d => Matrix.Multiply(Matrix.Multiply(covariance, Matrix.Multiply(Matrix.Transpose(vInverseX), Matrix.Multiply(d, vInverseX))), covariance))
            .ToArray();

        var alpha = (1 - confidence) / 2;
        var coefficients = new List<Coefficient>(p);
        for (var k = 0; k < p; k++)
        {
            var variance = covariance[k, k];
            var gradient = new[] { covarianceDerivatives[0][k, k], covarianceDerivatives[1][k, k] };
            var spread = 0.0;
            if (theta == 0)
            {
                // On the boundary lmerTest differentiates in θ, where Var(β̂) is even (it depends on θ²):
                // its θ-gradient and the mixed θσ-curvature vanish, leaving the residual variance alone.
                spread = gradient[1] * gradient[1] / observedInformation[1, 1];
            }
            else
            {
                for (var a = 0; a < 2; a++)
                    for (var b = 0; b < 2; b++)
                        spread += gradient[a] * varianceOfVariances[a, b] * gradient[b];
            }
            var df = 2 * variance * variance / spread;
            var standardError = Math.Sqrt(variance);
            var t = beta[k] / standardError;
            if (!(df > 0) || double.IsInfinity(df) || !double.IsFinite(t))
            {
                // No usable degrees of freedom (a variance that does not depend on the variance
                // components): the estimate and SE stand, the test and interval do not.
                coefficients.Add(new Coefficient(names[k], beta[k], standardError, double.NaN, t, double.NaN, double.NaN, double.NaN));
                continue;
            }
            var quantile = Distributions.StudentTUpperQuantile(alpha, df);
            coefficients.Add(new Coefficient(names[k], beta[k], standardError, df, t, Distributions.StudentTTwoSidedP(t, df), beta[k] - quantile * standardError, beta[k] + quantile * standardError));
        }
        return new RandomInterceptFit(coefficients, subjectVariance, residualVariance, profile.Criterion, n, groups, theta == 0);
    }

    private static double[,] Identity(int n)
    {
        var identity = new double[n, n];
        for (var i = 0; i < n; i++) identity[i, i] = 1;
        return identity;
    }

    private static double[,] Invert2(double[,] m)
    {
        var determinant = m[0, 0] * m[1, 1] - m[0, 1] * m[1, 0];
        return new[,] { { m[1, 1] / determinant, -m[0, 1] / determinant }, { -m[1, 0] / determinant, m[0, 0] / determinant } };
    }

    /// <summary>
    /// The REML criterion (−2 log restricted likelihood, lme4's "REML criterion at convergence")
    /// with σ²_e profiled out, for γ = σ²_b / σ²_e.
    /// </summary>
    private static (double Criterion, double ResidualVariance)? Profile(double[] y, double[,] x, IReadOnlyList<int> subject, Dictionary<int, int> groupSize, double gamma)
    {
        var n = y.Length;
        var p = x.GetLength(1);
        // H = I + γ ZZᵀ; H⁻¹ within a subject of size m is I − γ/(1 + mγ) J.
        var xtwx = new double[p, p];
        var xtwy = new double[p];
        var ytwy = 0.0;
        var logDetH = 0.0;
        foreach (var group in subject.Select((s, i) => (s, i)).GroupBy(pair => pair.s))
        {
            var rows = group.Select(pair => pair.i).ToArray();
            var weight = gamma / (1 + rows.Length * gamma);
            logDetH += Math.Log(1 + rows.Length * gamma);
            var xSum = new double[p];
            var ySum = 0.0;
            foreach (var r in rows)
            {
                ySum += y[r];
                for (var a = 0; a < p; a++) xSum[a] += x[r, a];
            }
            foreach (var r in rows)
            {
                ytwy += y[r] * y[r];
                for (var a = 0; a < p; a++)
                {
                    xtwy[a] += x[r, a] * y[r];
                    for (var b = 0; b < p; b++) xtwx[a, b] += x[r, a] * x[r, b];
                }
            }
            ytwy -= weight * ySum * ySum;
            for (var a = 0; a < p; a++)
            {
                xtwy[a] -= weight * xSum[a] * ySum;
                for (var b = 0; b < p; b++) xtwx[a, b] -= weight * xSum[a] * xSum[b];
            }
        }
        var inverted = Matrix.InvertSymmetricPositiveDefinite(xtwx);
        if (inverted is null) return null;
        var beta = Matrix.Multiply(inverted.Value.Inverse, xtwy);
        var residualSquares = ytwy - Matrix.Dot(beta, xtwy);
        var residualVariance = residualSquares / (n - p);
        var criterion = (n - p) * (1 + Math.Log(2 * Math.PI * residualVariance)) + logDetH + inverted.Value.LogDeterminant;
        return (criterion, residualVariance);
    }

    private static double MinimizeTheta(double[] y, double[,] x, IReadOnlyList<int> subject, Dictionary<int, int> groupSize)
    {
        double Criterion(double theta) => Profile(y, x, subject, groupSize, theta * theta)?.Criterion ?? double.PositiveInfinity;

        // A coarse scan brackets the minimum (the profile can have more than one local minimum in
        // theory), then golden-section search narrows it to the precision of a double.
        var grid = new List<double> { 0 };
        for (var e = -40; e <= 40; e++) grid.Add(Math.Pow(10, e / 10.0));
        var values = grid.Select(Criterion).ToArray();
        var best = Array.IndexOf(values, values.Min());
        var low = best == 0 ? 0 : grid[best - 1];
        var high = best == grid.Count - 1 ? grid[best] * 10 : grid[best + 1];
        var golden = (Math.Sqrt(5) - 1) / 2;
        var c = high - golden * (high - low);
        var d = low + golden * (high - low);
        var fc = Criterion(c);
        var fd = Criterion(d);
        for (var i = 0; i < 200 && high - low > 1e-13 * Math.Max(1, high); i++)
        {
            if (fc <= fd)
            {
                high = d; d = c; fd = fc;
                c = high - golden * (high - low); fc = Criterion(c);
            }
            else
            {
                low = c; c = d; fc = fd;
                d = low + golden * (high - low); fd = Criterion(d);
            }
        }
        var theta = (low + high) / 2;
        return Criterion(0) <= Criterion(theta) ? 0 : theta;
    }
}
