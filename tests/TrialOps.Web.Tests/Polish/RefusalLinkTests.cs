using System.Net;
using TrialOps.Common;
using TrialOps.Messaging;
using TrialOps.Participants;
using TrialOps.Randomization;
using TrialOps.Web.Tests.Trials;

namespace TrialOps.Web.Tests.Polish;

/// <summary>Refusals that have a fix link to it (issue 14, item 8): a used-up randomization list.</summary>
public sealed class RefusalLinkTests(DemoTrialFixture trial) : IClassFixture<DemoTrialFixture>
{
    private const string Trial = $"/trials/{TrialAppFixture.Code}";

    [Fact]
    public async Task an_exhausted_stratum_links_to_extending_its_list_on_the_participant_page_and_the_dashboard()
    {
        var protocol = TrialAppFixture.Demo.Code;
        SubjectNumber waiting;
        var guard = 0;
        while (true)
        {
            waiting = await trial.EligibleParticipantAsync("S02");
            var enrolled = await trial.Commands.SendCommandAsync(CommandContext.New(trial.ActorOf(Roles.Coordinator)), new EnrollParticipant(protocol, waiting));
            if (enrolled.Rejection?.Code == "randomization.stratum-exhausted")
            {
                break;
            }

            Assert.True(enrolled.Accepted, enrolled.Rejection?.Message);
            Assert.True(++guard < 200, "the S02 list never ran out");
        }

        using var coordinator = await trial.SignedInAsync(Roles.Coordinator);
        var refused = await Forms.PostAsync(coordinator, $"{Trial}/participants/{waiting}", "randomize", []);
        var page = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());

        Assert.Contains("is exhausted", page, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"{Trial}/randomization#extend\">Extend the list</a>", page, StringComparison.Ordinal);
        // The dashboard's stratum counts are a read model: it follows the last enrolment within about a second.
        await trial.WaitForReadModelsAsync();
        var dashboard = await coordinator.GetStringAsync(Trial);
        Assert.Contains($"exhausted</span> <a href=\"{Trial}/randomization#extend\">extend the list</a>", dashboard, StringComparison.Ordinal);
        var lists = await coordinator.GetStringAsync($"{Trial}/randomization");
        Assert.Contains("<section class=\"card\" id=\"extend\"", lists, StringComparison.Ordinal);
        Assert.Matches("S02</[a-z]+>(\\s*<td[^>]*>[^<]*</td>)*\\s*<td class=\"num\">0 \\(exhausted\\)</td>", lists);
    }
}
