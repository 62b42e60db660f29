using System.Buffers.Binary;
using System.Numerics;

namespace TrialOps.Cdisc.Tests;

public class IbmFloatTests
{
    [Theory]
    [InlineData(1.0, "4110000000000000")]
    [InlineData(-1.0, "C110000000000000")]
    [InlineData(0.5, "4080000000000000")]
    [InlineData(100.0, "4264000000000000")]
    [InlineData(-118.625, "C276A00000000000")]
    [InlineData(0.1, "401999999999999A")]
    [InlineData(0.0, "0000000000000000")]
    public void known_values_encode_to_their_published_ibm_patterns(double value, string expectedHex)
    {
        var bytes = new byte[8];

        IbmFloat.Write(value, bytes);

        Assert.Equal(expectedHex, Convert.ToHexString(bytes));
    }

    [Fact]
    public void negative_zero_is_written_as_the_all_zero_pattern_sas_uses_for_zero() =>
        Assert.Equal(0UL, IbmFloat.ToBits(-0.0));

    [Fact]
    public void missing_is_a_period_followed_by_seven_zero_bytes()
    {
        var bytes = new byte[8];

        IbmFloat.WriteMissing(bytes);

        Assert.Equal("2E00000000000000", Convert.ToHexString(bytes));
        Assert.Null(IbmFloat.Read(bytes));
    }

    [Theory]
    [InlineData("5F00000000000000")]
    [InlineData("4100000000000000")]
    [InlineData("5A00000000000000")]
    public void special_missing_values_read_as_null(string hex) =>
        Assert.Null(IbmFloat.Read(Convert.FromHexString(hex)));

    [Fact]
    public void random_doubles_encode_to_exactly_the_same_rational_value()
    {
        var random = new Random(20251121);
        foreach (double value in SampleDoubles(random, 20_000))
        {
            ulong ibm = IbmFloat.ToBits(value);

            Assert.True(EncodesExactly(ibm, value), $"{value:R} encoded as {ibm:X16}");
            Assert.True((ibm & 0x00F0_0000_0000_0000UL) != 0 || value == 0, $"{value:R} is not normalized: {ibm:X16}");
            Assert.Equal(value == 0 ? 0.0 : value, IbmFloat.FromBits(ibm));
        }
    }

    [Fact]
    public void random_ibm_patterns_decode_to_the_nearest_double()
    {
        var random = new Random(370);
        for (int i = 0; i < 20_000; i++)
        {
            ulong bits = (ulong)random.NextInt64() | (random.Next(2) == 0 ? 0 : 1UL << 63);
            if ((bits & 0x00FF_FFFF_FFFF_FFFFUL) == 0)
            {
                continue;
            }

            double decoded = IbmFloat.FromBits(bits);

            AssertNearest(bits, decoded);
        }
    }

    [Fact]
    public void fractions_with_more_than_53_bits_round_half_to_even()
    {
        // F = 2^55 + 2^2 + 2^1: bit length 56, three bits dropped, remainder 0b110 > half → rounds up.
        ulong up = (65UL << 56) | (1UL << 55) | 0b110;
        // F = 2^55 + 2^2: remainder 0b100 is exactly half, kept part is even → stays.
        ulong tieEven = (65UL << 56) | (1UL << 55) | 0b100;
        // F = 2^55 + 2^3 + 2^2: remainder half, kept part odd → rounds up to even.
        ulong tieOdd = (65UL << 56) | (1UL << 55) | 0b1100;

        Assert.Equal(Math.ScaleB((double)((1UL << 52) + 1), -49), IbmFloat.FromBits(up));
        Assert.Equal(8.0, IbmFloat.FromBits(tieEven));
        Assert.Equal(Math.ScaleB((double)((1UL << 52) + 2), -49), IbmFloat.FromBits(tieOdd));
    }

    [Fact]
    public void the_extremes_of_the_ibm_range_round_trip()
    {
        Assert.Equal(IbmFloat.MaxValue, IbmFloat.FromBits(IbmFloat.ToBits(IbmFloat.MaxValue)));
        Assert.Equal(-IbmFloat.MaxValue, IbmFloat.FromBits(IbmFloat.ToBits(-IbmFloat.MaxValue)));
        Assert.Equal(IbmFloat.MinNormal, IbmFloat.FromBits(IbmFloat.ToBits(IbmFloat.MinNormal)));
        Assert.Equal(0x0010_0000_0000_0000UL, IbmFloat.ToBits(IbmFloat.MinNormal));
        Assert.Equal(0x7FFF_FFFF_FFFF_FFF8UL, IbmFloat.ToBits(IbmFloat.MaxValue));
    }

