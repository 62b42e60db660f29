using System.Security.Cryptography;
using System.Text;
using TrialOps.Randomization;

namespace TrialOps.Tests.Randomization;

public class HmacCounterDrbgTests
{
    [Fact]
    public void the_output_is_hmac_sha256_of_the_label_and_a_big_endian_counter_so_an_inspector_can_recompute_it()
    {
        var seed = RandomizationListGeneratorTests.FixedSeed(7);
        var drbg = new HmacCounterDrbg(seed, "label");
        var output = new byte[64];

        drbg.NextBytes(output);

        byte[] Block(byte counter) => HMACSHA256.HashData(seed, (byte[])[.. Encoding.UTF8.GetBytes("label"), 0, 0, 0, 0, 0, 0, 0, 0, counter]);
        Assert.Equal([.. Block(0), .. Block(1)], output);
    }

    [Fact]
    public void the_same_seed_and_label_give_the_same_numbers_and_another_label_gives_others()
    {
        var seed = RandomizationListGeneratorTests.FixedSeed(8);
        int[] Draw(string label)
        {
            var drbg = new HmacCounterDrbg(seed, label);
            return Enumerable.Range(0, 50).Select(_ => drbg.NextInt(1000)).ToArray();
        }

        Assert.Equal(Draw("a"), Draw("a"));
        Assert.NotEqual(Draw("a"), Draw("b"));
    }

    [Fact]
    public void integers_are_uniform_over_a_range_that_does_not_divide_two_to_the_32()
    {
        var drbg = new HmacCounterDrbg(RandomizationListGeneratorTests.FixedSeed(9), "uniformity");
        const int draws = 60_000;
        var counts = new int[6];
        for (var i = 0; i < draws; i++)
        {
            counts[drbg.NextInt(6)]++;
        }

        // Chi-square with 5 degrees of freedom; 20.5 is the 0.999 quantile. The seed is fixed, so
        // this asserts a property of the sampler, not of luck.
        var expected = draws / 6.0;
        var chiSquare = counts.Sum(c => (c - expected) * (c - expected) / expected);
        Assert.True(chiSquare < 20.5, $"chi-square {chiSquare:F1} for counts {string.Join(",", counts)}");
    }

    [Fact]
    public void a_range_of_one_always_gives_zero_and_an_empty_range_is_refused()
    {
        var drbg = new HmacCounterDrbg(RandomizationListGeneratorTests.FixedSeed(10), "edge");

        Assert.Equal(0, drbg.NextInt(1));
        Assert.Throws<ArgumentOutOfRangeException>(() => drbg.NextInt(0));
    }

    [Fact]
    public void a_short_seed_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new HmacCounterDrbg(new byte[31], "short"));
    }
}
