using System.Runtime.Versioning;
using TrialOps.Randomization;

namespace TrialOps.Tests.Randomization;

/// <summary>The key file's mode is a Unix permission; TrialOps runs its key store on Unix.</summary>
[UnsupportedOSPlatform("windows")]
public sealed class SeedKeyStoreTests : IDisposable
{
    private readonly string _home = Path.Combine(Path.GetTempPath(), "trialops-seedkey-" + Guid.NewGuid().ToString("N")[..8]);

    public void Dispose()
    {
        if (Directory.Exists(_home))
        {
            Directory.Delete(_home, recursive: true);
        }
    }

    [Fact]
    public void without_the_variable_a_key_file_readable_only_by_its_owner_is_created_once_and_reused()
    {
        var first = SeedKeyStore.LoadOrCreateKey(NoVariables, _home);
        var second = SeedKeyStore.LoadOrCreateKey(NoVariables, _home);

        var path = Path.Combine(_home, "seed-sealing.key");
        Assert.Equal(32, first.Length);
        Assert.Equal(first, second);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.Equal(first, Convert.FromBase64String(File.ReadAllText(path).Trim()));
    }

    [Fact]
    public void the_variable_wins_over_the_file()
    {
        var key = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
        SeedKeyStore.LoadOrCreateKey(NoVariables, _home);

        var loaded = SeedKeyStore.LoadOrCreateKey(name => name == "TRIALOPS_SEED_KEY" ? Convert.ToBase64String(key) : null, _home);

        Assert.Equal(key, loaded);
    }

    [Theory]
    [InlineData("not base64!")]
    [InlineData("AAECAwQFBgcICQoLDA0ODw==")]
    public void a_variable_that_is_not_32_bytes_of_base64_is_refused(string value)
    {
        var error = Assert.Throws<InvalidOperationException>(() => SeedKeyStore.LoadOrCreateKey(name => name == "TRIALOPS_SEED_KEY" ? value : null, _home));

        Assert.Contains("TRIALOPS_SEED_KEY", error.Message);
    }

    [Fact]
    public void a_key_file_other_users_can_read_is_refused()
    {
        SeedKeyStore.LoadOrCreateKey(NoVariables, _home);
        var path = Path.Combine(_home, "seed-sealing.key");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        var error = Assert.Throws<InvalidOperationException>(() => SeedKeyStore.LoadOrCreateKey(NoVariables, _home));

        Assert.Contains("chmod 600", error.Message);
    }

    [Fact]
    public void a_sealer_from_the_stored_key_opens_what_it_sealed()
    {
        var seed = RandomizationListGenerator.NewSeed();

        var sealedSeed = SeedKeyStore.CreateSealer(NoVariables, _home).Seal(seed, "randomization-KET-NP-01-S01");

        Assert.Equal(seed, SeedKeyStore.CreateSealer(NoVariables, _home).Unseal(sealedSeed, "randomization-KET-NP-01-S01"));
    }

    private static string? NoVariables(string name) => null;
}
