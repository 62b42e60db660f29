using System.Diagnostics;
using Npgsql;
using TrialOps.AdverseEvents;
using TrialOps.Audit;
using TrialOps.Blinding;
using TrialOps.Dosing;
using TrialOps.Messaging;
using TrialOps.Participants;
using TrialOps.Protocols;
using TrialOps.Randomization;
using TrialOps.Runtime;

namespace TrialOps.Seed;

/// <summary>How big a demo run is. The same seed gives the same participants, times and values.</summary>
/// <param name="Participants">People to screen in this run (a few become screen failures).</param>
/// <param name="Seed">Seeds Bogus; allocations come from the trial's own (secret) list seeds.</param>
/// <param name="Parallelism">Participants worked on at the same time.</param>
/// <param name="Effects">The simulation behind the values (<see cref="DemoEffectsFile"/>); null: <see cref="DemoEffects.DefaultsFor"/> the protocol.</param>
public sealed record DemoOptions(int Participants, int Seed, int Parallelism = 4, DemoEffects? Effects = null);

public sealed record DemoParticipantOutcome(string Subject, string Site, ParticipantStatus Status);

/// <summary>What a demo run did.</summary>
public sealed record DemoReport(
    string Protocol,
    bool ProtocolImported,
    IReadOnlyList<DemoParticipantOutcome> Participants,
    int Commands,
    TimeSpan Elapsed)
{
    public int Completed => Participants.Count(p => p.Status == ParticipantStatus.Completed);

    public int Withdrawn => Participants.Count(p => p.Status == ParticipantStatus.Withdrawn);

    public int ScreenFailed => Participants.Count(p => p.Status == ParticipantStatus.ScreenFailed);

    public string Summary =>
        $"{Protocol}: {Participants.Count} participants ({Completed} completed, {Withdrawn} withdrawn, {ScreenFailed} screen failures) "
        + $"in {Commands} commands, {Elapsed.TotalSeconds:0.0} s";
}

/// <summary>A command of the demo was refused: the generator planned something the rules do not allow.</summary>
public sealed class DemoException(string message) : Exception(message);

/// <summary>
/// Generates a demo trial: participants screened across the sites, a screen failure, randomization,
/// every period with plausible weights, doses, pain scores from a simulation worth analysing
/// (<see cref="DemoModel"/>: eligible baselines, placebo response, per-treatment effects over time,
/// period effect, optional carryover, dropouts), vital signs, adverse events at rates that differ by
/// treatment, a planned withdrawal, one serious adverse event with a
/// follow-up and one emergency unblinding. Everything goes through the real commands
/// (sent through Wolverine to their handlers); no row is inserted
/// directly. Clinical times lie in the past, anchored on the runtime clock, with every washout
/// respected. See <c>seed/README.md</c>.
/// </summary>
public static class DemoTrial
{
    /// <summary>Advisory lock key of <see cref="SeedIfEmptyAsync"/> ("DEMOSEED" in ASCII).</summary>
    private const long SeedLockKey = 0x4445_4D4F_5345_4544;

    /// <summary>The demo protocol shipped with the generator (<c>seed/KET-NP-01.json</c>).</summary>
    public static byte[] KetNp01()
    {
        using var stream = typeof(DemoTrial).Assembly.GetManifestResourceStream("seed/KET-NP-01.json")
            ?? throw new InvalidOperationException("The demo protocol is not embedded in this build.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    /// <summary>
    /// Seeds the KET-NP-01 demo trial when no protocol has been imported yet (an empty database);
    /// returns null and does nothing otherwise. For the web app's first start.
    /// </summary>
    public static async Task<DemoReport?> SeedIfEmptyAsync(
        TrialOpsRuntime runtime,
        int participants = 24,
        int seed = 42,
        Action<string>? log = null,
        CancellationToken ct = default)
    {
        // One seeder at a time: web nodes starting together must not both seed.
        await using var connection = await runtime.DataSource.OpenConnectionAsync(ct);
        await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_lock($1)", connection))
        {
            lockCommand.Parameters.Add(new NpgsqlParameter<long> { TypedValue = SeedLockKey });
            await lockCommand.ExecuteNonQueryAsync(ct);
        }

        try
        {
            await using (var command = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM mt_streams WHERE id LIKE 'protocol-%')", connection))
            {
                if ((bool)(await command.ExecuteScalarAsync(ct))!)
                {
                    return null;
                }
            }

            return await RunAsync(runtime, KetNp01(), new DemoOptions(participants, seed), log, ct);
        }
        finally
        {
            await using var unlock = new NpgsqlCommand("SELECT pg_advisory_unlock($1)", connection);
            unlock.Parameters.Add(new NpgsqlParameter<long> { TypedValue = SeedLockKey });
            await unlock.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    /// <summary>
    /// Imports the protocol if its code is new, then runs <see cref="DemoOptions.Participants"/> new
    /// participants (new subject numbers after those already used) through the trial.
    /// </summary>
    /// <remarks>Lists are generated and extended with the runtime's seed sealer (<see cref="TrialOpsRuntime.SeedSealer"/>).</remarks>
    /// <exception cref="DemoException">The protocol file is invalid, or a command was refused.</exception>
    public static async Task<DemoReport> RunAsync(TrialOpsRuntime runtime, byte[] protocolFile, DemoOptions options, Action<string>? log = null, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Participants, 1);
        var stopwatch = Stopwatch.StartNew();
        var history = new ProtocolHistory(runtime.Store);
        var parse = ProtocolFile.Parse(protocolFile);
        if (parse.Definition is not { } fileDefinition)
        {
            throw new DemoException("The protocol file is not valid: " + string.Join("; ", parse.ProblemLines));
        }

        var imported = false;
        var protocol = await history.DefinitionAsync(fileDefinition.Code.Value, ct);
        if (protocol is null)
        {
            var outcome = await runtime.Bus.SendCommandAsync<ImportProtocolFile, ProtocolImportOutcome>(CommandContext.New(DemoStaff.Sponsor), new ImportProtocolFile(protocolFile), ct);
            if (!outcome.Succeeded)
            {
                throw new DemoException($"Importing {fileDefinition.Code} failed: {outcome.Rejection?.Message ?? string.Join("; ", outcome.Problems)}");
            }

            imported = true;
            protocol = await history.DefinitionAsync(fileDefinition.Code.Value, ct)
                ?? throw new DemoException($"Protocol {fileDefinition.Code} is not readable after its import.");
            log?.Invoke($"Imported protocol {protocol.Code} version {protocol.Version}.");
        }

        if (options.Effects is { } effects && protocol.Treatments.FirstOrDefault(t => !effects.Treatments.ContainsKey(t.Code)) is { } missing)
        {
            throw new DemoException($"The effects do not describe treatment {missing.Code} of {protocol.Code}: read them for this protocol.");
        }

        var run = new DemoRun(runtime, protocol, options, log);
        var outcomes = await run.RunAsync(ct);
        return new DemoReport(protocol.Code.Value, imported, outcomes, run.Commands, stopwatch.Elapsed);
    }
}
