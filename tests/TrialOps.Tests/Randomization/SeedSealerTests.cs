using System.Security.Cryptography;
using TrialOps.Randomization;

namespace TrialOps.Tests.Randomization;

public class SeedSealerTests
{
    private static readonly byte[] Key = RandomizationListGeneratorTests.FixedSeed(100);
    private static readonly byte[] Seed = RandomizationListGeneratorTests.FixedSeed(101);

    [Fact]
    public void a_sealed_seed_unseals_to_the_seed_under_the_same_key_and_context()
    {
        var sealer = new AesGcmSeedSealer(Key);

        var sealedSeed = sealer.Seal(Seed, "randomization-KET-NP-01-S01");

        Assert.Equal(Seed, sealer.Unseal(sealedSeed, "randomization-KET-NP-01-S01"));
    }

    [Fact]
    public void a_sealed_seed_does_not_contain_the_seed_and_differs_each_time()
    {
        var sealer = new AesGcmSeedSealer(Key);

        var first = sealer.Seal(Seed, "randomization-KET-NP-01-S01");
        var second = sealer.Seal(Seed, "randomization-KET-NP-01-S01");

        Assert.NotEqual(first, second);
        Assert.DoesNotContain(Convert.ToBase64String(Seed), first);
        Assert.DoesNotContain(Convert.ToHexString(Seed), Convert.ToHexString(Convert.FromBase64String(first)));
    }

    [Fact]
    public void a_seed_sealed_for_one_list_does_not_unseal_for_another()
    {
        var sealer = new AesGcmSeedSealer(Key);
        var sealedSeed = sealer.Seal(Seed, "randomization-KET-NP-01-S01");

        Assert.ThrowsAny<CryptographicException>(() => sealer.Unseal(sealedSeed, "randomization-KET-NP-01-S02"));
    }

    [Fact]
    public void another_key_or_an_altered_text_does_not_unseal()
    {
        var sealedSeed = new AesGcmSeedSealer(Key).Seal(Seed, "ctx");
        var altered = Convert.FromBase64String(sealedSeed);
        altered[^1] ^= 1;

        Assert.ThrowsAny<CryptographicException>(() => new AesGcmSeedSealer(RandomizationListGeneratorTests.FixedSeed(102)).Unseal(sealedSeed, "ctx"));
        Assert.ThrowsAny<CryptographicException>(() => new AesGcmSeedSealer(Key).Unseal(Convert.ToBase64String(altered), "ctx"));
        Assert.ThrowsAny<CryptographicException>(() => new AesGcmSeedSealer(Key).Unseal("not base64!", "ctx"));
    }

    [Fact]
    public void a_key_that_is_not_an_aes_key_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new AesGcmSeedSealer(new byte[20]));
    }
}
