using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using TrialOps.Common;
using TrialOps.Dosing;
using TrialOps.Identity;
using TrialOps.Messaging;
using TrialOps.Participants;
using TrialOps.Web.Tests.Trials;

namespace TrialOps.Web.Tests.Pharmacy;

/// <summary>
/// Issue 13, item 5 (ADR 0020): the second check of a preparation is signed by another pharmacist
/// with their password, through the API and the pharmacy page; nobody else can be named, and the
/// page shows who prepared and who verified. A capped dose is made up to the matched volume.
/// </summary>
public sealed class DoseCheckSignatureWebTests(DemoTrialFixture trial) : IClassFixture<DemoTrialFixture>
{
    private const string Trial = $"/api/v1/trials/{TrialAppFixture.Code}";

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    private static string Preparation(string kit, DateTimeOffset at, string checker, string password) =>
        JsonSerializer.Serialize(new { kit, preparedAt = Time(at), checkedBy = checker, checkerPassword = password });

    /// <summary>A randomized participant weighed for period 1 (at <paramref name="kg"/>), and the kit of that period.</summary>
    private async Task<(SubjectNumber Subject, string Kit, DateTimeOffset WeighedAt)> WeighedAsync(decimal kg = 71.5m)
    {
        var subject = await trial.RandomizedParticipantAsync();
        var weighedAt = DateTimeOffset.UtcNow.AddMinutes(-30);
        await TrialAppFixture.Must(trial.Commands.SendCommandAsync(CommandContext.New(trial.ActorOf(Roles.DataEntry)), new RecordSessionWeight(TrialAppFixture.Demo.Code, subject, 1, weighedAt, kg)));
        var (state, _) = await trial.ParticipantRegister.LoadAsync(TrialAppFixture.Demo.Code, subject);
        return (subject, state.Kits[1].ToString(), weighedAt);
    }

    private async Task<string> NewPharmacistAsync(string name)
    {
        var created = await trial.Identity.CreateUserAsync(
            CommandContext.New(new Actor(IdentityService.AdministratorUserName, Roles.Administrator)),
            new NewUser(name, "Test checker", Roles.Pharmacist, ["S01"], TrialAppFixture.Password));
        Assert.True(created.Accepted, created.Rejection?.Message);
        return name;
    }

    [Fact]
    public async Task through_the_api_only_another_pharmacist_with_their_password_signs_the_check()
    {
        var (subject, kit, weighedAt) = await WeighedAsync();
        var url = $"{Trial}/participants/{subject}/sessions/1/preparation";
        using var pharmacist = await trial.ApiClientAsync(Roles.Pharmacist);
        var at = weighedAt.AddMinutes(5);

        foreach (var blinded in new[] { Roles.Coordinator, Roles.DataEntry, Roles.Investigator, Roles.Monitor, Roles.Statistician })
        {
            var refused = await (await pharmacist.PostAsync(url, Json(Preparation(kit, at, trial.UserOf(blinded), TrialAppFixture.Password)))).ProblemAsync(400);
            Assert.Equal("dosing.checker-not-pharmacist", refused.GetProperty("code").GetString());
            Assert.True(refused.GetProperty("errors").TryGetProperty("checkedBy", out _));
        }

        var nobody = await (await pharmacist.PostAsync(url, Json(Preparation(kit, at, "nobody.here", TrialAppFixture.Password)))).ProblemAsync(400);
        Assert.Equal("dosing.checker-not-pharmacist", nobody.GetProperty("code").GetString());
        var self = await (await pharmacist.PostAsync(url, Json(Preparation(kit, at, trial.UserOf(Roles.Pharmacist), TrialAppFixture.Password)))).ProblemAsync(400);
        Assert.Equal("dosing.same-checker", self.GetProperty("code").GetString());
        var unsigned = await (await pharmacist.PostAsync(url, Json($$"""{"kit":"{{kit}}","preparedAt":"{{Time(at)}}","checkedBy":"{{TrialAppFixture.SecondPharmacist}}"}"""))).ProblemAsync(400);
        Assert.Equal("dosing.checker-password-required", unsigned.GetProperty("code").GetString());

        Assert.Equal(HttpStatusCode.OK, (await pharmacist.PostAsync(url, Json(Preparation(kit, at, TrialAppFixture.SecondPharmacist, TrialAppFixture.Password)))).StatusCode);
        var (state, _) = await trial.ParticipantRegister.LoadAsync(TrialAppFixture.Demo.Code, subject);
        var prepared = state.Session(1).Preparation!;
        Assert.Equal((TrialAppFixture.SecondPharmacist, "verified", trial.UserOf(Roles.Pharmacist)), (prepared.CheckedBy, prepared.CheckMeaning, prepared.PreparedBy));
        Assert.NotNull(prepared.CheckSignedAt);
    }

