using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using TrialOps.AdverseEvents;
using TrialOps.Assessments;
using TrialOps.Common;
using TrialOps.Dosing;
using TrialOps.EventStore;
using TrialOps.Messaging;
using TrialOps.Participants;
using TrialOps.Randomization;

namespace TrialOps.Exports.Tests;

/// <summary>KET-NP-02's sites under a code of its own: S01 in Amsterdam, S02 in Sydney.</summary>
public sealed class SiteClockTrialFixture : ExportTrialFixture
{
    public const string Code = "KET-NP-TZ";

    public override int Participants => 6;

    public override string TrialCode => Code;

    public IReadOnlyDictionary<string, string> TimeZones => Protocol.Sites.ToDictionary(s => s.Code, s => s.TimeZone, StringComparer.Ordinal);

    protected override byte[] ProtocolFile
    {
        get
        {
            var root = JsonNode.Parse(File.ReadAllText(Path.Combine(ExportFiles.RepositoryRoot(), "seed", "KET-NP-02.json")))!.AsObject();
            root["code"] = Code;
            return Encoding.UTF8.GetBytes(root.ToJsonString());
        }
    }
}

/// <summary>
/// Issue 14 item 4 (ADR 0031): SDTM --DTC values are the site's local time with its offset and
/// --DY count the site's calendar dates; ADaM dates and datetimes are the same local values. A
/// dose at 00:30 in Sydney or Amsterdam is on the previous day in UTC: the study days are checked
/// by Python's zoneinfo from the exported files, not by our clock code.
/// </summary>
public sealed class SiteClockExportTests(SiteClockTrialFixture fixture) : IClassFixture<SiteClockTrialFixture>
{
    private static readonly Actor Coordinator = new("coord.tess", Roles.Coordinator);
    private static readonly Actor Investigator = new("inv.ivan", Roles.Investigator);
    private static readonly Actor Nurse = new("nurse.nora", Roles.DataEntry);
    private static readonly Actor Pharmacist = new("pharm.pete", Roles.Pharmacist);

