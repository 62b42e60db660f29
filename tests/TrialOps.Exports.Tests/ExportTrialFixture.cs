using TrialOps.Common;
using TrialOps.EventStore;
using TrialOps.Identity;
using TrialOps.Messaging;
using TrialOps.Participants;
using TrialOps.Protocols;
using TrialOps.Randomization;
using TrialOps.Runtime;
using TrialOps.Seed;
using TrialOps.Testing;

namespace TrialOps.Exports.Tests;

/// <summary>
/// A database with the KET-NP-01 demo trial, generated through the real commands by the demo
/// generator (never inserted rows), sign-in accounts for the people who lock, unblind and export,
/// and one runtime for the test class (its projection daemon holds the projections' leases).
/// <see cref="AsOf"/> is the ledger head once the demo is done: tests export as of it, so events
/// other tests append later do not change what they compare.
/// </summary>
public class ExportTrialFixture : IAsyncLifetime
{
    public const string Trial = "KET-NP-01";
    public const string Password = "export fixture signing phrase";

    public static readonly AesGcmSeedSealer Sealer = new(Enumerable.Range(0, 32).Select(i => (byte)((i * 11) + 5)).ToArray());

    private TrialOpsRuntime? _runtime;

    public DatabaseFixture Database { get; } = new();

    public TrialOpsRuntime Runtime => _runtime ?? throw new InvalidOperationException("The fixture is not initialized yet.");

    public TrialExporter Exporter => new(Runtime);

    public ProtocolDefinition Protocol { get; private set; } = null!;

    public DemoReport Demo { get; private set; } = null!;

    public long AsOf { get; private set; }

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), $"trialops-export-tests-{Guid.NewGuid():N}");

    public static Actor Statistician { get; } = new("stat.sam", Roles.Statistician);

    public static Actor Coordinator { get; } = new("coord.cleo", Roles.Coordinator);

    public static Actor Investigator { get; } = new("inv.ines", Roles.Investigator);

    public static Actor Monitor { get; } = new("mon.mo", Roles.Monitor);

    public virtual int Participants => 14;

    /// <summary>The protocol file the demo trial runs under (its code must be <see cref="TrialCode"/>).</summary>
    protected virtual byte[] ProtocolFile => DemoTrial.KetNp01();

    public virtual string TrialCode => Trial;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Folder);
        await Database.InitializeAsync();
        // Scheduled messages are held (never due here): the exported record is the demo's, not
        // whatever deadlines would fire while the tests read it.
        _runtime = await TrialOpsRuntime.StartAsync(Database.ConnectionString, messaging: new MessagingOptions { Hold = TimeSpan.FromDays(36500) }, seedSealer: Sealer);
        Demo = await DemoTrial.RunAsync(Runtime, ProtocolFile, new DemoOptions(Participants, Seed: 11, Parallelism: 2));
        Protocol = (await new ProtocolHistory(Runtime.Store).DefinitionAsync(TrialCode))!;

        var identity = new IdentityService(Runtime);
        var administrator = new Actor("cli:tests", Roles.Administrator);
        foreach (var person in new[] { Statistician, Coordinator, Investigator, Monitor })
        {
            var created = await identity.CreateUserAsync(CommandContext.New(administrator), new NewUser(person.UserId, $"{person.Role} {person.UserId}", person.Role, SitesFor(person), Password));
            Assert.True(created.Accepted, created.Rejection?.Message);
        }

        await Runtime.Projections.CatchUpAllAsync();
        AsOf = await ChainVerifier.LedgerHeadPositionAsync(Runtime.DataSource);
    }

    public async Task DisposeAsync()
    {
        if (_runtime is not null)
        {
            await _runtime.DisposeAsync();
        }

        await Database.DisposeAsync();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>
    /// The sites each person's account reaches: the Coordinator every site, the Investigator the
    /// trial's sites (an Investigator may not be given "every site"), so both may lock and lift
    /// the lock, which act on every site at once (ADR 0010); the others need no site.
    /// </summary>
    private IReadOnlyList<string> SitesFor(Actor person) => person.Role switch
    {
        Roles.Coordinator => [SiteGrants.AllSitesGrant],
        Roles.Investigator => [.. Protocol.Sites.Select(s => s.Code)],
        _ => [],
    };

    /// <summary>
    /// Screens (consent <paramref name="consentDaysAgo"/> days ago), confirms and randomizes a new
    /// participant at S01 as the site would, extending the S01 list when the earlier tests used it up.
    /// </summary>
    public async Task EnrolAsync(SubjectNumber subject, int consentDaysAgo = 3)
    {
        await MustAsync(new ScreenParticipant(Protocol.Code, "S01", subject, DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-consentDaysAgo)), "2.1"), Coordinator);
        var answers = Protocol.Eligibility.Inclusion.Select(c => new EligibilityAnswer(c.Code, true)).Concat(Protocol.Eligibility.Exclusion.Select(c => new EligibilityAnswer(c.Code, false))).ToArray();
        await MustAsync(new ConfirmEligibility(Protocol.Code, subject, answers), Investigator);
        var enrolled = await Runtime.SendAsync(CommandContext.New(Coordinator), new EnrollParticipant(Protocol.Code, subject));
        if (enrolled.Rejection?.Code == "randomization.stratum-exhausted")
        {
            await MustAsync(new ExtendStratumList(Protocol.Code, "S01", 8, "More participants for the export test"), Coordinator);
            enrolled = await Runtime.SendAsync(CommandContext.New(Coordinator), new EnrollParticipant(Protocol.Code, subject));
        }

        Assert.True(enrolled.Accepted, enrolled.Rejection?.Message);
    }

    /// <summary>Sends a command as the actor and fails the test when it is refused.</summary>
    public async Task MustAsync<T>(T command, Actor actor)
        where T : notnull
    {
        var result = await Runtime.SendAsync(CommandContext.New(actor), command);
        Assert.True(result.Accepted, $"{typeof(T).Name}: {result.Rejection?.Code} {result.Rejection?.Message}");
    }

    /// <summary>A new, not yet existing folder for one export.</summary>
    public string NewFolder(string name) => Path.Combine(Folder, $"{name}-{Guid.NewGuid():N}");

    /// <summary>Exports and asserts it succeeded.</summary>
    public async Task<ExportResult> ExportAsync(string name, bool blinded = true, long? asOf = null, Actor? actor = null)
    {
        var result = await Exporter.ExportAsync(TrialCode, NewFolder(name), blinded, asOf ?? AsOf, actor ?? Statistician);
        Assert.True(result.Succeeded, result.Rejection?.Message);
        return result;
    }
}
