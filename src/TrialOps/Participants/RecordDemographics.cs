using TrialOps.Messaging;
using TrialOps.Protocols;
using Wolverine;

namespace TrialOps.Participants;

/// <summary>
/// A participant's demographics as the site collected them at screening: date of birth (or the age
/// in years, where the protocol collects age), and sex, race and ethnicity as CDISC SDTM terms.
/// </summary>
public sealed record ParticipantDemographics(DateOnly? BirthDate, int? AgeYears, string Sex, string Race, string Ethnicity)
{
    /// <summary>Age in completed years on <paramref name="date"/> (from the date of birth), else the age collected.</summary>
    public int? AgeOn(DateOnly? date)
    {
        if (BirthDate is not { } birth || date is not { } on)
        {
            return AgeYears;
        }

        // Completed years: the birthday not yet reached this year (a 29 February birthday is reached on 1 March).
        var years = on.Year - birth.Year;
        return (on.Month, on.Day).CompareTo((birth.Month, birth.Day)) < 0 ? years - 1 : years;
    }
}

/// <summary>
/// The CDISC SDTM Controlled Terminology (package 2025-03, as in <c>reference/cdisc-ct</c>) for the
/// demographics a site records, with what the screen shows for each term.
/// </summary>
public static class DemographicTerms
{
    /// <summary>SEX (C66731).</summary>
    public static IReadOnlyList<(string Term, string Label)> Sexes { get; } =
        [("F", "Female"), ("M", "Male"), ("INTERSEX", "Intersex"), ("U", "Unknown")];

    /// <summary>RACE (C74457).</summary>
    public static IReadOnlyList<(string Term, string Label)> Races { get; } =
    [
        ("AMERICAN INDIAN OR ALASKA NATIVE", "American Indian or Alaska Native"), ("ASIAN", "Asian"),
        ("BLACK OR AFRICAN AMERICAN", "Black or African American"), ("NATIVE HAWAIIAN OR OTHER PACIFIC ISLANDER", "Native Hawaiian or Other Pacific Islander"),
        ("WHITE", "White"), ("OTHER", "Other"), ("NOT REPORTED", "Not reported"), ("UNKNOWN", "Unknown"),
    ];

    /// <summary>ETHNIC (C66790).</summary>
    public static IReadOnlyList<(string Term, string Label)> Ethnicities { get; } =
    [
        ("HISPANIC OR LATINO", "Hispanic or Latino"), ("NOT HISPANIC OR LATINO", "Not Hispanic or Latino"),
        ("NOT REPORTED", "Not reported"), ("UNKNOWN", "Unknown"),
    ];

    public const int MaxAge = 130;

    public static string LabelOf(IReadOnlyList<(string Term, string Label)> terms, string term) =>
        terms.FirstOrDefault(t => t.Term == term).Label ?? term;
}