    [Fact]
    public async Task a_dose_at_half_past_midnight_local_is_study_day_1_of_the_local_date_in_sdtm_and_adam_with_the_sites_offset()
    {
        var code = fixture.Protocol.Code;
        var now = fixture.Runtime.Clock.GetUtcNow();
        var sydney = TimeZoneInfo.FindSystemTimeZoneById("Australia/Sydney");
        var amsterdam = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");
        var inSydney = SubjectNumber.Parse("S02-901");
        var inAmsterdam = SubjectNumber.Parse("S01-901");
        var sydneyStart = HalfPastMidnight(sydney, now.AddDays(-10));
        var amsterdamStart = HalfPastMidnight(amsterdam, now.AddDays(-10));

        // The point of the test: on the UTC clock both doses fall on the day before the local date.
        Assert.Equal(LocalDate(sydney, sydneyStart).AddDays(-1), DateOnly.FromDateTime(sydneyStart.UtcDateTime));
        Assert.Equal(LocalDate(amsterdam, amsterdamStart).AddDays(-1), DateOnly.FromDateTime(amsterdamStart.UtcDateTime));

        foreach (var (subject, site, start) in new[] { (inSydney, "S02", sydneyStart), (inAmsterdam, "S01", amsterdamStart) })
        {
            await EnrolAsync(site, subject);
            // Weighed at 23:50 local, the evening before the dosing day (study day -1).
            await DoseAsync(subject, start, 82m);
            await Must(new RecordScaleAssessment(code, subject, 1, "PAIN", "PT0M", start.AddMinutes(-5), 70m), Nurse);
            await Must(new RecordVitalSigns(code, subject, 1, "VITALS", "PT0M", start.AddMinutes(-4), new VitalSigns(128, 82, 71, 98)), Nurse);
            await Must(new StartDosing(code, subject, 1, start), Nurse);
            await Must(new RecordScaleAssessment(code, subject, 1, "PAIN", "PT20M", start.AddMinutes(20), 45m), Nurse);
            await Must(new StopDosing(code, subject, 1, start.AddMinutes(40), true, null), Nurse);
        }

        // In Sydney: dizziness known by its date only, the local day before the dose (whose UTC day
        // contains the dose), and a second episode with a time, two hours after the start of dosing.
        var dayBefore = LocalDate(sydney, sydneyStart).AddDays(-1);
        await Must(new ReportAdverseEvent(AdverseEventStreams.NewId(), code, inSydney, sydneyStart.AddHours(3), Dizziness(PartialDate.FromDate(dayBefore))), Investigator);
        await Must(new ReportAdverseEvent(AdverseEventStreams.NewId(), code, inSydney, sydneyStart.AddHours(3), Dizziness(PartialDate.FromInstant(sydneyStart.AddHours(2)))), Investigator);

        await fixture.Runtime.Projections.CatchUpAsync(LedgerProjection.ProjectionName);
        foreach (var (command, user) in new[] { ("lock", ExportTrialFixture.Coordinator.UserId), ("unblind", ExportTrialFixture.Statistician.UserId) })
        {
            var run = await CliRunner.RunAsync(fixture.Database.ConnectionString, ExportTrialFixture.Password + "\n", [command, "--trial", SiteClockTrialFixture.Code, "--user", user, "--password-stdin", .. CliRunner.ConfirmationsFor(command)]);
            Assert.True(run.ExitCode == 0, run.Error);
        }

        var export = await fixture.Exporter.ExportAsync(SiteClockTrialFixture.Code, fixture.NewFolder("site-clock"), false, null, ExportTrialFixture.Statistician);
        Assert.True(export.Succeeded, export.Rejection?.Message);
        var directory = export.Directory!;

        // The values a reader sees, written out here from the inputs above.
        foreach (var (subject, zone, start) in new[] { (inSydney, sydney, sydneyStart), (inAmsterdam, amsterdam, amsterdamStart) })
        {
            var usubjid = $"{SiteClockTrialFixture.Code}-{subject}";
            var local = $"{LocalDate(zone, start):yyyy-MM-dd}T00:30:00{Offset(zone, start)}";
            var dm = Assert.Single(ExportFiles.Table(directory, "DM"), r => r["USUBJID"] == usubjid);
            Assert.Equal((local, local), (dm["RFSTDTC"], dm["RFXSTDTC"]));
            var ex = ExportFiles.Table(directory, "EX").First(r => r["USUBJID"] == usubjid);
            Assert.Equal((local, "1"), (ex["EXSTDTC"], ex["EXSTDY"]));
            var qs = ExportFiles.Table(directory, "QS").Where(r => r["USUBJID"] == usubjid && r["QSORRES"] != "").ToArray();
            Assert.Equal([("PT0M", "1"), ("PT20M", "1")], qs.Select(r => (r["QSELTM"], r["QSDY"])));
            var vs = ExportFiles.Table(directory, "VS").Where(r => r["USUBJID"] == usubjid && r["VSORRES"] != "").ToArray();
            Assert.Equal("-1", vs.Single(r => r["VSTESTCD"] == "WEIGHT")["VSDY"]);
            Assert.All(vs.Where(r => r["VSTESTCD"] != "WEIGHT"), r => Assert.Equal("1", r["VSDY"]));
        }

        var sydneyUsubjid = $"{SiteClockTrialFixture.Code}-{inSydney}";
        var ae = ExportFiles.Table(directory, "AE").Where(r => r["USUBJID"] == sydneyUsubjid).ToArray();
        Assert.Equal(
            [
                (dayBefore.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "-1", "SCREENING"),
                ($"{LocalDate(sydney, sydneyStart):yyyy-MM-dd}T02:30{Offset(sydney, sydneyStart)}", "1", "TREATMENT 1"),
            ],
            ae.Select(r => (r["AESTDTC"], r["AESTDY"], r["EPOCH"])));
        var adae = ExportFiles.Table(directory, "ADAE").Where(r => r["USUBJID"] == sydneyUsubjid).ToArray();
        Assert.Equal([("", ""), ("1", "Y")], adae.Select(r => (r["APERIOD"], r["TRTEMFL"])));

        // Independently: Python's zoneinfo reads every --DTC, --DY and ADaM date of every subject.
        var (exit, output, error) = ExportFiles.RunPython(IndependentCheck, [directory, JsonSerializer.Serialize(fixture.TimeZones)]);
        Assert.True(exit == 0, $"python could not check the study days: {error}");
        var result = JsonDocument.Parse(output).RootElement;
        Assert.Empty(result.GetProperty("problems").EnumerateArray().Select(p => p.GetString()));
        Assert.True(result.GetProperty("offsets").GetInt32() > 50, output);
        Assert.True(result.GetProperty("days").GetInt32() > 50, output);
        Assert.True(result.GetProperty("adam").GetInt32() > 10, output);

        // The ADaM derivation agrees with pandas from the same SDTM files, R haven reads the dates,
        // Dataset-JSON and define.xml validate.
        Assert.Empty(AdamChecks.IndependentMismatches(directory, fixture.Protocol));
        Assert.Empty(new[] { "adsl", "adqs", "adae" }.SelectMany(d => AdamChecks.HavenMismatches(directory, d)));
        Assert.Empty(ExportFiles.CheckDatasetJson(Directory.EnumerateFiles(directory, "*.json").Where(p => Path.GetFileName(p) != ExportManifest.FileName)));
        var (defineExit, messages) = ExportFiles.ValidateDefine(Path.Combine(directory, Define.DefineXmlWriter.FileName));
        Assert.True(defineExit == 0, messages);
        Assert.Empty(ExportFiles.DefineMismatches(directory));
    }

