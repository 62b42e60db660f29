using System.Text.Json.Nodes;
using TrialOps.Participants;
using static TrialOps.Tests.Journey.JourneyFixtures;

namespace TrialOps.Tests.Journey;

public class DemographicsDecisionTests
{
    private static readonly DateOnly Born = new(1961, 4, 2);

    private static RecordDemographics Record(DateOnly? born = null, int? age = null, string sex = "F", string race = "WHITE", string ethnicity = "NOT HISPANIC OR LATINO", string? reason = null) =>
        new(Code, Subject, born, age, sex, race, ethnicity, reason);

    [Fact]
    public void site_staff_record_the_demographics_once_and_correct_them_with_a_reason()
    {
        var recorded = Single<DemographicsRecorded>(RecordDemographics.Decide(State(Screened()), Trial, Record(Born), Nurse, Now));
        Assert.Equal((Born, (int?)null, "F", "WHITE", "NOT HISPANIC OR LATINO", Nurse.UserId), (recorded.BirthDate, recorded.AgeYears, recorded.Sex, recorded.Race, recorded.Ethnicity, recorded.RecordedBy));

        var after = State(Screened(), recorded);
        Assert.Equal(new ParticipantDemographics(Born, null, "F", "WHITE", "NOT HISPANIC OR LATINO"), after.Demographics);
        Rejected(RecordDemographics.Decide(after, Trial, Record(Born, sex: "M"), Nurse, Now), "reason-required");
        Rejected(RecordDemographics.Decide(after, Trial, Record(Born, reason: "Checked again"), Nurse, Now), "correction.unchanged");

        var corrected = Single<DemographicsCorrected>(RecordDemographics.Decide(after, Trial, Record(Born, sex: "M", reason: "Sex entered wrongly"), Coordinator, Now));
        Assert.Equal(("M", "Sex entered wrongly"), (corrected.Sex, corrected.Reason));
        Assert.Equal("M", State(Screened(), recorded, corrected).Demographics!.Sex);
    }

    [Theory]
    [InlineData("X", "WHITE", "NOT HISPANIC OR LATINO", "sex")]
    [InlineData("f", "WHITE", "NOT HISPANIC OR LATINO", "sex")]
    [InlineData("F", "CAUCASIAN", "NOT HISPANIC OR LATINO", "race")]
    [InlineData("F", "WHITE", "LATINO", "ethnicity")]
    public void terms_outside_the_cdisc_codelists_are_refused_naming_the_field(string sex, string race, string ethnicity, string field)
    {
        var rejection = Rejected(RecordDemographics.Decide(State(Screened()), Trial, Record(Born, sex: sex, race: race, ethnicity: ethnicity), Nurse, Now), "demographics.invalid");

        Assert.Equal(field, rejection.Field);
    }

    [Fact]
    public void the_date_of_birth_must_be_plausible_and_the_protocol_decides_what_is_collected()
    {
        var consent = Screened().ConsentDate;
        Rejected(RecordDemographics.Decide(State(Screened()), Trial, Record(), Nurse, Now), "demographics.invalid");
        Rejected(RecordDemographics.Decide(State(Screened()), Trial, Record(consent.AddDays(1)), Nurse, Now), "demographics.invalid");
        Rejected(RecordDemographics.Decide(State(Screened()), Trial, Record(consent.AddYears(-131)), Nurse, Now), "demographics.invalid");
        Assert.Equal("ageYears", Rejected(RecordDemographics.Decide(State(Screened()), Trial, Record(Born, age: 65), Nurse, Now)).Field);

        var byAge = TrialWith(r => r["demographics"] = JsonNode.Parse("""{"age":"age"}"""));
        Assert.Equal(64, Single<DemographicsRecorded>(RecordDemographics.Decide(State(Screened()), byAge, Record(age: 64), Nurse, Now)).AgeYears);
        Assert.Equal("birthDate", Rejected(RecordDemographics.Decide(State(Screened()), byAge, Record(Born, age: 64), Nurse, Now)).Field);
        Assert.Equal("ageYears", Rejected(RecordDemographics.Decide(State(Screened()), byAge, Record(age: 131), Nurse, Now)).Field);
    }

    [Fact]
    public void only_site_staff_record_demographics_and_not_after_lock()
    {
        Rejected(RecordDemographics.Decide(State(Screened()), Trial, Record(Born), Pharmacist, Now));
        Rejected(RecordDemographics.Decide(State(Screened()), Trial, Record(Born), JourneyFixtures.Monitor, Now));
        Rejected(RecordDemographics.Decide(State(Screened()), Trial with { Locked = true }, Record(Born), Nurse, Now), "trial.locked");
        Rejected(RecordDemographics.Decide(State(), Trial, Record(Born), Nurse, Now));
    }

    [Theory]
    [InlineData("1961-04-02", "2026-04-01", 64)]
    [InlineData("1961-04-02", "2026-04-02", 65)]
    [InlineData("2000-02-29", "2026-02-28", 25)]
    [InlineData("2000-02-29", "2026-03-01", 26)]
    public void age_is_in_completed_years_on_the_date(string born, string on, int years)
    {
        var demographics = new ParticipantDemographics(DateOnly.Parse(born), null, "F", "WHITE", "UNKNOWN");

        Assert.Equal(years, demographics.AgeOn(DateOnly.Parse(on)));
    }
}
