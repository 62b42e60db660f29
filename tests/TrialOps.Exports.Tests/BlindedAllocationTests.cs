using TrialOps.Common;
using TrialOps.Identity;
using TrialOps.Messaging;
using TrialOps.Protocols;
using TrialOps.Runtime;
using TrialOps.Seed;
using TrialOps.Testing;

namespace TrialOps.Exports.Tests;

/// <summary>
/// What the blind protects is the allocation (ADR 0022): the same trial run twice, with the same
/// participants, times and outcomes but two different randomization lists, gives the same
/// subject-level blinded files. Whatever differed by treatment (arm or sequence per subject,
/// treatment per period, a dose that differs by arm) would make them differ.
/// </summary>
public sealed class BlindedAllocationTests
{
    /// <summary>The datasets with one or more records per subject.</summary>
    private static readonly string[] SubjectLevel = ["DM", "SE", "SV", "EX", "EC", "AE", "VS", "QS", "DS", "IE", "DV", "SUPPAE", "SUPPDS", "SUPPDV", "SUPPEC", "SUPPEX"];

    /// <summary>
    /// Identifiers drawn at random in each run, whatever the allocation: kit numbers (a second
    /// stream of each list's own random seed, the same kind of number in every arm) and the
    /// adverse-event ids the site's system generates.
    /// </summary>
    private static readonly string[] RandomIdentifiers = ["EXREFID", "ECREFID", "AESPID"];

    [Fact]
    public async Task two_allocations_of_the_same_trial_give_identical_subject_level_blinded_files()
    {
        var first = await RunAndExportAsync();
        var second = await RunAndExportAsync();
        // Each run draws its list from a fresh seed: ten participants get the same allocation twice
        // about once in eighty runs. Run again until it differs (five runs alike: about 1 in 3·10^9).
        for (var run = 2; second.Allocation == first.Allocation && run <= 5; run++)
        {
            second = await RunAndExportAsync();
        }

        Assert.NotEqual(first.Allocation, second.Allocation);
        var compared = 0;
        foreach (var domain in SubjectLevel)
        {
            var path = domain.ToLowerInvariant() + ".csv";
            Assert.Equal(File.Exists(Path.Combine(first.Directory, path)), File.Exists(Path.Combine(second.Directory, path)));
            if (!File.Exists(Path.Combine(first.Directory, path)))
            {
                continue;
            }

            var (expected, actual) = (Masked(first.Directory, domain), Masked(second.Directory, domain));
            Assert.Equal(expected.Count, actual.Count);
            for (var row = 0; row < expected.Count; row++)
            {
                Assert.True(expected[row] == actual[row], $"{domain} row {row + 1} differs between the two allocations:\n{expected[row]}\n{actual[row]}");
            }

            compared += expected.Count;
        }

        Assert.True(compared > 500, $"only {compared} records compared");

        // Nor does any blinded file name a treatment outside the trial title in TS.
        Assert.Empty(OdmChecks.TreatmentSecretsIn(first.Directory, first.Protocol));
    }

    private static List<string> Masked(string directory, string domain)
    {
        var (header, rows) = ExportFiles.ReadCsv(Path.Combine(directory, domain.ToLowerInvariant() + ".csv"));
        var masked = header.Select((name, index) => (name, index)).Where(c => RandomIdentifiers.Contains(c.name)).Select(c => c.index).ToHashSet();
        return rows.Select(row => string.Join('|', row.Select((value, index) => masked.Contains(index) ? "*" : value))).ToList();
    }

    private static async Task<(string Directory, string Allocation, ProtocolDefinition Protocol)> RunAndExportAsync()
    {
        var database = new DatabaseFixture();
        await database.InitializeAsync();
        try
        {
            return await RunAndExportAsync(database);
        }
        finally
        {
            await database.DisposeAsync();
        }
    }

    private static async Task<(string Directory, string Allocation, ProtocolDefinition Protocol)> RunAndExportAsync(DatabaseFixture database)
    {
        var file = DemoTrial.KetNp01();
        var protocol = ProtocolFile.Parse(file).Definition!;

        // Every treatment simulated alike (the placebo's profile), so that outcomes do not depend
        // on the allocation; the clock stands still, so recording times are the same in both runs.
        var defaults = DemoEffects.DefaultsFor(protocol);
        var placebo = defaults.Treatments[protocol.Treatments.First(t => t.Placebo).Code];
        var effects = defaults with { Treatments = protocol.Treatments.ToDictionary(t => t.Code, _ => placebo, StringComparer.Ordinal) };
        var runtime = await TrialOpsRuntime.StartAsync(
            database.ConnectionString,
            clock: new StandingClock(new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero)),
            messaging: new MessagingOptions { Hold = TimeSpan.FromDays(36500) },
            seedSealer: ExportTrialFixture.Sealer);
        await using (runtime)
        {
            await DemoTrial.RunAsync(runtime, file, new DemoOptions(10, Seed: 11, Parallelism: 1, Effects: effects));
            var created = await new IdentityService(runtime).CreateUserAsync(
                CommandContext.New(new Actor("cli:tests", Roles.Administrator)),
                new NewUser(ExportTrialFixture.Statistician.UserId, "Statistician", Roles.Statistician, [], ExportTrialFixture.Password));
            Assert.True(created.Accepted, created.Rejection?.Message);
            await runtime.Projections.CatchUpAllAsync();
            var directory = Path.Combine(Path.GetTempPath(), $"trialops-allocation-{Guid.NewGuid():N}");
            var export = await new TrialExporter(runtime).ExportAsync(protocol.Code.Value, directory, true, null, ExportTrialFixture.Statistician);
            Assert.True(export.Succeeded, export.Rejection?.Message);

            var position = await EventStore.ChainVerifier.LedgerHeadPositionAsync(runtime.DataSource);
            var trial = (await TrialAsOf.ReadAsync(runtime.Store, protocol.Code, position, unblinded: true, CancellationToken.None))!;
            var allocation = string.Join(';', trial.Allocations.OrderBy(a => a.Key.ToString(), StringComparer.Ordinal)
                .Select(a => $"{a.Key}={string.Join('/', a.Value.Allocation.TreatmentCodes(protocol))}"));
            return (directory, allocation, protocol);
        }
    }

    private sealed class StandingClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
