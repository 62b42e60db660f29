using TrialOps.Postgres;

namespace TrialOps.Randomization;

/// <summary>
/// Where the seed-sealing key of <see cref="AesGcmSeedSealer"/> comes from: the environment
/// variable <c>TRIALOPS_SEED_KEY</c> (base64 of 32 bytes; for servers, containers and key vaults
/// that inject secrets), else the file <c>seed-sealing.key</c> in TRIALOPS_HOME (default
/// <c>~/.trialops</c>), created with mode 0600 on first use.
/// </summary>
/// <remarks>
/// Whoever holds the key can unseal every list's seed and so regenerate any randomization list
/// from it; that is how an inspector verifies that a recorded list is exactly what the generator
/// produced from its seed, and how a Coordinator's list extension continues the same random
/// streams. Treat it as unblinding material: only the operators of the installation (and, for an
/// inspection, the inspector) hold it; no blinded role ever gets it, no page, API or export shows
/// it, and it never goes into the database or its backups. Losing it does not lose any
/// allocation (the entries are recorded), but lists can then no longer be extended or
/// reproduced from their seeds.
/// </remarks>
public static class SeedKeyStore
{
    public const string KeyVariable = "TRIALOPS_SEED_KEY";

    public const string KeyFileName = "seed-sealing.key";

    public const int KeyBytes = HomeKeyFile.KeyBytes;

    private static readonly HomeKeyFile Key = new("seed-sealing key", KeyVariable, KeyFileName);

    /// <summary>An <see cref="AesGcmSeedSealer"/> with the key from <see cref="LoadOrCreateKey"/>.</summary>
    public static AesGcmSeedSealer CreateSealer(Func<string, string?>? getEnvironmentVariable = null, string? home = null) =>
        new(LoadOrCreateKey(getEnvironmentVariable, home));

    /// <summary>The key from TRIALOPS_SEED_KEY, else from (a newly created) <c>seed-sealing.key</c> in the home folder.</summary>
    /// <param name="getEnvironmentVariable">Reads TRIALOPS_SEED_KEY, TRIALOPS_HOME and HOME; the process environment by default.</param>
    /// <param name="home">The TrialOps home folder; null resolves TRIALOPS_HOME as the database does.</param>
    /// <exception cref="InvalidOperationException">The variable or the file does not hold a usable key, or the file is readable by others.</exception>
    public static byte[] LoadOrCreateKey(Func<string, string?>? getEnvironmentVariable = null, string? home = null) =>
        Key.LoadOrCreate(getEnvironmentVariable, home);

    /// <summary>The path of the key file for a home folder (null resolves TRIALOPS_HOME).</summary>
    public static string KeyFilePath(string? home = null) => Key.PathIn(home);
}

/// <summary>A sealer whose key is loaded the first time a seed is sealed or unsealed (a process that never touches a seed never needs the key).</summary>
public sealed class DeferredSeedSealer(Func<ISeedSealer> create) : ISeedSealer
{
    private readonly Lazy<ISeedSealer> _sealer = new(create, LazyThreadSafetyMode.ExecutionAndPublication);

    public string Seal(ReadOnlySpan<byte> seed, string context) => _sealer.Value.Seal(seed, context);

    public byte[] Unseal(string sealedSeed, string context) => _sealer.Value.Unseal(sealedSeed, context);
}
