using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace TrialOps.Randomization;

/// <summary>
/// A deterministic random bit generator: HMAC-SHA256 keyed with a secret seed, in counter mode
/// (block i = HMAC(seed, label || 0x00 || i as 64-bit big-endian)). Anyone holding the seed can
/// reproduce every number, which is what an inspector needs; without the seed the output cannot be
/// predicted, which is what allocation concealment needs. <see cref="System.Random"/> offers
/// neither a specified algorithm nor that guarantee. The label separates independent streams
/// drawn from one seed.
/// </summary>
public sealed class HmacCounterDrbg
{
    private readonly byte[] _key;
    private readonly byte[] _prefix;
    private readonly byte[] _block = new byte[HMACSHA256.HashSizeInBytes];
    private int _used = HMACSHA256.HashSizeInBytes;
    private ulong _counter;

    public HmacCounterDrbg(ReadOnlySpan<byte> seed, string label)
    {
        if (seed.Length < 32)
        {
            throw new ArgumentException("The seed must hold at least 256 bits.", nameof(seed));
        }

        _key = seed.ToArray();
        var labelBytes = Encoding.UTF8.GetBytes(label);
        _prefix = new byte[labelBytes.Length + 1 + sizeof(ulong)];
        labelBytes.CopyTo(_prefix, 0);
    }

    public void NextBytes(Span<byte> destination)
    {
        while (destination.Length > 0)
        {
            if (_used == _block.Length)
            {
                Refill();
            }

            var take = Math.Min(destination.Length, _block.Length - _used);
            _block.AsSpan(_used, take).CopyTo(destination);
            _used += take;
            destination = destination[take..];
        }
    }

    public uint NextUInt32()
    {
        Span<byte> bytes = stackalloc byte[sizeof(uint)];
        NextBytes(bytes);
        return BinaryPrimitives.ReadUInt32BigEndian(bytes);
    }

    /// <summary>
    /// A uniform integer in <c>[0, exclusiveMax)</c>. Draws that fall in the incomplete last
    /// stretch of the 32-bit range are rejected, so no value is more likely than another
    /// (a plain modulo would favour small values).
    /// </summary>
    public int NextInt(int exclusiveMax)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(exclusiveMax, 1);
        const ulong range = 1UL << 32;
        var accepted = range - (range % (ulong)exclusiveMax);
        while (true)
        {
            var draw = (ulong)NextUInt32();
            if (draw < accepted)
            {
                return (int)(draw % (ulong)exclusiveMax);
            }
        }
    }

    /// <summary>Fisher–Yates: every order equally likely.</summary>
    public void Shuffle<T>(Span<T> items)
    {
        for (var i = items.Length - 1; i > 0; i--)
        {
            var j = NextInt(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    private void Refill()
    {
        BinaryPrimitives.WriteUInt64BigEndian(_prefix.AsSpan(_prefix.Length - sizeof(ulong)), _counter);
        _counter++;
        HMACSHA256.HashData(_key, _prefix, _block);
        _used = 0;
    }
}
