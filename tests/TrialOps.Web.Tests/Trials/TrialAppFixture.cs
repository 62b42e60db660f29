using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using TrialOps.AdverseEvents;
using TrialOps.Audit;
using TrialOps.Blinding;
using TrialOps.Common;
using TrialOps.Dosing;
using TrialOps.Identity;
using TrialOps.Messaging;
using TrialOps.Participants;
using TrialOps.Protocols;
using TrialOps.Randomization;
using TrialOps.Runtime;
using TrialOps.Seed;
using TrialOps.Testing;
using TrialOps.Web.Hosting;
using Wolverine;

namespace TrialOps.Web.Tests.Trials;

/// <summary>
/// The web app on its own database with one user per role, and either the demo trial seeded at
/// start-up by the real generator (<see cref="DemoTrialFixture"/>) or an empty database
/// (<see cref="EmptyTrialFixture"/>, <c>TrialOps:SeedDemo=false</c>). One per test class.
/// </summary>
public abstract class TrialAppFixture : IAsyncLifetime
{
    public const string Password = "a-long-enough-password";
    /// <summary>A second pharmacist (password <see cref="Password"/>), who signs the double check of preparations.</summary>
    public const string SecondPharmacist = "pharmacist2";

    public const string AdminPassword = "first-start-password-for-trial-tests";
    public const string Code = "KET-NP-01";

    /// <summary>A fixed seed-sealing key, so the tests never write a key file into a home folder.</summary>
    public static readonly string SeedKey = Convert.ToBase64String(Enumerable.Range(0, 32).Select(i => (byte)(i * 11 + 5)).ToArray());

    public static readonly ProtocolDefinition Demo = ProtocolFile.Parse(DemoTrial.KetNp01()).Definition!;

    private readonly DatabaseFixture database = new();
    private readonly AppLog log = new();
    private readonly Dictionary<string, string> users = new(StringComparer.Ordinal);
    private WebApplicationFactory<Program>? app;

    protected abstract bool SeedDemo { get; }

    public WebApplicationFactory<Program> App => app ?? throw new InvalidOperationException("Not initialized.");

    public TrialOpsRuntime Runtime => App.Services.GetRequiredService<TrialOpsRuntimeHost>().Runtime;

    public ParticipantRegister ParticipantRegister => App.Services.GetRequiredService<ParticipantRegister>();

    public ProtocolViews ProtocolViews => App.Services.GetRequiredService<ProtocolViews>();

    public AdverseEventRegister AdverseEventRegister => App.Services.GetRequiredService<AdverseEventRegister>();

    public ParticipantTimelines ParticipantTimelines => App.Services.GetRequiredService<ParticipantTimelines>();

    /// <summary>Wolverine's bus of the app, through which commands are sent.</summary>
    public IMessageBus Commands => App.Services.GetRequiredService<IMessageBus>();

    public IdentityService Identity => App.Services.GetRequiredService<IdentityService>();

    /// <summary>The user name of the test user in a role (every role has one; "admin" for Administrator).</summary>
    public string UserOf(string role) => users[role];

    public Actor ActorOf(string role) => new(UserOf(role), role);

    public async Task InitializeAsync()
    {
        await database.InitializeAsync();
        app = new TrialApp(database.ConnectionString, log, SeedDemo);
        _ = app.Server;
        users[Roles.Administrator] = IdentityService.AdministratorUserName;
        var admin = new Actor(IdentityService.AdministratorUserName, Roles.Administrator);
        foreach (var role in Roles.All.Where(r => r != Roles.Administrator))
        {
            var name = role.ToLowerInvariant() + "1";
            var created = await Identity.CreateUserAsync(CommandContext.New(admin), new NewUser(name, $"Test {role}", role, ["S01", "S02"], Password));
            Assert.True(created.Accepted, created.Rejection?.Message);
            users[role] = name;
        }

        var checker = await Identity.CreateUserAsync(CommandContext.New(admin), new NewUser(SecondPharmacist, "Test second pharmacist", Roles.Pharmacist, ["S01", "S02"], Password));
        Assert.True(checker.Accepted, checker.Rejection?.Message);

        await AddDataAsync();
        await WaitForReadModelsAsync();
    }

    /// <summary>More data a test class needs, recorded after the users exist.</summary>
    protected virtual Task AddDataAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (app is not null)
        {
            await app.DisposeAsync();
        }

