using TrialOps.Messaging;
using TrialOps.Participants;
using TrialOps.Protocols;
using TrialOps.Queries;
using TrialOps.SourceVerification;
using TrialOps.Web.Auth;
using Wolverine;

namespace TrialOps.Web.Api;

/// <summary>A recorded item as a request names it: an assessment by period, code and time point; a weight or dosing time by period; consent or demographics alone; a whole period.</summary>
/// <param name="AdverseEventId">For <see cref="DataItemKind.AdverseEvent"/>: the case id.</param>
public sealed record ItemRequest(DataItemKind Kind, int? Period = null, string? AssessmentCode = null, string? Timepoint = null, string? AdverseEventId = null)
{
    public DataItem ToItem() => new(Kind, Period, AssessmentCode, Timepoint, AdverseEventId);
}

public sealed record RaiseQueryRequest(ItemRequest Target, string Text);

public sealed record AnswerQueryRequest(string Answer);

public sealed record CloseQueryRequest(string? Comment = null);

public sealed record ReopenQueryRequest(string Text);

/// <summary>The values to verify: items (a period item stands for the whole period), or none for every value of the participant.</summary>
public sealed record VerificationRequest(IReadOnlyList<ItemRequest>? Items = null);

/// <summary>A query with its conversation (raised, answered, re-opened, closed: who, when, what).</summary>
/// <param name="Item">The item in words (<c>P1 PAIN PT20M</c>).</param>
public sealed record QueryResponse(string Subject, int Number, string Item, DataItem Target, QueryStatus Status, IReadOnlyList<QueryStep> Steps)
{
    public static QueryResponse From(string subject, QueryThread query) => new(subject, query.Number, query.Target.Key, query.Target, query.Status, query.Steps);
}

/// <summary>One recorded value's verification: the version recorded now, the version verified, and its unresolved queries.</summary>
public sealed record VerificationValueResponse(string Item, DataItem Target, int Version, int Corrections, bool Verified, bool ChangedSinceVerification, int? VerifiedVersion, string? VerifiedBy, DateTimeOffset? VerifiedAt, int UnresolvedQueries);

/// <summary>Source data verification of one participant.</summary>
public sealed record ParticipantVerificationResponse(string Subject, string Site, int Values, int Verified, int ChangedSinceVerification, IReadOnlyList<VerificationValueResponse> Items);

/// <summary>The trial's monitoring at a glance: query counts and SDV progress per site and participant (the viewer's sites only).</summary>
public sealed record MonitoringSummaryResponse(int OpenQueries, int AnsweredQueries, int ClosedQueries, IReadOnlyList<SdvProgress> Sites, SdvProgress Total, IReadOnlyList<SdvProgress> Participants);