    /// <summary>
    /// Every --DTC with a time of a subject must carry the offset its site's zone had at that instant;
    /// every --DY is recomputed from the local dates of the --DTC and RFSTDTC (day 1 the reference
    /// date, no day 0, none for a partial date); ADSL TRTSDT/TRTSDTM, ADAE ASTDT/ASTDTM must be the
    /// local date and wall clock of RFSTDTC and AESTDTC, and ADAE APERIOD the latest period whose
    /// first EXSTDTC is at or before the latest instant the onset may stand for at the site.
    /// </summary>
    private const string IndependentCheck = """
        import csv, glob, json, os, sys
        from datetime import date, datetime, time, timedelta
        from zoneinfo import ZoneInfo
        folder, zones = sys.argv[1], json.loads(sys.argv[2])
        def rows(name):
            with open(os.path.join(folder, name + '.csv'), newline='', encoding='ascii') as f:
                return list(csv.DictReader(f))
        dm = {r['USUBJID']: r for r in rows('dm')}
        zone = {u: ZoneInfo(zones[r['SITEID']]) for u, r in dm.items()}
        problems, counts = [], {'offsets': 0, 'days': 0, 'adam': 0}
        def local_date(text, z):
            return date.fromisoformat(text) if len(text) == 10 else datetime.fromisoformat(text).astimezone(z).date()
        def study_day(d, reference):
            n = (d - reference).days
            return n + 1 if n >= 0 else n
        for path in sorted(glob.glob(os.path.join(folder, '*.csv'))):
            name = os.path.basename(path)[:-4]
            if name.startswith('ad'):
                continue
            for r in rows(name):
                u = r.get('USUBJID')
                if u not in dm:
                    continue
                z = zone[u]
                for column, text in r.items():
                    if not column.endswith('DTC') or len(text) <= 10:
                        continue
                    t = datetime.fromisoformat(text)
                    counts['offsets'] += 1
                    if t.tzinfo is None or t.utcoffset() != t.astimezone(z).utcoffset():
                        problems.append(f"{name} {u} {column} {text}: not the offset of {z.key} at that instant")
                reference = dm[u]['RFSTDTC']
                for column, text in r.items():
                    day_column = column[:-3] + 'DY'
                    if not column.endswith('DTC') or day_column not in r or reference == '':
                        continue
                    want = '' if len(text) < 10 else str(study_day(local_date(text, z), local_date(reference, z)))
                    counts['days'] += 1
                    if r[day_column] != want:
                        problems.append(f"{name} {u} {day_column} {r[day_column]!r} for {column} {text} (RFSTDTC {reference}); zoneinfo says {want!r}")
        epoch = datetime(1960, 1, 1)
        def sas_date(v):
            return None if v == '' else (epoch + timedelta(days=float(v))).date()
        def sas_datetime(v):
            return None if v == '' else epoch + timedelta(seconds=float(v))
        for r in rows('adsl'):
            reference = dm[r['USUBJID']]['RFSTDTC']
            if reference == '':
                continue
            counts['adam'] += 1
            wall = datetime.fromisoformat(reference).replace(tzinfo=None)
            if sas_date(r['TRTSDT']) != wall.date() or sas_datetime(r['TRTSDTM']) != wall:
                problems.append(f"ADSL {r['USUBJID']}: TRTSDT {sas_date(r['TRTSDT'])} TRTSDTM {sas_datetime(r['TRTSDTM'])}, RFSTDTC {reference}")
        starts = {}
        for r in rows('ex'):
            at = datetime.fromisoformat(r['EXSTDTC'])
            key = (r['USUBJID'], int(r['VISITNUM']) - 1)
            starts[key] = min(starts.get(key, at), at)
        ae = {(r['USUBJID'], r['AESEQ']): r for r in rows('ae')}
        for r in rows('adae'):
            source = ae[(r['USUBJID'], r['AESEQ'])]
            z, onset = zone[r['USUBJID']], source['AESTDTC']
            counts['adam'] += 1
            if r['AESTDTC'] != onset:
                problems.append(f"ADAE {r['USUBJID']} {r['AESEQ']}: AESTDTC {r['AESTDTC']}, AE {onset}")
            if len(onset) >= 10 and sas_date(r['ASTDT']) != date.fromisoformat(onset[:10]):
                problems.append(f"ADAE {r['USUBJID']} {r['AESEQ']}: ASTDT {sas_date(r['ASTDT'])}, AESTDTC {onset}")
            if len(onset) > 10:
                latest = datetime.fromisoformat(onset) + timedelta(seconds=59)
                if sas_datetime(r['ASTDTM']) != datetime.fromisoformat(onset).replace(tzinfo=None):
                    problems.append(f"ADAE {r['USUBJID']} {r['AESEQ']}: ASTDTM {sas_datetime(r['ASTDTM'])}, AESTDTC {onset}")
            else:
                parts = [int(p) for p in onset.split('-')]
                first = date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
                after = first + timedelta(days=1) if len(parts) == 3 else date(first.year + (first.month == 12), first.month % 12 + 1, 1) if len(parts) == 2 else date(first.year + 1, 1, 1)
                latest = datetime.combine(after, time(0), tzinfo=z) - timedelta(microseconds=1)
            periods = [p for (u, p), at in starts.items() if u == r['USUBJID'] and at <= latest]
            want = str(max(periods)) if periods else ''
            if r['APERIOD'] != want:
                problems.append(f"ADAE {r['USUBJID']} {r['AESEQ']}: APERIOD {r['APERIOD']!r}, from AESTDTC {onset} and EX {want!r}")
        print(json.dumps({'problems': problems, **counts}))
        """;