        await database.DisposeAsync();
        var errors = log.Errors.Where(e => !e.Contains(FailingEndpoints.Message, StringComparison.Ordinal)).ToArray();
        if (errors.Length > 0)
        {
            throw new InvalidOperationException($"The app logged errors while this class ran:{Environment.NewLine}{string.Join(Environment.NewLine, errors)}");
        }
    }

    public HttpClient Client() =>
        App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>A browser-like client signed in through the sign-in form as the test user of the role.</summary>
    public async Task<HttpClient> SignedInAsync(string role)
    {
        var client = Client();
        var response = await Forms.PostAsync(client, "/login", "login", new()
        {
            ["Input.UserName"] = UserOf(role),
            ["Input.Password"] = role == Roles.Administrator ? AdminPassword : Password,
        });
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    /// <summary>An API client with a personal token of the test user of the role.</summary>
    public Task<HttpClient> ApiClientAsync(string role) => TokenClientAsync(UserOf(role));

    /// <summary>
    /// An API client of a user in <paramref name="role"/> granted only <paramref name="sites"/>
    /// (created on first use, named after <paramref name="tag"/>, the role and the sites).
    /// </summary>
    public async Task<HttpClient> ApiClientAtSitesAsync(string role, string tag, params string[] sites)
    {
        var name = $"{role.ToLowerInvariant()}.{tag}.{string.Join("-", sites).ToLowerInvariant()}";
        if (await Identity.Directory.FindAsync(name) is null)
        {
            var admin = new Actor(IdentityService.AdministratorUserName, Roles.Administrator);
            Assert.True((await Identity.CreateUserAsync(CommandContext.New(admin), new NewUser(name, $"{role} {name}", role, sites, Password))).Accepted);
        }

        return await TokenClientAsync(name);
    }

    private async Task<HttpClient> TokenClientAsync(string userName)
    {
        var issued = await Identity.IssueTokenAsync(CommandContext.New(new Actor(IdentityService.AdministratorUserName, Roles.Administrator)), userName);
        Assert.True(issued.Result.Accepted, issued.Result.Rejection?.Message);
        var client = Client();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", issued.Token!.Token);
        return client;
    }

    /// <summary>
    /// Waits until every async projection has applied every committed event (the dashboard and lists
    /// read them), at most 60 s: dozens of apps share the test cluster and two cores here, and a
    /// failure says where each read model stood and who hosted it.
    /// </summary>
    public async Task WaitForReadModelsAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            // Every projection that is not paused (the ledger on ours, the read models on Marten's
            // daemon) has applied every committed event.
            var statuses = await Runtime.Projections.StatusAsync();
            if (statuses.Count >= 4 && statuses.All(s => s.Status == "paused" || s.CaughtUp))
            {
                return;
            }

            if (DateTime.UtcNow >= deadline)
            {
                await using var newest = Runtime.DataSource.CreateCommand("SELECT coalesce(max(seq_id), 0) FROM event_hashes");
                var last = Convert.ToInt64(await newest.ExecuteScalarAsync());
                Assert.Fail($"The read models did not catch up within 60 s. Newest event {last}; {string.Join("; ", statuses.Select(s => $"{s.Name} {s.Status} at {s.LastPosition}{(s.CaughtUp ? "" : " (behind)")}{(Runtime.Projections.ReadModels.Names.Contains(s.Name) ? Runtime.Projections.ReadModels.IsHostedHere(s.Name) ? " (hosted here)" : " (not hosted here)" : string.Empty)}"))}."
                    + $"{Environment.NewLine}Wolverine: {await WolverineStateAsync()}{Environment.NewLine}Recent log:{Environment.NewLine}{string.Join(Environment.NewLine, log.Recent)}");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Wolverine's nodes (with their heartbeat and capabilities) and agent assignments, for a failure message.</summary>
    private async Task<string> WolverineStateAsync()
    {
        try
        {
            await using var command = Runtime.DataSource.CreateCommand(
                "SELECT (SELECT string_agg(id::text || ' #' || node_number || ' heartbeat ' || to_char(health_check, 'HH24:MI:SS.MS') || ' capabilities ' || coalesce(array_to_string(capabilities, ','), '-'), '; ') FROM wolverine.wolverine_nodes), "
                + "(SELECT string_agg(id || ' on ' || node_id::text, '; ') FROM wolverine.wolverine_node_assignments), now()::text");
            await using var reader = await command.ExecuteReaderAsync();
            await reader.ReadAsync();
            return $"this node {Runtime.NodeId}; nodes: {(reader.IsDBNull(0) ? "none" : reader.GetString(0))}; assignments: {(reader.IsDBNull(1) ? "none" : reader.GetString(1))}; database time {reader.GetString(2)}";
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
        {
            return $"unreadable ({e.Message})";
        }
    }

    /// <summary>
    /// The Coordinator locks the demo trial (every checklist category confirmed with <paramref name="reason"/>)
    /// and the Statistician unblinds it, each signing with their password, as the status page does.
    /// </summary>
    public async Task LockAndUnblindAsync(string reason)
    {
        var (coordinator, unblinder) = (ActorOf(Roles.Coordinator), ActorOf(Roles.Statistician));
        await Must(Commands.SendCommandAsync(CommandContext.New(coordinator), new LockTrial(Demo.Code, new(coordinator.UserId, Password), coordinator, PreLockCategories.All.ToDictionary(c => c, _ => reason))));
        await Must(Commands.SendCommandAsync(CommandContext.New(unblinder), new UnblindTrial(Demo.Code, new(unblinder.UserId, Password), unblinder)));
    }

    /// <summary>Screens a new participant at the site and confirms them eligible, as the site would.</summary>
    public async Task<SubjectNumber> EligibleParticipantAsync(string site = "S01")
    {
        var protocol = Demo.Code;
        var subject = await ParticipantRegister.NextSubjectNumberAsync(protocol, site);
        await Must(Commands.SendCommandAsync(CommandContext.New(ActorOf(Roles.Coordinator)), new ScreenParticipant(protocol, site, subject, DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-2)), "2.1")));
        var answers = Demo.Eligibility.Inclusion.Select(c => new EligibilityAnswer(c.Code, true))
            .Concat(Demo.Eligibility.Exclusion.Select(c => new EligibilityAnswer(c.Code, false)))
            .ToArray();
        await Must(Commands.SendCommandAsync(CommandContext.New(ActorOf(Roles.Investigator)), new ConfirmEligibility(protocol, subject, answers)));
        return subject;
    }

    /// <summary>Screens, confirms and randomizes a new participant at S01 through the service, as the site would.</summary>
    public async Task<SubjectNumber> RandomizedParticipantAsync(string site = "S01")
    {
        var protocol = Demo.Code;
        var subject = await EligibleParticipantAsync(site);
        var randomized = await Commands.SendCommandAsync(CommandContext.New(ActorOf(Roles.Coordinator)), new EnrollParticipant(protocol, subject));
        if (randomized.Rejection?.Code == "randomization.stratum-exhausted")
        {
            await Must(Commands.SendCommandAsync(CommandContext.New(ActorOf(Roles.Coordinator)), new ExtendStratumList(protocol, site, 8, "More participants in the tests")));
            randomized = await Commands.SendCommandAsync(CommandContext.New(ActorOf(Roles.Coordinator)), new EnrollParticipant(protocol, subject));
        }

        Assert.True(randomized.Accepted, randomized.Rejection?.Message);
        return subject;
    }

    /// <summary>Records weight and preparation of a period, so that dosing can start.</summary>
    public async Task PreparedAsync(SubjectNumber subject, int period, DateTimeOffset at)
    {
        var protocol = Demo.Code;
        await Must(Commands.SendCommandAsync(CommandContext.New(ActorOf(Roles.DataEntry)), new Dosing.RecordSessionWeight(protocol, subject, period, at, 71.5m)));
        var (state, _) = await ParticipantRegister.LoadAsync(protocol, subject);
        await Must(Commands.SendCommandAsync(CommandContext.New(ActorOf(Roles.Pharmacist)), new Dosing.RecordDosePreparation(protocol, subject, period, state.Kits[period], at.AddMinutes(5), SecondPharmacist, Password)));
    }

    /// <summary>A participant whose period 1 was dosed an hour ago and whose period 2 is weighed and prepared: the washout has not elapsed.</summary>
    public async Task<SubjectNumber> InWashoutAsync()
    {
        var subject = await RandomizedParticipantAsync();
        var start = DateTimeOffset.UtcNow.AddHours(-3);
        await PreparedAsync(subject, 1, start.AddMinutes(-30));
        await Must(Commands.SendCommandAsync(CommandContext.New(ActorOf(Roles.DataEntry)), new Dosing.StartDosing(Demo.Code, subject, 1, start)));
        await Must(Commands.SendCommandAsync(CommandContext.New(ActorOf(Roles.DataEntry)), new Dosing.StopDosing(Demo.Code, subject, 1, start.AddMinutes(40), true, null)));
        await PreparedAsync(subject, 2, DateTimeOffset.UtcNow.AddMinutes(-20));
        return subject;
    }

    public static async Task Must(Task<CommandResult> command)
    {
        var result = await command;
        Assert.True(result.Accepted, $"{result.Rejection?.Code}: {result.Rejection?.Message}");
    }

    private sealed class TrialApp(string connectionString, AppLog log, bool seedDemo) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Production");
            builder.ConfigureLogging(logging => logging.AddProvider(log));
            builder.UseSetting("ConnectionStrings:TrialOps", connectionString);
            builder.UseSetting(IdentityService.AdminPasswordVariable, AdminPassword);
            builder.UseSetting("TRIALOPS_SEED_KEY", SeedKey);
            builder.UseSetting(TrialServices.SeedDemoSetting, seedDemo ? "true" : "false");
        }
    }
}

/// <summary>The demo trial KET-NP-01 as the generator seeds it on an empty database at start-up.</summary>
public sealed class DemoTrialFixture : TrialAppFixture
{
    protected override bool SeedDemo => true;
}

/// <summary>An empty database: no protocol, no demo (<c>TrialOps:SeedDemo=false</c>).</summary>
public sealed class EmptyTrialFixture : TrialAppFixture
{
    protected override bool SeedDemo => false;
}
