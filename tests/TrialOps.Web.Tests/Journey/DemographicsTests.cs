using System.Net;
using System.Text;
using TrialOps.Common;
using TrialOps.Participants;
using TrialOps.Web.Tests.Trials;

namespace TrialOps.Web.Tests.Journey;

/// <summary>
/// Demographics at screening (issue 11, item 1): entered by site staff through the API and the
/// demographics page, shown on the participant page, corrected only with a reason.
/// </summary>
public sealed class DemographicsTests(DemoTrialFixture trial) : IClassFixture<DemoTrialFixture>
{
    private const string Trial = $"/api/v1/trials/{TrialAppFixture.Code}";

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    [Fact]
    public async Task site_staff_record_demographics_through_the_api_and_correct_them_only_with_a_reason()
    {
        var subject = await trial.RandomizedParticipantAsync();
        using var nurse = await trial.ApiClientAsync(Roles.DataEntry);
        var url = $"{Trial}/participants/{subject}/demographics";

        var wrongTerm = await (await nurse.PostAsync(url, Json("""{"birthDate":"1961-04-02","sex":"female","race":"WHITE","ethnicity":"NOT HISPANIC OR LATINO"}"""))).ProblemAsync(400);
        Assert.True(wrongTerm.GetProperty("errors").TryGetProperty("sex", out _));
        var recorded = await nurse.PostAsync(url, Json("""{"birthDate":"1961-04-02","sex":"F","race":"WHITE","ethnicity":"NOT HISPANIC OR LATINO"}"""));
        Assert.Equal(HttpStatusCode.OK, recorded.StatusCode);

        var noReason = await (await nurse.PostAsync(url, Json("""{"birthDate":"1961-04-02","sex":"M","race":"WHITE","ethnicity":"NOT HISPANIC OR LATINO"}"""))).ProblemAsync(400);
        Assert.True(noReason.GetProperty("errors").TryGetProperty("reason", out _));
        var corrected = await nurse.PostAsync(url, Json("""{"birthDate":"1961-04-02","sex":"M","race":"WHITE","ethnicity":"NOT HISPANIC OR LATINO","reason":"Entered for the wrong participant"}"""));
        Assert.Equal(HttpStatusCode.OK, corrected.StatusCode);

        var events = (await trial.Runtime.Store.ReadStreamAsync(ParticipantStreams.For(TrialAppFixture.Demo.Code, subject))).Select(e => e.Data).ToArray();
        Assert.Equal("F", events.OfType<DemographicsRecorded>().Last().Sex);
        Assert.Equal(("M", "Entered for the wrong participant"), events.OfType<DemographicsCorrected>().Select(e => (e.Sex, e.Reason)).Single());

        using var pharmacist = await trial.ApiClientAsync(Roles.Pharmacist);
        Assert.Equal(HttpStatusCode.Forbidden, (await pharmacist.PostAsync(url, Json("""{"birthDate":"1961-04-02","sex":"F","race":"WHITE","ethnicity":"UNKNOWN","reason":"x"}"""))).StatusCode);
    }

    [Fact]
    public async Task the_demographics_page_records_them_and_the_participant_page_shows_them()
    {
        var subject = await trial.RandomizedParticipantAsync();
        using var nurse = await trial.SignedInAsync(Roles.DataEntry);
        var participant = $"/trials/{TrialAppFixture.Code}/participants/{subject}";
        var page = $"{participant}/demographics";

        var missing = await Forms.PostAsync(nurse, page, "demographics", new() { ["Input.BirthDate"] = "1975-08-30", ["Input.Race"] = "ASIAN", ["Input.Ethnicity"] = "NOT REPORTED" });
        Assert.Equal(HttpStatusCode.OK, missing.StatusCode);
        Assert.Contains("Sex must be one of", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var saved = await Forms.PostAsync(nurse, page, "demographics", new() { ["Input.BirthDate"] = "1975-08-30", ["Input.Sex"] = "F", ["Input.Race"] = "ASIAN", ["Input.Ethnicity"] = "NOT REPORTED" });

        Assert.Equal($"{participant}?done=demographics", saved.RedirectPath());
        var shown = await nurse.GetStringAsync(participant);
        Assert.Contains("born 1975-08-30, Female, Asian, Not reported", shown, StringComparison.Ordinal);
        Assert.Contains("Reason for the correction", await nurse.GetStringAsync(page), StringComparison.Ordinal);
    }
}