    [Fact]
    public void magnitudes_below_the_smallest_normal_round_to_zero_or_to_it()
    {
        Assert.Equal(0UL, IbmFloat.ToBits(IbmFloat.MinNormal / 4));
        Assert.Equal(0UL, IbmFloat.ToBits(IbmFloat.MinNormal / 2));
        Assert.Equal(IbmFloat.ToBits(IbmFloat.MinNormal), IbmFloat.ToBits(IbmFloat.MinNormal * 0.75));
        Assert.Equal(IbmFloat.ToBits(-IbmFloat.MinNormal), IbmFloat.ToBits(-IbmFloat.MinNormal * 0.75));
        Assert.Equal(0UL, IbmFloat.ToBits(double.Epsilon));
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    [InlineData(1e76)]
    [InlineData(-double.MaxValue)]
    public void values_without_an_ibm_representation_are_refused(double value) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => IbmFloat.ToBits(value));

    [Fact]
    public void truncated_numerics_are_padded_with_zero_bytes()
    {
        Assert.Equal(1.0, IbmFloat.Read(Convert.FromHexString("411000")));
        Assert.Equal(-118.625, IbmFloat.Read(Convert.FromHexString("C276A0")));
    }

    private static IEnumerable<double> SampleDoubles(Random random, int count)
    {
        double[] edges =
        [
            0, 1, -1, 0.1, -0.1, 1.0 / 3, 2.0 / 3, 1e-5, 123456789.123, -987654.321, 9007199254740993.0,
            Math.Pow(2, 53), Math.PI, -Math.E, 1e75, -7e75, 1e-78, IbmFloat.MinNormal, IbmFloat.MaxValue,
            BitConverter.UInt64BitsToDouble(0x3FFF_FFFF_FFFF_FFFFUL), 15.999999999999998, 16, 0.0625, 0.062499999999999993,
        ];
        foreach (double edge in edges)
        {
            yield return edge;
        }

        for (int i = 0; i < count; i++)
        {
            double value = random.Next(3) switch
            {
                0 => BitConverter.UInt64BitsToDouble(((ulong)random.NextInt64() & 0x000F_FFFF_FFFF_FFFFUL)
                                                     | ((ulong)(1023 + random.Next(-260, 252)) << 52)),
                1 => (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-6, 12)),
                _ => Math.Round((random.NextDouble() - 0.5) * 1e6, random.Next(0, 4)),
            };
            yield return random.Next(2) == 0 ? value : -value;
        }
    }

    /// <summary>
    /// Reference decode, independent of <see cref="IbmFloat"/>: compares the IBM pattern's exact value
    /// sign × F × 2^(4(E−64)−56) with the double's exact value sign × m × 2^(e−1075) in integers.
    /// </summary>
    private static bool EncodesExactly(ulong ibm, double value)
    {
        var (ibmNumerator, ibmExponent) = ExactIbm(ibm);
        var (doubleNumerator, doubleExponent) = ExactDouble(value);
        return Compare(ibmNumerator, ibmExponent, doubleNumerator, doubleExponent) == 0;
    }

    private static void AssertNearest(ulong ibm, double decoded)
    {
        var (exact, exactExponent) = ExactIbm(ibm);
        var (candidate, candidateExponent) = ExactDouble(decoded);
        foreach (double neighbor in new[] { Math.BitIncrement(decoded), Math.BitDecrement(decoded) })
        {
            var (other, otherExponent) = ExactDouble(neighbor);
            int common = Math.Min(exactExponent, Math.Min(candidateExponent, otherExponent));
            var x = exact << (exactExponent - common);
            var distance = BigInteger.Abs((candidate << (candidateExponent - common)) - x);
            var otherDistance = BigInteger.Abs((other << (otherExponent - common)) - x);
            Assert.True(distance <= otherDistance, $"{ibm:X16} decoded to {decoded:R}, but {neighbor:R} is nearer");
            if (distance == otherDistance)
            {
                Assert.True((BitConverter.DoubleToUInt64Bits(decoded) & 1) == 0, $"{ibm:X16}: tie not rounded to even");
            }
        }
    }

    private static (BigInteger Numerator, int Exponent) ExactIbm(ulong ibm)
    {
        var fraction = new BigInteger(ibm & 0x00FF_FFFF_FFFF_FFFFUL);
        int exponent = 4 * ((int)((ibm >> 56) & 0x7F) - 64) - 56;
        return ((ibm >> 63) == 1 ? -fraction : fraction, exponent);
    }

    private static (BigInteger Numerator, int Exponent) ExactDouble(double value)
    {
        ulong bits = BitConverter.DoubleToUInt64Bits(value);
        int biased = (int)((bits >> 52) & 0x7FF);
        ulong mantissa = bits & 0x000F_FFFF_FFFF_FFFFUL;
        var significand = new BigInteger(biased == 0 ? mantissa : mantissa | (1UL << 52));
        int exponent = (biased == 0 ? 1 : biased) - 1075;
        return (value < 0 || (value == 0 && double.IsNegative(value)) ? -significand : significand, exponent);
    }

    private static int Compare(BigInteger a, int aExponent, BigInteger b, int bExponent)
    {
        int common = Math.Min(aExponent, bExponent);
        return (a << (aExponent - common)).CompareTo(b << (bExponent - common));
    }

    [Fact]
    public void reading_uses_big_endian_byte_order()
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(bytes, 0x4264_0000_0000_0000UL);

        Assert.Equal(100.0, IbmFloat.Read(bytes));
    }
}