/// <summary>
/// Record a participant's demographics, or correct them with the reason (the original stays). Site
/// staff of the participant's site; the protocol's <c>demographics.age</c> says whether the date of
/// birth or the age in years is collected.
/// </summary>
public sealed record RecordDemographics(
    ProtocolCode Protocol,
    SubjectNumber Subject,
    DateOnly? BirthDate,
    int? AgeYears,
    string Sex,
    string Race,
    string Ethnicity,
    string? Reason = null)
{
    public static Decision Decide(ParticipantState state, TrialContext trial, RecordDemographics command, Actor by, DateTimeOffset now)
    {
        if (JourneyRules.Role(by, JourneyRules.SiteStaff, "record demographics") is { } role)
        {
            return Decision.Reject(role);
        }

        if ((JourneyRules.Open(trial) ?? JourneyRules.Exists(state, command.Subject)) is { } rejection)
        {
            return Decision.Reject(rejection);
        }

        if (Check(state, trial.Protocol, command, now) is { } invalid)
        {
            return Decision.Reject(invalid);
        }

        var recorded = new ParticipantDemographics(command.BirthDate, command.AgeYears, command.Sex, command.Race, command.Ethnicity);
        var stream = ParticipantStreams.For(trial.Code, command.Subject);
        if (state.Demographics is null)
        {
            return Decision.Append(stream, new DemographicsRecorded(trial.Code, command.Subject, by.UserId, now, command.BirthDate, command.AgeYears, command.Sex, command.Race, command.Ethnicity));
        }

        if (JourneyRules.Reason(command.Reason) is { } reason)
        {
            return Decision.Reject(reason);
        }

        if (recorded == state.Demographics)
        {
            return Decision.Reject("correction.unchanged", "The corrected demographics are the same as the recorded ones.");
        }

        return Decision.Append(stream, new DemographicsCorrected(trial.Code, command.Subject, by.UserId, now, command.BirthDate, command.AgeYears, command.Sex, command.Race, command.Ethnicity, command.Reason!.Trim()));
    }

    private static Rejection? Check(ParticipantState state, ProtocolDefinition protocol, RecordDemographics command, DateTimeOffset now)
    {
        static Rejection Invalid(string field, string message) => new("demographics.invalid", message, field);

        if (!DemographicTerms.Sexes.Any(t => t.Term == command.Sex))
        {
            return Invalid("sex", $"Sex must be one of {string.Join(", ", DemographicTerms.Sexes.Select(t => t.Term))} (CDISC SEX).");
        }

        if (!DemographicTerms.Races.Any(t => t.Term == command.Race))
        {
            return Invalid("race", $"Race must be one of {string.Join(", ", DemographicTerms.Races.Select(t => t.Term))} (CDISC RACE).");
        }

        if (!DemographicTerms.Ethnicities.Any(t => t.Term == command.Ethnicity))
        {
            return Invalid("ethnicity", $"Ethnicity must be one of {string.Join(", ", DemographicTerms.Ethnicities.Select(t => t.Term))} (CDISC ETHNIC).");
        }

        if (protocol.AgeCollection == AgeCollection.Age)
        {
            if (command.BirthDate is not null)
            {
                return Invalid("birthDate", $"Protocol {protocol.Code} collects the age in years, not the date of birth.");
            }

            return command.AgeYears is null or < 0 or > DemographicTerms.MaxAge
                ? Invalid("ageYears", $"Give the age in years (0 to {DemographicTerms.MaxAge}).")
                : null;
        }

        if (command.AgeYears is not null)
        {
            return Invalid("ageYears", $"Protocol {protocol.Code} collects the date of birth; the age is derived from it.");
        }

        if (command.BirthDate is not { } birth)
        {
            return Invalid("birthDate", "Give the date of birth.");
        }

        var latest = state.ConsentDate ?? DateOnly.FromDateTime(now.UtcDateTime);
        if (birth > latest)
        {
            return Invalid("birthDate", $"The date of birth ({birth:yyyy-MM-dd}) cannot be after the consent date {latest:yyyy-MM-dd}.");
        }

        return birth < latest.AddYears(-DemographicTerms.MaxAge)
            ? Invalid("birthDate", $"The date of birth ({birth:yyyy-MM-dd}) is more than {DemographicTerms.MaxAge} years before the consent date {latest:yyyy-MM-dd}.")
            : null;
    }
}

/// <summary>Wolverine handler of <see cref="RecordDemographics"/>: loads what <see cref="RecordDemographics.Decide"/> needs (the participant, the protocol in force) and records its decision.</summary>
public static class RecordDemographicsHandler
{
    public static Task<CommandResult> Handle(RecordDemographics command, Envelope envelope, ParticipantDecisions decisions, CancellationToken ct) =>
        decisions.DecideAsync(envelope, command.Protocol, command.Subject, (state, trial, by, now) => RecordDemographics.Decide(state, trial, command, by, now), ct, command.Reason);
}
