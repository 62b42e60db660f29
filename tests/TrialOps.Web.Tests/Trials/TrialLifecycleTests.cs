using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using TrialOps.Common;
using TrialOps.Seed;

namespace TrialOps.Web.Tests.Trials;

/// <summary>From an empty database (demo seeding switched off): import through the page, lock and unblind with signatures.</summary>
public sealed class TrialLifecycleTests(EmptyTrialFixture trial) : IClassFixture<EmptyTrialFixture>
{
    private const string Code = TrialAppFixture.Code;

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    /// <summary>
    /// Makes the read models stale for a while, as if a slow transaction elsewhere held the event
    /// sequence: a transaction reserves the next event number and stays open, so Marten's daemon
    /// applies nothing past it (ADR 0028) until it rolls back.
    /// </summary>
    private async Task HoldTrialDesignProjectionAsync(TimeSpan howLong)
    {
        await trial.WaitForReadModelsAsync();
        var connection = await trial.Runtime.DataSource.OpenConnectionAsync();
        var transaction = await connection.BeginTransactionAsync();
        await using (var reserve = new Npgsql.NpgsqlCommand("SELECT nextval('mt_events_sequence')", connection, transaction))
        {
            await reserve.ExecuteScalarAsync();
        }

        _ = Task.Run(async () =>
        {
            await Task.Delay(howLong);
            await transaction.RollbackAsync();
            await connection.DisposeAsync();
        });
    }