/// <summary>
/// Queries and source data verification over HTTP. Raising, closing and re-opening queries and
/// verifying are the Monitor's; answering is the site staff's. A participant of another site is
/// answered 404 like an unknown one (ADR 0010).
/// </summary>
public static class MonitoringApi
{
    public static RouteGroupBuilder MapMonitoringApi(this RouteGroupBuilder v1)
    {
        var trial = v1.MapGroup("/trials/{code}").WithTags("Queries and source data verification");
        var participant = v1.MapGroup("/trials/{code}/participants/{subject}").WithTags("Queries and source data verification").OnlyReachableSubjects();

        trial.MapGet("/queries", async Task<IResult> (string code, string? status, HttpContext http, ProtocolViews protocolViews, MonitoringViews monitoring, CancellationToken ct) =>
            {
                if (await protocolViews.GetTrialStatusAsync(code, http.User.Actor(), ct) is null)
                {
                    return TrialsApi.TrialNotFound(code);
                }

                var wanted = QueryStatus.Open;
                if (!string.IsNullOrWhiteSpace(status) && (!Enum.TryParse(status, ignoreCase: true, out wanted) || !Enum.IsDefined(wanted)))
                {
                    return TrialsApi.OutOfRange("status", $"Unknown status '{status}' (Open, Answered, Closed).");
                }

                var found = await monitoring.ForTrialAsync(code, http.User.Actor(), ct);
                return TypedResults.Ok(found.Queries(wanted).Select(q => QueryResponse.From(q.Subject, q.Query)).ToArray());
            })
            .WithName("ListQueries")
            .WithSummary("The worklist: the trial's queries in one status (Open by default: waiting for the site; Answered: waiting for the monitor), oldest step first, of the caller's sites.")
            .Produces<QueryResponse[]>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        trial.MapGet("/monitoring", async Task<IResult> (string code, HttpContext http, ProtocolViews protocolViews, MonitoringViews monitoring, CancellationToken ct) =>
            {
                if (await protocolViews.GetTrialStatusAsync(code, http.User.Actor(), ct) is null)
                {
                    return TrialsApi.TrialNotFound(code);
                }

                var found = await monitoring.ForTrialAsync(code, http.User.Actor(), ct);
                return TypedResults.Ok(new MonitoringSummaryResponse(
                    found.Count(QueryStatus.Open),
                    found.Count(QueryStatus.Answered),
                    found.Count(QueryStatus.Closed),
                    found.BySite(),
                    found.Total("All your sites"),
                    found.Participants.Select(p => new SdvProgress(p.Subject, 1, p.Values, p.Verified, p.Outdated)).ToArray()));
            })
            .WithName("GetMonitoringSummary")
            .WithSummary("Query counts and source data verification progress per site and participant (the caller's sites).")
            .Produces<MonitoringSummaryResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        participant.MapGet("/queries", async Task<IResult> (string code, string subject, HttpContext http, MonitoringViews monitoring, CancellationToken ct) =>
                await monitoring.ForParticipantAsync(code, subject, http.User.Actor(), ct) is { } state
                    ? TypedResults.Ok(state.Queries.Values.Select(q => QueryResponse.From(subject, q)).ToArray())
                    : ParticipantNotFound(code, subject))
            .WithName("ListParticipantQueries")
            .WithSummary("The participant's queries, every status, with their conversations.")
            .Produces<QueryResponse[]>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        participant.MapGet("/queries/{number:int}", async Task<IResult> (string code, string subject, int number, HttpContext http, MonitoringViews monitoring, CancellationToken ct) =>
                await monitoring.ForParticipantAsync(code, subject, http.User.Actor(), ct) is not { } state
                    ? ParticipantNotFound(code, subject)
                    : state.Queries.TryGetValue(number, out var query)
                        ? TypedResults.Ok(QueryResponse.From(subject, query))
                        : QueryNotFound(subject, number))
            .WithName("GetQuery")
            .WithSummary("One query with its conversation.")
            .Produces<QueryResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        participant.MapPost("/queries", (string code, string subject, RaiseQueryRequest request, HttpContext http, MonitoringViews monitoring, IMessageBus commands, CancellationToken ct) =>
                CommandAsync(http, monitoring, code, subject, ct, (context, protocol, number) =>
                    commands.SendCommandAsync(context, new RaiseQuery(protocol, number, request.Target.ToItem(), request.Text), ct),
                    (state, by) => state.Queries.Values.LastOrDefault(q => q.Raised.By == by.UserId && q.Raised.Text == request.Text.Trim()) is { } raised
                        ? TypedResults.Created($"{ApiEndpoints.Prefix}/trials/{code}/participants/{subject}/queries/{raised.Number}", QueryResponse.From(subject, raised))
                        : ParticipantNotFound(code, subject)))
            .WithName("RaiseQuery")
            .WithSummary("Raise a query on a recorded value, form or period (Monitor).")
            .Produces<QueryResponse>(StatusCodes.Status201Created)
            .ProducesCommandProblems();

        participant.MapPost("/queries/{number:int}/answer", (string code, string subject, int number, AnswerQueryRequest request, HttpContext http, MonitoringViews monitoring, IMessageBus commands, CancellationToken ct) =>
                QueryCommandAsync(http, monitoring, code, subject, number, ct, (context, protocol, participant) =>
                    commands.SendCommandAsync(context, new AnswerQuery(protocol, participant, number, request.Answer), ct)))
            .WithName("AnswerQuery")
            .WithSummary("Answer an open query (site staff). To answer with a correction, correct the value first with its reason; the answer then names that correction.")
            .Produces<QueryResponse>()
            .ProducesCommandProblems();

        participant.MapPost("/queries/{number:int}/close", (string code, string subject, int number, CloseQueryRequest request, HttpContext http, MonitoringViews monitoring, IMessageBus commands, CancellationToken ct) =>
                QueryCommandAsync(http, monitoring, code, subject, number, ct, (context, protocol, participant) =>
                    commands.SendCommandAsync(context, new CloseQuery(protocol, participant, number, request.Comment), ct)))
            .WithName("CloseQuery")
            .WithSummary("Close a query (Monitor).")
            .Produces<QueryResponse>()
            .ProducesCommandProblems();

        participant.MapPost("/queries/{number:int}/reopen", (string code, string subject, int number, ReopenQueryRequest request, HttpContext http, MonitoringViews monitoring, IMessageBus commands, CancellationToken ct) =>
                QueryCommandAsync(http, monitoring, code, subject, number, ct, (context, protocol, participant) =>
                    commands.SendCommandAsync(context, new ReopenQuery(protocol, participant, number, request.Text), ct)))
            .WithName("ReopenQuery")
            .WithSummary("Re-open an answered or closed query, saying what is still asked (Monitor).")
            .Produces<QueryResponse>()
            .ProducesCommandProblems();

        participant.MapGet("/verification", async Task<IResult> (string code, string subject, HttpContext http, MonitoringViews monitoring, CancellationToken ct) =>
                await monitoring.ForParticipantAsync(code, subject, http.User.Actor(), ct) is { } state
                    ? TypedResults.Ok(Verification(subject, state))
                    : ParticipantNotFound(code, subject))
            .WithName("GetSourceDataVerification")
            .WithSummary("Every recorded value of the participant with the version verified and whether it changed since.")
            .Produces<ParticipantVerificationResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        participant.MapPost("/verification", (string code, string subject, VerificationRequest request, HttpContext http, MonitoringViews monitoring, IMessageBus commands, CancellationToken ct) =>
                CommandAsync(http, monitoring, code, subject, ct, (context, protocol, number) =>
                    commands.SendCommandAsync(context, new VerifySourceData(protocol, number, request.Items?.Select(i => i.ToItem()).ToArray()), ct),
                    (state, _) => TypedResults.Ok(Verification(subject, state))))
            .WithName("VerifySourceData")
            .WithSummary("Mark values verified against the source (Monitor): the items named (a period item is the whole period), or every value when none are named.")
            .Produces<ParticipantVerificationResponse>()
            .ProducesCommandProblems();

        return v1;
    }

