using TrialOps.Web.Auth;
using TrialOps.Web.Components.Pages.Worklists;
using TrialOps.Worklists;

namespace TrialOps.Web.Api;

/// <summary>One item of the caller's worklist, with the page where it is done.</summary>
public sealed record WorkItemResponse(
    string Trial,
    WorkKind Kind,
    string Subject,
    string Site,
    string What,
    DateTimeOffset? DueAt,
    DateTimeOffset? DeadlineAt,
    bool Overdue,
    int? Period,
    string? AdverseEventId,
    int? QueryNumber,
    string Href)
{
    public static WorkItemResponse From(WorkItem item) =>
        new(item.Trial, item.Kind, item.Subject, item.Site, item.What, item.DueAt, item.DeadlineAt, item.Overdue, item.Period, item.AdverseEventId, item.QueryNumber, WorklistLinks.Href(item));
}

public static class WorklistApi
{
    public static RouteGroupBuilder MapWorklistApi(this RouteGroupBuilder v1)
    {
        v1.MapGet("/worklist", async (HttpContext http, Worklist worklist) =>
                TypedResults.Ok((await worklist.ForAsync(http.User.Actor(), http.RequestAborted)).Select(WorkItemResponse.From).ToArray()))
            .WithName("GetWorklist")
            .WithSummary("What the caller should do now across the trials and sites they may reach, overdue first (the Home page's worklist).");
        return v1;
    }
}