    [Fact]
    public async Task a_wrong_checker_password_is_refused_and_counts_as_a_failed_attempt_of_that_user()
    {
        var checker = await NewPharmacistAsync("pharmacist.wrong");
        var (subject, kit, weighedAt) = await WeighedAsync();
        using var pharmacist = await trial.ApiClientAsync(Roles.Pharmacist);

        var wrong = await (await pharmacist.PostAsync($"{Trial}/participants/{subject}/sessions/1/preparation", Json(Preparation(kit, weighedAt.AddMinutes(5), checker, "not-the-password")))).ProblemAsync(400);

        Assert.Equal(DoseCheck.WrongPassword, wrong.GetProperty("code").GetString());
        Assert.True(wrong.GetProperty("errors").TryGetProperty("checkerPassword", out _));
        var (state, _) = await trial.ParticipantRegister.LoadAsync(TrialAppFixture.Demo.Code, subject);
        Assert.Null(state.Session(1).Preparation);
        var account = (await trial.Runtime.Store.ReadStreamAsync(UserStreams.For(checker), null, default)).Select(e => e.Data).ToArray();
        Assert.Equal(1, Assert.Single(account.OfType<SignatureFailed>()).ConsecutiveFailures);
        await using var raw = trial.Runtime.DataSource.CreateCommand($"SELECT coalesce(string_agg(data::text || metadata::text, E'\\n'), '') FROM {EventStore.EventStore.EventsView} events WHERE stream_id = $1");
        raw.Parameters.Add(new Npgsql.NpgsqlParameter<string> { TypedValue = UserStreams.For(checker) });
        Assert.DoesNotContain("not-the-password", (string)(await raw.ExecuteScalarAsync())!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task the_pharmacy_page_records_the_signed_check_and_shows_who_prepared_and_who_verified()
    {
        var (subject, kit, weighedAt) = await WeighedAsync();
        var page = $"/trials/{TrialAppFixture.Code}/pharmacy/{subject}/1";
        using var client = await trial.SignedInAsync(Roles.Pharmacist);
        var form = new Dictionary<string, string>
        {
            ["Input.Kit"] = kit,
            ["Input.PreparedAt"] = weighedAt.AddMinutes(5).UtcDateTime.ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture),
            ["Input.CheckedBy"] = trial.UserOf(Roles.Coordinator),
            ["Input.CheckerPassword"] = TrialAppFixture.Password,
        };

        var blinded = await Forms.PostAsync(client, page, "prepare", form);
        var refusal = await blinded.Content.ReadAsStringAsync();
        Assert.Contains("cannot sign this check", refusal, StringComparison.Ordinal);
        Assert.DoesNotContain(TrialAppFixture.Password, refusal, StringComparison.Ordinal);
        Assert.Null((await trial.ParticipantRegister.LoadAsync(TrialAppFixture.Demo.Code, subject)).Participant.Session(1).Preparation);

        form["Input.CheckedBy"] = TrialAppFixture.SecondPharmacist;
        var signed = await Forms.PostAsync(client, page, "prepare", form);
        Assert.Equal(HttpStatusCode.Redirect, signed.StatusCode);

        var html = await client.GetStringAsync(page);
        Assert.Matches($"id=\"prepared-by\">{trial.UserOf(Roles.Pharmacist)}<", html);
        Assert.Contains($"{TrialAppFixture.SecondPharmacist} — signed (verified)", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task when_the_cap_applies_the_pharmacist_is_told_the_make_up_volume_and_the_bedside_sees_one_volume()
    {
        using var pharmacist = await trial.ApiClientAsync(Roles.Pharmacist);
        using var nurse = await trial.ApiClientAsync(Roles.DataEntry);
        SubjectNumber? activeFirst = null;
        for (var i = 0; i < 8 && activeFirst is null; i++)
        {
            var (subject, _, _) = await WeighedAsync(120m);
            var dose = await pharmacist.GetFromJsonAsync<JsonElement>($"{Trial}/participants/{subject}/sessions/1/pharmacy");
            Assert.Equal("Study infusion, 60 mL over 40 min", dose.GetProperty("blindedInstruction").GetString());
            if (dose.GetProperty("placebo").GetBoolean())
            {
                Assert.Equal(JsonValueKind.Null, dose.GetProperty("makeUpMl").ValueKind);
                continue;
            }

            Assert.True(dose.GetProperty("capped").GetBoolean());
            Assert.Equal(50m, dose.GetProperty("total").GetDecimal());
            Assert.Equal(10m, dose.GetProperty("makeUpMl").GetDecimal());
            activeFirst = subject;
        }

        Assert.NotNull(activeFirst);
        using var client = await trial.SignedInAsync(Roles.Pharmacist);
        var html = await client.GetStringAsync($"/trials/{TrialAppFixture.Code}/pharmacy/{activeFirst}/1");
        Assert.Contains("id=\"make-up\"", html, StringComparison.Ordinal);
        Assert.Contains("add 10 mL of diluent to make the preparation up to 60 mL", html, StringComparison.Ordinal);
        var session = await nurse.GetFromJsonAsync<JsonElement>($"{Trial}/participants/{activeFirst}/sessions/1");
        Assert.Equal("Study infusion, 60 mL over 40 min", session.GetProperty("instruction").GetString());
    }
}
