namespace TrialOps.Analysis.Numerics;

/// <summary>
/// The dense matrix algebra of the mixed model: products, transposes and the inverse and log
/// determinant of a symmetric positive definite matrix by Cholesky. The matrices are small (a
/// trial's observations by a handful of fixed effects), so plain arrays are enough.
/// </summary>
public static class Matrix
{
    public static double[,] Multiply(double[,] left, double[,] right)
    {
        var rows = left.GetLength(0);
        var inner = left.GetLength(1);
        var columns = right.GetLength(1);
        if (right.GetLength(0) != inner) throw new ArgumentException("Matrix sizes do not conform.", nameof(right));
        var result = new double[rows, columns];
        for (var i = 0; i < rows; i++)
        {
            for (var k = 0; k < inner; k++)
            {
                var value = left[i, k];
                if (value == 0) continue;
                for (var j = 0; j < columns; j++) result[i, j] += value * right[k, j];
            }
        }
        return result;
    }

    public static double[] Multiply(double[,] left, double[] vector)
    {
        var rows = left.GetLength(0);
        var columns = left.GetLength(1);
        if (vector.Length != columns) throw new ArgumentException("Matrix and vector sizes do not conform.", nameof(vector));
        var result = new double[rows];
        for (var i = 0; i < rows; i++)
        {
            var sum = 0.0;
            for (var j = 0; j < columns; j++) sum += left[i, j] * vector[j];
            result[i] = sum;
        }
        return result;
    }

    public static double[,] Transpose(double[,] matrix)
    {
        var rows = matrix.GetLength(0);
        var columns = matrix.GetLength(1);
        var result = new double[columns, rows];
        for (var i = 0; i < rows; i++)
            for (var j = 0; j < columns; j++)
                result[j, i] = matrix[i, j];
        return result;
    }

    public static double Dot(double[] left, double[] right)
    {
        var sum = 0.0;
        for (var i = 0; i < left.Length; i++) sum += left[i] * right[i];
        return sum;
    }

    public static double Trace(double[,] matrix)
    {
        var sum = 0.0;
        for (var i = 0; i < matrix.GetLength(0); i++) sum += matrix[i, i];
        return sum;
    }

    /// <summary>tr(A·B) without forming the product.</summary>
    public static double TraceOfProduct(double[,] left, double[,] right)
    {
        var sum = 0.0;
        for (var i = 0; i < left.GetLength(0); i++)
            for (var k = 0; k < left.GetLength(1); k++)
                sum += left[i, k] * right[k, i];
        return sum;
    }

    /// <summary>
    /// The inverse and log determinant of a symmetric positive definite matrix, or null when it is
    /// not (numerically) positive definite, which for X'V⁻¹X means the fixed effects are aliased.
    /// </summary>
    public static (double[,] Inverse, double LogDeterminant)? InvertSymmetricPositiveDefinite(double[,] matrix)
    {
        var n = matrix.GetLength(0);
        var lower = new double[n, n];
        var largestDiagonal = 0.0;
        for (var i = 0; i < n; i++) largestDiagonal = Math.Max(largestDiagonal, Math.Abs(matrix[i, i]));
        for (var j = 0; j < n; j++)
        {
            var diagonal = matrix[j, j];
            for (var k = 0; k < j; k++) diagonal -= lower[j, k] * lower[j, k];
            if (!(diagonal > 1e-10 * largestDiagonal)) return null;
            lower[j, j] = Math.Sqrt(diagonal);
            for (var i = j + 1; i < n; i++)
            {
                var value = matrix[i, j];
                for (var k = 0; k < j; k++) value -= lower[i, k] * lower[j, k];
                lower[i, j] = value / lower[j, j];
            }
        }
        var logDeterminant = 0.0;
        for (var i = 0; i < n; i++) logDeterminant += 2 * Math.Log(lower[i, i]);
        // L⁻¹ by forward substitution, then A⁻¹ = L⁻ᵀ L⁻¹.
        var lowerInverse = new double[n, n];
        for (var j = 0; j < n; j++)
        {
            lowerInverse[j, j] = 1 / lower[j, j];
            for (var i = j + 1; i < n; i++)
            {
                var sum = 0.0;
                for (var k = j; k < i; k++) sum -= lower[i, k] * lowerInverse[k, j];
                lowerInverse[i, j] = sum / lower[i, i];
            }
        }
        var inverse = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j <= i; j++)
            {
                var sum = 0.0;
                for (var k = i; k < n; k++) sum += lowerInverse[k, i] * lowerInverse[k, j];
                inverse[i, j] = sum;
                inverse[j, i] = sum;
            }
        }
        return (inverse, logDeterminant);
    }
}
