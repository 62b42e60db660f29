using System.Security.Cryptography;

namespace TrialOps.Postgres;

/// <summary>
/// A secret key kept outside the database: from an environment variable (base64 of
/// <see cref="KeyBytes"/> bytes; for servers, containers and key vaults that inject secrets), else
/// from a file in TRIALOPS_HOME (default <c>~/.trialops</c>), created with mode 0600 on first use.
/// A file readable by others is refused.
/// </summary>
/// <param name="Description">What the key is, for error messages ("seed-sealing key").</param>
/// <param name="Variable">The environment variable that may hold it.</param>
/// <param name="FileName">The file in the home folder otherwise.</param>
public sealed record HomeKeyFile(string Description, string Variable, string FileName)
{
    public const int KeyBytes = 32;

    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>The key from the variable, else from (a newly created) file in the home folder.</summary>
    /// <param name="getEnvironmentVariable">Reads the variable, TRIALOPS_HOME and HOME; the process environment by default.</param>
    /// <param name="home">The TrialOps home folder; null resolves TRIALOPS_HOME as the database does.</param>
    /// <exception cref="InvalidOperationException">The variable or the file does not hold a usable key, or the file is readable by others.</exception>
    public byte[] LoadOrCreate(Func<string, string?>? getEnvironmentVariable = null, string? home = null)
    {
        var environment = getEnvironmentVariable ?? Environment.GetEnvironmentVariable;
        if (environment(Variable) is { Length: > 0 } fromEnvironment)
        {
            return Decode(fromEnvironment, $"the {Variable} variable");
        }

        var folder = home ?? new TrialOpsDatabaseOptions { GetEnvironmentVariable = environment }.ResolveHome();
        var path = Path.Combine(folder, FileName);
        if (!File.Exists(path))
        {
            Create(folder, path);
        }

        return Read(path);
    }

    /// <summary>The path of the key file for a home folder (null resolves TRIALOPS_HOME).</summary>
    public string PathIn(string? home = null) =>
        Path.Combine(home ?? new TrialOpsDatabaseOptions().ResolveHome(), FileName);

    private void Create(string folder, string path)
    {
        Directory.CreateDirectory(folder);
        var temporary = Path.Combine(folder, $".{FileName}.{Environment.ProcessId}.{Guid.NewGuid():N}");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerOnly;
        }

        try
        {
            using (var writer = new StreamWriter(temporary, options))
            {
                writer.WriteLine(Convert.ToBase64String(RandomNumberGenerator.GetBytes(KeyBytes)));
            }

            // A rename never overwrites here: when another process created the key first, its key wins.
            File.Move(temporary, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private byte[] Read(string path)
    {
        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & ~(OwnerOnly | UnixFileMode.UserExecute)) != 0)
        {
            throw new InvalidOperationException(
                $"The {Description} {path} is accessible to other users; restrict it (chmod 600 {path}) before TrialOps uses it.");
        }

        return Decode(File.ReadAllText(path).Trim(), path);
    }

    private byte[] Decode(string text, string source)
    {
        byte[] key;
        try
        {
            key = Convert.FromBase64String(text.Trim());
        }
        catch (FormatException)
        {
            throw new InvalidOperationException($"The {Description} in {source} is not base64.");
        }

        return key.Length == KeyBytes
            ? key
            : throw new InvalidOperationException($"The {Description} in {source} must be {KeyBytes} bytes, found {key.Length}.");
    }
}
