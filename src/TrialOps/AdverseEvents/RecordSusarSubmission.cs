using TrialOps.Common;
using TrialOps.Messaging;
using TrialOps.Participants;
using Wolverine;

namespace TrialOps.AdverseEvents;

/// <summary>
/// The sponsor's safety officer records an expedited report of a SUSAR submitted to a regulatory
/// authority. The initial report stops the clock of a non-fatal SUSAR; for a fatal or
/// life-threatening one it starts the follow-up's 8 days. A report after its due day is flagged late.
/// </summary>
/// <param name="SubmittedOn">The calendar day (UTC) it was submitted.</param>
/// <param name="Authority">Where it went: "FDA", "EMA EudraVigilance", a national competent authority.</param>
/// <param name="Reference">The authority's or safety database's case reference, if any.</param>
/// <param name="Text">What was submitted, in short.</param>
public sealed record RecordSusarSubmission(string AdverseEventId, SusarReportKind Kind, DateOnly SubmittedOn, string Authority, string? Reference, string? Text)
{
    public const int MaxAuthorityLength = 200;

    public static readonly IReadOnlyList<string> Submitters = [Roles.SafetyOfficer];

    public static Decision Decide(AdverseEventState state, TrialContext trial, RecordSusarSubmission command, Actor by, DateTimeOffset now)
    {
        if ((JourneyRules.Role(by, Submitters, "record an expedited safety report") ?? JourneyRules.Open(trial)) is { } refused)
        {
            return Decision.Reject(refused);
        }

        if (state.Details is null)
        {
            return Decision.Reject("adverse-event.not-found", $"There is no adverse event {command.AdverseEventId}.", "adverseEventId");
        }

        if (ExpeditedReporting.ClockOf(state) is not { } clock)
        {
            return Decision.Reject("adverse-event.not-a-susar", $"Adverse event {command.AdverseEventId} is not a SUSAR (serious, related and assessed unexpected by the medical monitor).");
        }

        if (!Enum.IsDefined(command.Kind))
        {
            return Decision.Reject("adverse-event.report-kind-invalid", "Choose initial or follow-up.", "kind");
        }

        if (command.Kind == SusarReportKind.Initial && clock.Initial is { } initial)
        {
            return Decision.Reject("adverse-event.susar-already-submitted", $"The initial report was recorded as submitted on {initial.SubmittedOn:yyyy-MM-dd}; record further reports as follow-ups.", "kind");
        }

        if (command.Kind == SusarReportKind.FollowUp && clock.Initial is null)
        {
            return Decision.Reject("adverse-event.no-initial-susar-report", "Record the initial report first.", "kind");
        }

        if (command.SubmittedOn > ExpeditedReporting.Day(now + JourneyRules.ClockTolerance))
        {
            return Decision.Reject("clinical-time-in-future", $"The submission day {command.SubmittedOn:yyyy-MM-dd} lies in the future.", "submittedOn");
        }

        var earliest = command.Kind == SusarReportKind.Initial ? clock.AwareOn : clock.Initial!.SubmittedOn;
        if (command.SubmittedOn < earliest)
        {
            return Decision.Reject(
                "adverse-event.submission-too-early",
                command.Kind == SusarReportKind.Initial
                    ? $"The report cannot precede the sponsor's awareness ({earliest:yyyy-MM-dd})."
                    : $"A follow-up cannot precede the initial report ({earliest:yyyy-MM-dd}).",
                "submittedOn");
        }

        var authority = command.Authority?.Trim();
        if (string.IsNullOrEmpty(authority))
        {
            return Decision.Reject("adverse-event.authority-required", "Name the authority the report was submitted to.", "authority");
        }

        if ((InputText.Problem(authority, MaxAuthorityLength) is { } a ? ("authority", a)
            : InputText.Problem(command.Reference, MaxAuthorityLength) is { } r ? ("reference", r)
            : InputText.Problem(command.Text) is { } t ? ("text", t)
            : default) is ({ } field, { } problem))
        {
            return Decision.Reject("adverse-event.text-invalid", $"The {field} {problem}.", field);
        }

        var dueOn = command.Kind == SusarReportKind.Initial ? clock.InitialDueOn
            : clock.FollowUp is null ? clock.FollowUpDueOn
            : null;
        var submitted = new SusarReportSubmitted(
            command.AdverseEventId,
            state.Protocol!.Value,
            state.Subject,
            by.UserId,
            now,
            command.Kind,
            command.SubmittedOn,
            authority,
            string.IsNullOrWhiteSpace(command.Reference) ? null : command.Reference.Trim(),
            string.IsNullOrWhiteSpace(command.Text) ? null : command.Text.Trim(),
            dueOn,
            dueOn is { } due && command.SubmittedOn > due);
        return ExpeditedReporting.FollowClock(state, Decision.Append(AdverseEventStreams.For(command.AdverseEventId), submitted), command.AdverseEventId);
    }
}

/// <summary>Wolverine handler of <see cref="RecordSusarSubmission"/>: loads the case, its participant and the protocol in force, and records the decision.</summary>
public static class RecordSusarSubmissionHandler
{
    public static Task<CommandResult> Handle(RecordSusarSubmission command, Envelope envelope, ParticipantDecisions decisions, CancellationToken ct) =>
        decisions.DecideOnAdverseEventAsync(envelope, command.AdverseEventId, (state, _, trial, by, now) => RecordSusarSubmission.Decide(state, trial, command, by, now), ct);
}