    private static ParticipantVerificationResponse Verification(string subject, MonitoringState state)
    {
        var items = state.Values.Values
            .OrderBy(v => v.Item.Period ?? 0).ThenBy(v => v.ChangedInVersion)
            .Select(v => new VerificationValueResponse(
                v.Item.Key, v.Item, v.ChangedInVersion, v.Corrections, v.Verified, v.VerificationOutdated, v.VerifiedVersion, v.VerifiedBy, v.VerifiedAt,
                state.Unresolved.Count(q => q.Target.Covers(v.Item))))
            .ToArray();
        var site = SubjectNumber.TryParse(subject, out var number) ? number.Site : string.Empty;
        return new ParticipantVerificationResponse(subject, site, items.Length, items.Count(i => i.Verified), items.Count(i => i.ChangedSinceVerification), items);
    }

    private static Task<IResult> QueryCommandAsync(HttpContext http, MonitoringViews monitoring, string code, string subject, int number, CancellationToken ct, Func<CommandContext, ProtocolCode, SubjectNumber, Task<CommandResult>> command) =>
        CommandAsync(http, monitoring, code, subject, ct, command, (state, _) => state.Queries.TryGetValue(number, out var query)
            ? TypedResults.Ok(QueryResponse.From(subject, query))
            : QueryNotFound(subject, number));

    /// <summary>Sends a command on an existing participant and answers from their monitoring state as it is afterwards.</summary>
    private static async Task<IResult> CommandAsync(
        HttpContext http,
        MonitoringViews monitoring,
        string code,
        string subject,
        CancellationToken ct,
        Func<CommandContext, ProtocolCode, SubjectNumber, Task<CommandResult>> command,
        Func<MonitoringState, Actor, IResult> answer)
    {
        if (!ApiResults.TryGetCommandContext(http, out var context, out var problem))
        {
            return problem!;
        }

        if (!ProtocolCode.TryParse(code, out var protocol) || !SubjectNumber.TryParse(subject, out var number)
            || await monitoring.ForParticipantAsync(code, subject, context.Actor, ct) is null)
        {
            return ParticipantNotFound(code, subject);
        }

        var result = await command(context, protocol, number);
        if (!result.Accepted)
        {
            return ApiResults.Rejected(result.Rejection!);
        }

        return await monitoring.ForParticipantAsync(code, subject, context.Actor, ct) is { } state ? answer(state, context.Actor) : ParticipantNotFound(code, subject);
    }

    private static RouteHandlerBuilder ProducesCommandProblems(this RouteHandlerBuilder builder) =>
        builder.ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

    private static IResult ParticipantNotFound(string code, string subject) =>
        TrialsApi.NotFound("participant.not-found", $"There is no participant {subject} in trial {code}.");

    private static IResult QueryNotFound(string subject, int number) =>
        TrialsApi.NotFound("query.not-found", $"Participant {subject} has no query {number}.");
}
