using System.Buffers.Binary;
using System.Numerics;

namespace TrialOps.Cdisc;

/// <summary>
/// IBM System/370 double-precision hexadecimal floating point, the numeric encoding of SAS XPORT
/// version 5 (SAS TS-140). Layout, big-endian: 1 sign bit, 7-bit exponent of 16 biased by 64, and a
/// 56-bit fraction F, so that value = (-1)^sign × F × 16^(exponent − 64) × 2^−56. A normalized
/// fraction has a non-zero leading hex digit, so it holds 53 to 56 significant bits.
/// </summary>
/// <remarks>
/// Every finite IEEE double between the smallest normalized IBM magnitude (16^−65 ≈ 5.4E−79) and the
/// largest (≈ 7.2E+75) converts exactly: its 53-bit significand shifted left by at most 3 bits fits
/// the 56-bit fraction. Smaller magnitudes are rounded to the nearest of zero and 16^−65, because
/// common readers (pandas among them) decode only normalized fractions. Larger magnitudes, NaN and
/// infinities cannot be represented and are refused: SAS missing values are written with
/// <see cref="WriteMissing"/>, never as NaN.
/// Decoding rounds to the nearest double (ties to even) when a fraction carries more than 53
/// significant bits, which only happens for values that did not originate as an IEEE double.
/// </remarks>
public static class IbmFloat
{
    /// <summary>The first byte of the SAS standard missing value <c>.</c>, followed by seven zero bytes.</summary>
    public const byte MissingMarker = 0x2E;

    private const ulong FractionMask = 0x00FF_FFFF_FFFF_FFFFUL;
    private const int MinBinaryExponent = -260;
    private const int MaxBinaryExponent = 251;

    /// <summary>Smallest positive normalized IBM double, 16^−65.</summary>
    public static readonly double MinNormal = Math.ScaleB(1.0, MinBinaryExponent);

    /// <summary>Largest double the format holds, (1 − 2^−53) × 16^63 (the IBM maximum rounded down to 53 bits).</summary>
    public static readonly double MaxValue = Math.ScaleB((double)(FractionMask >> 3 << 3), 4 * 127 - 256 - 56);

    /// <summary>Encodes <paramref name="value"/> into 8 big-endian bytes.</summary>
    /// <exception cref="ArgumentOutOfRangeException">NaN, infinity, or a magnitude above <see cref="MaxValue"/>.</exception>
    public static void Write(double value, Span<byte> destination)
    {
        if (destination.Length < 8)
        {
            throw new ArgumentException("An IBM double needs 8 bytes.", nameof(destination));
        }

        BinaryPrimitives.WriteUInt64BigEndian(destination, ToBits(value));
    }

    /// <summary>Encodes <paramref name="value"/> as the 64-bit IBM pattern (sign bit first).</summary>
    public static ulong ToBits(double value)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value,
                "NaN and infinity have no IBM 370 representation; write a missing value (null) instead.");
        }

        ulong ieee = BitConverter.DoubleToUInt64Bits(value);
        ulong sign = ieee & 0x8000_0000_0000_0000UL;
        int biasedBinaryExponent = (int)((ieee >> 52) & 0x7FF);
        if (biasedBinaryExponent == 0)
        {
            // Zero (either sign) and IEEE subnormals, which lie far below 16^-65. SAS writes zero as
            // eight zero bytes, so negative zero loses its sign here.
            return 0;
        }

        int binaryExponent = biasedBinaryExponent - 1023;
        ulong significand = (ieee & 0x000F_FFFF_FFFF_FFFFUL) | (1UL << 52);
        if (binaryExponent < MinBinaryExponent)
        {
            // Round to the nearest of 0 and 16^-65 (= 2^-260); the midpoint 2^-261 rounds to zero (even).
            return binaryExponent == MinBinaryExponent - 1 && significand > 1UL << 52
                ? sign | (1UL << 52)
                : 0;
        }

        if (binaryExponent > MaxBinaryExponent)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value,
                $"The magnitude exceeds the largest IBM 370 double ({MaxValue:R}).");
        }

        // value = significand × 2^(e−52) with significand in [2^52, 2^53). Choose the hex exponent h
        // with 16^(h−1) ≤ |value| < 16^h; then fraction = significand << (e mod 4) is exact.
        int hexExponent = (binaryExponent >> 2) + 1;
        ulong fraction = significand << (binaryExponent & 3);
        ulong biasedHexExponent = (ulong)(hexExponent + 64);
        return sign | (biasedHexExponent << 56) | fraction;
    }

    /// <summary>Writes the SAS missing value <c>.</c>: 0x2E followed by seven zero bytes.</summary>
    public static void WriteMissing(Span<byte> destination)
    {
        if (destination.Length < 8)
        {
            throw new ArgumentException("An IBM double needs 8 bytes.", nameof(destination));
        }

        destination[..8].Clear();
        destination[0] = MissingMarker;
    }

    /// <summary>
    /// True when the bytes hold a SAS missing value: <c>.</c> (0x2E), <c>._</c> (0x5F) or <c>.A</c>–<c>.Z</c>
    /// (0x41–0x5A) followed by zero bytes. Accepts the 2–8 byte truncated numerics XPORT allows.
    /// </summary>
    public static bool IsMissing(ReadOnlySpan<byte> source)
    {
        if (source.IsEmpty)
        {
            return false;
        }

        byte first = source[0];
        bool marker = first == MissingMarker || first == 0x5F || (first >= 0x41 && first <= 0x5A);
        return marker && !source[1..].ContainsAnyExcept((byte)0);
    }

    /// <summary>
    /// Decodes a 2–8 byte big-endian IBM double (shorter values are the leading bytes, as SAS stores
    /// numerics of length below 8). Returns null for SAS missing values.
    /// </summary>
    public static double? Read(ReadOnlySpan<byte> source)
    {
        if (source.Length is < 2 or > 8)
        {
            throw new ArgumentException("An XPORT numeric is 2 to 8 bytes long.", nameof(source));
        }

        if (IsMissing(source))
        {
            return null;
        }

        Span<byte> padded = stackalloc byte[8];
        padded.Clear();
        source.CopyTo(padded);
        return FromBits(BinaryPrimitives.ReadUInt64BigEndian(padded));
    }

    /// <summary>Decodes the 64-bit IBM pattern (sign bit first) to the nearest double.</summary>
    public static double FromBits(ulong bits)
    {
        ulong fraction = bits & FractionMask;
        if (fraction == 0)
        {
            return 0.0;
        }

        bool negative = (bits & 0x8000_0000_0000_0000UL) != 0;
        int biasedHexExponent = (int)((bits >> 56) & 0x7F);

        // value = fraction × 2^(4 × (biasedHexExponent − 64) − 56)
        int scale = 4 * (biasedHexExponent - 64) - 56;
        int bitLength = 64 - BitOperations.LeadingZeroCount(fraction);
        if (bitLength > 53)
        {
            int drop = bitLength - 53;
            ulong kept = fraction >> drop;
            ulong remainder = fraction & ((1UL << drop) - 1);
            ulong half = 1UL << (drop - 1);
            if (remainder > half || (remainder == half && (kept & 1) == 1))
            {
                kept++;
            }

            fraction = kept;
            scale += drop;
        }

        // fraction < 2^54 after rounding, so the conversion to double is exact, and the result lies
        // well inside the normal IEEE range, so ScaleB is exact too.
        double magnitude = Math.ScaleB((double)fraction, scale);
        return negative ? -magnitude : magnitude;
    }
}