    /// <summary>00:30 on the zone's calendar on the date it has at <paramref name="around"/>, as an instant.</summary>
    private static DateTimeOffset HalfPastMidnight(TimeZoneInfo zone, DateTimeOffset around)
    {
        var wall = TimeZoneInfo.ConvertTime(around, zone).Date.AddMinutes(30);
        return new DateTimeOffset(wall, zone.GetUtcOffset(wall)).ToUniversalTime();
    }

    private static DateOnly LocalDate(TimeZoneInfo zone, DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);

    private static string Offset(TimeZoneInfo zone, DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, zone).ToString("zzz", CultureInfo.InvariantCulture);

    private static AdverseEventInput Dizziness(PartialDate onset) =>
        new(10013573, onset, null, 1, [], Causality.Possible, ActionTaken.DoseNotChanged, AdverseEventOutcome.RecoveringResolving);

    private async Task EnrolAsync(string site, SubjectNumber subject)
    {
        var protocol = fixture.Protocol;
        await Must(new ScreenParticipant(protocol.Code, site, subject, DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-30)), "2.1"), Coordinator);
        var answers = protocol.Eligibility.Inclusion.Select(c => new EligibilityAnswer(c.Code, true)).Concat(protocol.Eligibility.Exclusion.Select(c => new EligibilityAnswer(c.Code, false))).ToArray();
        await Must(new ConfirmEligibility(protocol.Code, subject, answers), Investigator);
        var enrolled = await fixture.Runtime.SendAsync(CommandContext.New(Coordinator), new EnrollParticipant(protocol.Code, subject));
        if (enrolled.Rejection?.Code == "randomization.stratum-exhausted")
        {
            await Must(new ExtendStratumList(protocol.Code, site, 8, "More participants for the site clock test"), Coordinator);
            enrolled = await fixture.Runtime.SendAsync(CommandContext.New(Coordinator), new EnrollParticipant(protocol.Code, subject));
        }

        Assert.True(enrolled.Accepted, enrolled.Rejection?.Message);
    }

    private async Task DoseAsync(SubjectNumber subject, DateTimeOffset start, decimal weightKg)
    {
        var protocol = fixture.Protocol;
        await Must(new RecordSessionWeight(protocol.Code, subject, 1, start.AddMinutes(-40), weightKg), Nurse);
        var state = ParticipantState.From((await fixture.Runtime.Store.ReadStreamAsync(ParticipantStreams.For(protocol.Code, subject))).Select(e => e.Data));
        await Must(new RecordDosePreparation(protocol.Code, subject, 1, state.Kits[1], start.AddMinutes(-30), await SecondPharmacist.EnsureAsync(fixture.Runtime), SecondPharmacist.Password), Pharmacist);
    }

    private async Task Must<T>(T command, Actor actor)
        where T : notnull
    {
        var result = await fixture.Runtime.SendAsync(CommandContext.New(actor), command);
        Assert.True(result.Accepted, $"{typeof(T).Name}: {result.Rejection?.Code} {result.Rejection?.Message}");
    }
}