    [Fact]
    public async Task a_coordinator_imports_the_protocol_locks_the_database_and_a_statistician_unblinds_it()
    {
        using var coordinator = await trial.SignedInAsync(Roles.Coordinator);
        Assert.Contains("No protocol has been imported yet", await coordinator.GetStringAsync("/trials"), StringComparison.Ordinal);

        var empty = await UploadAsync(coordinator, [], "empty.json");
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        Assert.Contains("id=\"file-error\"", await empty.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var invalid = await UploadAsync(coordinator, Encoding.UTF8.GetBytes("""{"format":"trialops.protocol/1"}"""), "broken.json");
        Assert.Contains("The file is not a valid protocol; nothing was stored", await invalid.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var imported = await UploadAsync(coordinator, DemoTrial.KetNp01(), "KET-NP-01.json");
        Assert.Equal(HttpStatusCode.Redirect, imported.StatusCode);
        Assert.Equal($"/trials/{Code}/protocol?done=imported", imported.RedirectPath());
        await trial.WaitForReadModelsAsync();
        Assert.Contains("The protocol was imported", await coordinator.GetStringAsync(imported.RedirectPath()), StringComparison.Ordinal);

        var wrongSignature = await Forms.PostAsync(coordinator, $"/trials/{Code}/status", "lock", new() { ["Lock.Password"] = "not-the-password" });
        Assert.Equal(HttpStatusCode.OK, wrongSignature.StatusCode);
        Assert.Contains("<span class=\"field-error\" id=\"password-error\">The password is not correct; the database lock is not signed.", await wrongSignature.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // The status page and the dashboard show the new state at once, even while the read models
        // are behind: another node holds the trial-design projection for a few seconds.
        // Nothing is open in a trial without participants: the lock needs no reason, and records the empty review.
        await HoldTrialDesignProjectionAsync(TimeSpan.FromSeconds(5));
        var locked = await Forms.PostAsync(coordinator, $"/trials/{Code}/status", "lock", new() { ["Lock.Password"] = TrialAppFixture.Password });
        Assert.Equal($"/trials/{Code}/status?done=locked", locked.RedirectPath());
        var statusPage = await coordinator.GetStringAsync(locked.RedirectPath());
        Assert.Contains("<span class=\"status status-warn\">Locked</span>", statusPage, StringComparison.Ordinal);
        Assert.Matches("<p class=\"signature-line current\" data-signature=\"trial lock\">\\s*Signed by <strong>Test Coordinator</strong> \\([^,]+, Coordinator\\), meaning <em>approved</em>, at ", statusPage);
        var recorded = (await trial.Runtime.Store.ReadStreamAsync($"protocol-{Code}", null)).Select(e => e.Data).OfType<TrialOps.Blinding.TrialLocked>().Single();
        Assert.Equal(TrialOps.Blinding.PreLockCategories.All, recorded.Checklist!.Select(e => e.Category));
        Assert.All(recorded.Checklist!, e => Assert.Null(e.Reason));
        Assert.DoesNotContain("<span class=\"status status-on\">Open</span>", statusPage, StringComparison.Ordinal);
        Assert.Contains("Database locked", await coordinator.GetStringAsync($"/trials/{Code}"), StringComparison.Ordinal);

        using var api = await trial.ApiClientAsync(Roles.Coordinator);
        var lockedAgain = await api.PostAsync($"/api/v1/trials/{Code}/lock", Json($$"""{"password":"{{TrialAppFixture.Password}}"}"""));
        Assert.Equal("trial.already-locked", (await lockedAgain.ProblemAsync(409)).GetProperty("code").GetString());
        var screening = await api.PostAsync($"/api/v1/trials/{Code}/participants", Json("""{"site":"S01","consentDate":"2026-01-20","consentFormVersion":"2.1"}"""));
        Assert.Equal("trial.locked", (await screening.ProblemAsync(409)).GetProperty("code").GetString());

        using var statistician = await trial.ApiClientAsync(Roles.Statistician);
        var unblinded = await statistician.PostAsync($"/api/v1/trials/{Code}/unblinding", Json($$"""{"password":"{{TrialAppFixture.Password}}"}"""));
        Assert.Equal(HttpStatusCode.NoContent, unblinded.StatusCode);
        await trial.WaitForReadModelsAsync();

        var forStatistician = await statistician.GetFromJsonAsync<JsonElement>($"/api/v1/trials/{Code}");
        Assert.Equal(2, forStatistician.GetProperty("protocol").GetProperty("treatments").GetArrayLength());
        using var monitor = await trial.ApiClientAsync(Roles.Monitor);
        var forMonitor = await monitor.GetFromJsonAsync<JsonElement>($"/api/v1/trials/{Code}");
        Assert.Equal(JsonValueKind.Null, forMonitor.GetProperty("protocol").GetProperty("treatments").ValueKind);

        var noReason = await Forms.PostAsync(coordinator, $"/trials/{Code}/status", "unlock", new() { ["Unlock.Password"] = TrialAppFixture.Password });
        Assert.Contains("id=\"reason-error\"", await noReason.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await HoldTrialDesignProjectionAsync(TimeSpan.FromSeconds(5));
        var unlocked = await Forms.PostAsync(coordinator, $"/trials/{Code}/status", "unlock", new() { ["Unlock.Password"] = TrialAppFixture.Password, ["Unlock.Reason"] = "A late query on S01 needs an answer." });
        Assert.Equal($"/trials/{Code}/status?done=unlocked", unlocked.RedirectPath());
        var afterUnlock = await coordinator.GetStringAsync(unlocked.RedirectPath());
        Assert.Contains("<span class=\"status status-on\">Open</span>", afterUnlock, StringComparison.Ordinal);
        Assert.Contains("A late query on S01 needs an answer.", afterUnlock, StringComparison.Ordinal);
        Assert.Contains("<p class=\"signature-line not-current\" data-signature=\"trial lock\">", afterUnlock, StringComparison.Ordinal);
        Assert.Contains("not current: changed after signing", afterUnlock, StringComparison.Ordinal);
        Assert.Contains("data-signature=\"lifting of the trial lock\"", afterUnlock, StringComparison.Ordinal);
        await trial.WaitForReadModelsAsync();
        var audit = await coordinator.GetStringAsync($"/trials/{Code}/audit");
        Assert.Contains("Database lock of KET-NP-01 lifted (signed): A late query on S01 needs an answer.", audit, StringComparison.Ordinal);
        Assert.Contains("Trial KET-NP-01 unblinded for analysis (signed)", audit, StringComparison.Ordinal);
    }

    [Fact]
    public async Task the_import_page_is_only_for_coordinators_and_administrators()
    {
        using var dataEntry = await trial.SignedInAsync(Roles.DataEntry);

        var response = await dataEntry.GetAsync("/trials/import");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/access-denied", response.RedirectPath(), StringComparison.Ordinal);
        Assert.DoesNotContain("Import a protocol", await dataEntry.GetStringAsync("/trials"), StringComparison.Ordinal);
    }

    /// <summary>Posts the upload form the way a browser does: multipart, with the page's antiforgery token and command id.</summary>
    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, byte[] file, string fileName)
    {
        var html = await client.GetStringAsync("/trials/import");
        var form = new MultipartFormDataContent
        {
            { new StringContent("import-protocol"), "_handler" },
            { new StringContent(Forms.InputValue(html, Forms.AntiforgeryField)!), Forms.AntiforgeryField },
            { new StringContent(Forms.InputValue(html, "Input.CommandId")!), "Input.CommandId" },
            { new ByteArrayContent(file), "file", fileName },
        };
        return await client.PostAsync("/trials/import", form);
    }
}
