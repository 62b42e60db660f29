using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using TrialOps.Common;
using TrialOps.Messaging;
using TrialOps.Web.Tests.Trials;

namespace TrialOps.Web.Tests.Journey;

/// <summary>
/// An assessment command is answered from the events it committed, without reading the participant
/// again: the answer must still be the participant as the tables hold it, whoever else wrote in
/// between and however often the same assessment is corrected.
/// </summary>
public sealed class CommandAnswerTests(DemoTrialFixture trial) : IClassFixture<DemoTrialFixture>
{
    private const string Trial = $"/api/v1/trials/{TrialAppFixture.Code}";

    [Fact]
    public async Task successive_corrections_answer_the_latest_value_and_count_also_after_another_writer_and_for_a_repeated_key()
    {
        var subject = await trial.RandomizedParticipantAsync();
        var start = DateTimeOffset.UtcNow.AddHours(-1);
        await trial.PreparedAsync(subject, 1, start.AddMinutes(-40));
        await TrialAppFixture.Must(trial.Commands.SendCommandAsync(TrialOps.Messaging.CommandContext.New(trial.ActorOf(Roles.DataEntry)), new TrialOps.Dosing.StartDosing(TrialAppFixture.Demo.Code, subject, 1, start)));
        var assessments = $"{Trial}/participants/{subject}/assessments";
        var assessedAt = start.AddMinutes(21).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        using var nurse = await trial.ApiClientAsync(Roles.DataEntry);
        Assert.Equal(HttpStatusCode.Created, (await nurse.PostAsync(assessments, Json($$"""{"period":1,"assessmentCode":"PAIN","timepoint":"PT20M","assessedAt":"{{assessedAt}}","value":48}"""))).StatusCode);

        async Task<JsonElement> CorrectAsync(decimal value, string? key = null)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"{assessments}/corrections")
            {
                Content = Json($$"""{"period":1,"assessmentCode":"PAIN","timepoint":"PT20M","assessedAt":"{{assessedAt}}","value":{{value}},"reason":"Transcription error"}"""),
            };
            request.Headers.Add("Idempotency-Key", key ?? Guid.NewGuid().ToString());
            using var response = await nurse.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return await response.Content.ReadFromJsonAsync<JsonElement>();
        }

        var first = await CorrectAsync(44);
        var second = await CorrectAsync(45);
        // Another writer (a page, in this process) corrects it in between.
        await TrialAppFixture.Must(trial.Commands.SendCommandAsync(
            TrialOps.Messaging.CommandContext.New(trial.ActorOf(Roles.DataEntry)),
            new TrialOps.Assessments.CorrectScaleAssessment(TrialAppFixture.Demo.Code, subject, 1, "PAIN", "PT20M", 46, DateTimeOffset.Parse(assessedAt, System.Globalization.CultureInfo.InvariantCulture), "Second look")));
        var key = Guid.NewGuid().ToString();
        var fourth = await CorrectAsync(47, key);
        var repeated = await CorrectAsync(47, key);

        Assert.Equal((44m, 1), (first.GetProperty("value").GetDecimal(), first.GetProperty("corrections").GetInt32()));
        Assert.Equal((45m, 2), (second.GetProperty("value").GetDecimal(), second.GetProperty("corrections").GetInt32()));
        Assert.Equal((47m, 4), (fourth.GetProperty("value").GetDecimal(), fourth.GetProperty("corrections").GetInt32()));
        Assert.Equal((47m, 4), (repeated.GetProperty("value").GetDecimal(), repeated.GetProperty("corrections").GetInt32()));
        var listed = (await nurse.GetFromJsonAsync<JsonElement>(assessments)).EnumerateArray().Single(a => a.GetProperty("assessmentCode").GetString() == "PAIN" && a.GetProperty("timepoint").GetString() == "PT20M");
        Assert.Equal((47m, 4), (listed.GetProperty("value").GetDecimal(), listed.GetProperty("corrections").GetInt32()));
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}
