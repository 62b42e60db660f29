using TrialOps.Messaging;
using TrialOps.Protocols;
using Wolverine;

namespace TrialOps.Participants;

/// <summary>
/// Screen a person who has signed the consent form: they get the subject number (site prefix,
/// running number; see <see cref="ParticipantRegister.NextSubjectNumberAsync"/>). The number is
/// unique within the protocol: the participant's stream is named after it, and the
/// <c>subject_numbers</c> table checks it again in the same transaction.
/// </summary>
/// <param name="Site">A site code of the protocol; the subject number must carry it as its prefix.</param>
/// <param name="ConsentDate">The date on the signed consent form.</param>
/// <param name="ConsentFormVersion">The version printed on the signed form (<c>2.1, 2026-01-15</c>).</param>
public sealed record ScreenParticipant(ProtocolCode Protocol, string Site, SubjectNumber Subject, DateOnly ConsentDate, string ConsentFormVersion)
{
    public const int MaxConsentFormVersionLength = 60;

    public static Decision Decide(ParticipantState state, TrialContext trial, ScreenParticipant command, Actor by, DateTimeOffset now)
    {
        if (JourneyRules.Role(by, JourneyRules.CoordinatorOrInvestigator, "screen a participant") is { } role)
        {
            return Decision.Reject(role);
        }

        if (SiteRules.MayScreenAt(by, command.Site) is { } notYourSite)
        {
            return Decision.Reject(notYourSite);
        }

        if (command.Subject.IsValid && !by.Access.Allows(command.Subject.Site))
        {
            // A number of another site: refused before anything about it (taken or free) is said.
            return Decision.Reject("participant.subject-number-site", $"Subject number '{command.Subject}' must start with the site code {command.Site}.", "subject");
        }

        if (JourneyRules.Open(trial) is { } locked)
        {
            return Decision.Reject(locked);
        }

        if (!trial.Protocol.Sites.Any(s => s.Code == command.Site))
        {
            return Decision.Reject(
                "participant.unknown-site",
                $"Protocol {trial.Code} has no site '{command.Site}' (sites: {string.Join(", ", trial.Protocol.Sites.Select(s => s.Code))}).",
                "site");
        }

        if (!command.Subject.IsValid || command.Subject.Site != command.Site)
        {
            return Decision.Reject("participant.subject-number-site", $"Subject number '{command.Subject}' must start with the site code {command.Site}.", "subject");
        }

        if (state.Exists)
        {
            return Decision.Reject("participant.subject-number-taken", $"Subject number {command.Subject} is already used in {trial.Code}.", "subject");
        }

        if (ConsentRules.Check(command.ConsentDate, command.ConsentFormVersion, now) is { } consent)
        {
            return Decision.Reject(consent);
        }

        return Decision.Append(
            ParticipantStreams.For(trial.Code, command.Subject),
            new ParticipantScreened(
                trial.Code,
                command.Subject,
                by.UserId,
                now,
                command.Site,
                trial.Protocol.Version,
                command.ConsentDate,
                command.ConsentFormVersion.Trim()));
    }
}

/// <summary>What a consent record must hold, at screening and when corrected.</summary>
public static class ConsentRules
{
    public static Rejection? Check(DateOnly consentDate, string? formVersion, DateTimeOffset now)
    {
        if (consentDate > DateOnly.FromDateTime(now.UtcDateTime.AddDays(1)))
        {
            return new Rejection("participant.consent-in-future", $"The consent date {consentDate:yyyy-MM-dd} lies in the future.", "consentDate");
        }

        if (consentDate.Year < 2000)
        {
            return new Rejection("participant.consent-date-implausible", $"The consent date {consentDate:yyyy-MM-dd} is implausible.", "consentDate");
        }

        if (string.IsNullOrWhiteSpace(formVersion) || formVersion.Trim().Length > ScreenParticipant.MaxConsentFormVersionLength)
        {
            return new Rejection(
                "participant.consent-form-version",
                $"Give the version of the signed consent form (1 to {ScreenParticipant.MaxConsentFormVersionLength} characters).",
                "consentFormVersion");
        }

        return null;
    }
}

/// <summary>Wolverine handler of <see cref="ScreenParticipant"/>: loads what <see cref="ScreenParticipant.Decide"/> needs (the participant, the protocol in force) and records its decision.</summary>
public static class ScreenParticipantHandler
{
    public static Task<CommandResult> Handle(ScreenParticipant command, Envelope envelope, ParticipantDecisions decisions, CancellationToken ct) =>
        decisions.ScreenAsync(envelope, command.Protocol, command.Subject, (state, trial, by, now) => ScreenParticipant.Decide(state, trial, command, by, now), ct);
}
