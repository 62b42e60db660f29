using System.Globalization;
using System.Security.Cryptography;
using System.Xml.Linq;
using TrialOps.Cdisc;
using TrialOps.Common;
using TrialOps.EventStore;
using TrialOps.Exports.Define;
using TrialOps.Exports.Sdtm;
using TrialOps.Messaging;
using TrialOps.Participants;
using TrialOps.Seed;

namespace TrialOps.Exports.Tests;

/// <summary>
/// DESIGN.md §7: a blinded export of the demo trial, its files, formats and structure, checked
/// with our readers, pandas and the ODM schema, against the CDISC pilot, and searched for any
/// trace of treatment identity.
/// </summary>
public sealed class BlindedExportTests(ExportTrialFixture fixture) : IClassFixture<ExportTrialFixture>
{
    [Fact]
    public async Task a_blinded_export_has_every_domain_as_csv_and_xpt_with_odm_and_manifest()
    {
        var export = await fixture.ExportAsync("files");

        var names = Directory.EnumerateFiles(export.Directory!).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(ExportFiles.ExpectedFiles.Order(StringComparer.Ordinal), names);

        // ADaM names treatments in every dataset: a blinded export has no ADaM file and define.xml no analysis dataset.
        Assert.DoesNotContain(names, n => AdamChecks.AdamFiles.Contains(n) || n!.StartsWith("ad", StringComparison.Ordinal));
        Assert.DoesNotContain(export.Manifest!.Files, f => f.Name.StartsWith("ad", StringComparison.Ordinal));
        var define = XDocument.Load(Path.Combine(export.Directory!, DefineXmlWriter.FileName));
        Assert.DoesNotContain(define.Descendants(XName.Get("ItemGroupDef", DefineXmlWriter.OdmNamespace)), g => (string?)g.Attribute("Purpose") != "Tabulation");
        Assert.DoesNotContain(define.Descendants(XName.Get("ItemDef", DefineXmlWriter.OdmNamespace)), i => ((string)i.Attribute("OID")!).StartsWith("IT.AD", StringComparison.Ordinal));
        Assert.Equal(names.Where(n => n != ExportManifest.FileName), export.Manifest!.Files.Select(f => f.Name));
        Assert.All(ExportFiles.DemoDatasets.Where(d => d.Code is not ("TS" or "TA" or "TE" or "TV" or "TI")), domain =>
            Assert.NotEmpty(ExportFiles.Table(export.Directory!, domain.Code)));
    }

    [Fact]
    public async Task the_manifest_lists_every_file_with_its_sha256_and_the_ledger_hash_at_the_position()
    {
        var export = await fixture.ExportAsync("manifest");
        var manifest = ExportManifest.Parse(File.ReadAllBytes(Path.Combine(export.Directory!, ExportManifest.FileName)));

        Assert.Equal(ExportTrialFixture.Trial, manifest.Trial);
        Assert.True(manifest.Blinded);
        Assert.Equal(fixture.AsOf, manifest.AsOfPosition);
        Assert.Equal(await ChainVerifier.LedgerHashAtAsync(fixture.Runtime.DataSource, fixture.AsOf), manifest.LedgerHash);
        Assert.Equal(TrialExporter.SoftwareVersion, manifest.SoftwareVersion);
        Assert.NotNull(manifest.Checkpoint);
        Assert.True(fixture.Runtime.CheckpointSigner.IsValid(manifest.Checkpoint));
        Assert.Equal(manifest.LedgerHash, manifest.Checkpoint.LedgerHash);
        Assert.All(manifest.Files, file =>
        {
            var bytes = File.ReadAllBytes(Path.Combine(export.Directory!, file.Name));
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), file.Sha256);
            Assert.Equal(bytes.LongLength, file.Bytes);
        });
        await using var command = fixture.Runtime.DataSource.CreateCommand($"SELECT timestamp FROM mt_events WHERE seq_id = {fixture.AsOf}");
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal(reader.GetFieldValue<DateTimeOffset>(0), manifest.AsOfRecordedAt);
    }

    [Fact]
    public async Task every_xpt_reads_back_with_the_same_columns_and_rows_as_its_csv()
    {
        var export = await fixture.ExportAsync("readback");

        foreach (var domain in ExportFiles.DemoDatasets)
        {
            var (header, csvRows) = ExportFiles.ReadCsv(Path.Combine(export.Directory!, domain.CsvFileName));
            var (dataset, variables, xptRows) = ExportFiles.ReadXpt(Path.Combine(export.Directory!, domain.XptFileName));

            Assert.Equal(domain.Code, dataset.Name);
            Assert.Equal(header, variables.Select(v => v.Name));
            Assert.Equal(domain.Variables.Select(v => (v.Name, v.Label, v.Type)), variables.Select(v => (v.Name, v.Label, v.Type)));

            // FDAC036: a character variable is as long as its longest value (at least 1), never longer than its maximum.
            for (var i = 0; i < variables.Count; i++)
            {
                if (variables[i].Type == XptType.Character)
                {
                    var longest = Math.Max(1, csvRows.Select(r => r[i].Length).DefaultIfEmpty(0).Max());
                    Assert.True(longest == variables[i].Length, $"{domain.Code}.{variables[i].Name}: length {variables[i].Length}, longest value {longest}");
                    Assert.InRange(variables[i].Length, 1, domain.Variables[i].Length);
                }
            }

            Assert.True(variables.All(v => v.Label.Length <= 40), $"{domain.Code}: a label is longer than 40 characters");
            Assert.Equal(csvRows.Count, xptRows.Count);
            for (var row = 0; row < csvRows.Count; row++)
            {
                Assert.Equal(csvRows[row], xptRows[row].Select(ExportFiles.AsCsvText));
            }
        }
    }

    [Fact]
    public async Task pandas_reads_every_xpt_with_the_expected_columns_and_row_counts()
    {
        var export = await fixture.ExportAsync("pandas");

        var read = ExportFiles.ReadWithPandas(export.Directory!);

        Assert.Equal(ExportFiles.DemoDatasets.Select(d => d.XptFileName).Order(StringComparer.Ordinal), read.Keys.Order(StringComparer.Ordinal));
        foreach (var domain in ExportFiles.DemoDatasets)
        {
            var (columns, rows) = read[domain.XptFileName];
            Assert.Equal(domain.Variables.Select(v => v.Name), columns);
            Assert.Equal(ExportFiles.ReadCsv(Path.Combine(export.Directory!, domain.CsvFileName)).Rows.Count, rows);
        }
    }

    [Fact]
    public async Task r_haven_reads_every_xpt_with_the_columns_and_row_counts_pandas_reads()
    {
        var export = await fixture.ExportAsync("haven");

        var haven = ExportFiles.ReadWithHaven(export.Directory!);
        var pandas = ExportFiles.ReadWithPandas(export.Directory!);

        Assert.Equal(ExportFiles.DemoDatasets.Select(d => d.XptFileName).Order(StringComparer.Ordinal), haven.Keys.Order(StringComparer.Ordinal));
        Assert.All(ExportFiles.DemoDatasets, domain =>
        {
            Assert.Equal(domain.Variables.Select(v => v.Name), haven[domain.XptFileName].Columns);
            Assert.Equal(pandas[domain.XptFileName].Rows, haven[domain.XptFileName].Rows);
        });
        Assert.Contains(haven.Values, d => d.Rows > 0);
    }

    [Fact]
    public async Task the_odm_file_validates_against_the_odm_1_3_2_schema()
    {
        var export = await fixture.ExportAsync("odm");

        var errors = OdmSchemas.CreateValidator().Validate(Path.Combine(export.Directory!, "odm.xml"));

        Assert.Empty(errors);
    }

    [Fact]
    public async Task the_odm_audit_trail_keeps_the_original_value_and_every_correction_with_its_reason()
    {
        var subject = SubjectNumber.Parse(fixture.Demo.Participants.First(p => p.Status == ParticipantStatus.Completed).Subject);
        var stream = ParticipantStreams.For(fixture.Protocol.Code, subject);
        var original = (await fixture.Runtime.Store.ReadStreamAsync(stream)).Select(e => e.Data).OfType<Assessments.ScaleAssessmentRecorded>()
            .First(e => e.Period == 1 && e.Timepoint == "PT20M");
        const string reason = "Transcription error: the paper form says 7 mm";
        var corrected = await fixture.Runtime.SendAsync(
            CommandContext.New(new Actor("nurse.nia", Roles.DataEntry)),
            new Assessments.CorrectScaleAssessment(fixture.Protocol.Code, subject, 1, "PAIN", "PT20M", 7m, original.AssessedAt, reason));
        Assert.True(corrected.Accepted, corrected.Rejection?.Message);
        await fixture.Runtime.Projections.CatchUpAsync(LedgerProjection.ProjectionName);

        var export = await fixture.ExportAsync("audit", asOf: corrected.Positions.Last());
        var document = System.Xml.Linq.XDocument.Load(Path.Combine(export.Directory!, "odm.xml"));
        var odm = System.Xml.Linq.XNamespace.Get(OdmWriter.Namespace);

        // Every value sits in an ItemGroupData of the event that recorded it, with that event's AuditRecord.
        var items = document.Descendants(odm + "ItemData").ToArray();
        var users = document.Descendants(odm + "User").Select(u => (string)u.Attribute("OID")!).ToHashSet();
        string? TransactionOf(System.Xml.Linq.XElement item) => (string?)item.Attribute("TransactionType") ?? (string?)item.Parent!.Attribute("TransactionType");
        Assert.All(items, item =>
        {
            Assert.Contains(TransactionOf(item), new[] { "Insert", "Update" });
            var audit = item.Parent!.Element(odm + "AuditRecord");
            Assert.NotNull(audit);
            Assert.NotNull(audit.Element(odm + "DateTimeStamp"));
            Assert.NotNull(audit.Element(odm + "SourceID"));
            Assert.Contains((string)audit.Element(odm + "UserRef")!.Attribute("UserOID")!, users);
        });

        var scores = document.Descendants(odm + "SubjectData").Single(s => (string)s.Attribute("SubjectKey")! == subject.ToString())
            .Descendants(odm + "ItemGroupData").Where(g => (string)g.Attribute("ItemGroupOID")! == "IG.QS" && (string?)g.Attribute("ItemGroupRepeatKey") == "PAIN.PT20M"
                && g.Ancestors(odm + "StudyEventData").Single().Attribute("StudyEventOID")!.Value == "SE.P1")
            .Elements(odm + "ItemData").Where(i => (string)i.Attribute("ItemOID")! == "IT.QS.QSORRES").ToArray();
        Assert.Equal(2, scores.Length);
        Assert.Equal(("Insert", Sdtm.Iso.Number(original.Value)), (TransactionOf(scores[0]), (string)scores[0].Attribute("Value")!));
        Assert.Equal(("Update", "7"), (TransactionOf(scores[1]), (string)scores[1].Attribute("Value")!));
        var audit = scores[1].Parent!.Element(odm + "AuditRecord")!;
        Assert.Equal(reason, (string?)audit.Element(odm + "ReasonForChange"));
        Assert.Equal(corrected.Positions.Last().ToString(CultureInfo.InvariantCulture), (string?)audit.Element(odm + "SourceID"));
        Assert.Equal("U.nurse.nia", (string?)audit.Element(odm + "UserRef")!.Attribute("UserOID"));

        var vitals = 0;
        foreach (var participant in fixture.Demo.Participants)
        {
            vitals += (await fixture.Runtime.Store.ReadStreamAsync(ParticipantStreams.For(fixture.Protocol.Code, SubjectNumber.Parse(participant.Subject)), fixture.AsOf))
                .Count(e => e.Type == "assessment.vitals-recorded.v1");
        }

        Assert.Equal(vitals, items.Count(i => (string)i.Attribute("ItemOID")! == "IT.VS.SYSBP" && TransactionOf(i) == "Insert"));
        var qs = ExportFiles.Table(export.Directory!, "QS").Single(r => r["USUBJID"] == $"{ExportTrialFixture.Trial}-{subject}" && r["VISITNUM"] == "2" && r["QSELTM"] == "PT20M");
        Assert.Equal("7", qs["QSORRES"]);
    }

    [Fact]
    public async Task no_blinded_file_names_a_treatment_code_label_or_sequence_except_the_trial_title_in_ts()
    {
        var export = await fixture.ExportAsync("secrets");
        var secrets = ExportFiles.TreatmentSecrets(fixture.Protocol);

        var files = Directory.EnumerateFiles(export.Directory!).ToArray();
        Assert.Contains(Path.Combine(export.Directory!, DefineXmlWriter.FileName), files);
        foreach (var path in files)
        {
            var text = ExportFiles.BlindedScanText(path, fixture.Protocol);
            foreach (var (what, pattern) in secrets)
            {
                Assert.False(pattern.IsMatch(text), $"{Path.GetFileName(path)} contains {what}: …{Around(text, pattern)}…");
            }
        }

        // The one place treatment names may appear: the TITLE rows of TS (public protocol
        // information, ADR 0022), in the CSV, the XPT and the Dataset-JSON alike.
        var named = ExportFiles.Table(export.Directory!, "TS")
            .Where(row => secrets.Any(s => s.Pattern.IsMatch(string.Join(' ', row.Values).Replace(fixture.Protocol.Code.Value, " ", StringComparison.OrdinalIgnoreCase))))
            .ToArray();
        Assert.Equal(["TITLE"], named.Select(r => r["TSPARMCD"]).Distinct());
        Assert.Equal(fixture.Protocol.Title, Assert.Single(named)["TSVAL"]);
        foreach (var file in new[] { "ts.csv", "ts.xpt", "ts.json" })
        {
            Assert.Contains(fixture.Protocol.Title, ExportFiles.TextWithoutStudyCode(Path.Combine(export.Directory!, file), fixture.Protocol), StringComparison.Ordinal);
        }

        // The search is not vacuous: the title and an unblinded file of the same data would fail it.
        Assert.Contains(secrets, s => s.Pattern.IsMatch(fixture.Protocol.Treatments[0].Label));
        Assert.Contains(secrets, s => s.Pattern.IsMatch(fixture.Protocol.Title));
    }

    [Fact]
    public async Task blinded_rows_look_the_same_in_every_arm_and_are_not_ordered_by_arm()
    {
        var export = await fixture.ExportAsync("arms");
        var allocation = await AllocationsAsync();
        var ex = ExportFiles.Table(export.Directory!, "EX");
        Assert.NotEmpty(ex);

        // Which treatment each EX row really was, from the randomization lists (the test may look; the file must not tell).
        var byTreatment = ex.GroupBy(row => allocation[(row["USUBJID"], int.Parse(row["VISITNUM"], CultureInfo.InvariantCulture) - 1)]).ToArray();
        Assert.Equal(fixture.Protocol.Treatments.Count, byTreatment.Length);
        foreach (var column in new[] { "EXTRT", "EXDOSU", "EXDOSFRM", "EXDOSFRQ", "EXROUTE", "EPOCH" })
        {
            var perArm = byTreatment.Select(g => string.Join("|", g.Select(r => column == "EPOCH" ? r[column][..^1] : r[column]).Distinct().Order(StringComparer.Ordinal))).Distinct().ToArray();
            Assert.True(perArm.Length == 1, $"EX.{column} differs between arms: {string.Join(" vs ", perArm)}");
        }

        Assert.All(ex, row => Assert.Equal(ExportDesign.BlindedTreatmentName, row["EXTRT"]));
        Assert.All(ex.Where(r => r["EXDOSE"] != ""), row => Assert.Equal("mL", row["EXDOSU"]));
        Assert.All(ExportFiles.Table(export.Directory!, "DM"), row =>
        {
            Assert.Contains(row["ARMCD"], new[] { "", ExportDesign.Blinded });
            Assert.Equal(row["ARMCD"], row["ARM"]);
            Assert.Contains(row["ACTARMCD"], new[] { "", ExportDesign.Blinded });
        });
        Assert.All(ExportFiles.Table(export.Directory!, "DM").Where(r => r["RFXSTDTC"] != ""), row => Assert.Equal(ExportDesign.Blinded, row["ACTARMCD"]));
        Assert.Single(ExportFiles.Table(export.Directory!, "TA").Select(r => r["ARMCD"]).Distinct());
        Assert.DoesNotContain(ExportFiles.Table(export.Directory!, "SE"), row => fixture.Protocol.Treatments.Any(t => t.Code == row["ETCD"]));

        foreach (var domain in new[] { "DM", "SE", "SV", "EX", "AE", "VS", "QS", "DS" })
        {
            var subjects = ExportFiles.Table(export.Directory!, domain).Select(r => r["USUBJID"]).ToArray();
            Assert.Equal(subjects.Order(StringComparer.Ordinal), subjects);
        }
    }

    [Fact]
    public async Task dm_carries_the_demographics_and_the_age_at_consent_that_pandas_derives_too()
    {
        var export = await fixture.ExportAsync("dm");
        var dm = ExportFiles.Table(export.Directory!, "DM");

        Assert.All(dm, row =>
        {
            Assert.Contains(row["SEX"], new[] { "F", "M" });
            Assert.Contains(row["RACE"], Participants.DemographicTerms.Races.Select(t => t.Term));
            Assert.Contains(row["ETHNIC"], Participants.DemographicTerms.Ethnicities.Select(t => t.Term));
            Assert.Matches("^[0-9]{4}-[0-9]{2}-[0-9]{2}$", row["BRTHDTC"]);
            Assert.Equal("YEARS", row["AGEU"]);
            Assert.InRange(int.Parse(row["AGE"], CultureInfo.InvariantCulture), 18, 80);
        });
        Assert.Equal(2, dm.Select(r => r["SEX"]).Distinct().Count());
        Assert.Empty(ExportFiles.AgeMismatchesWithPandas(Path.Combine(export.Directory!, "dm.xpt")));
    }

    [Fact]
    public async Task every_dataset_is_also_dataset_json_that_validates_and_holds_the_xpt_values()
    {
        var export = await fixture.ExportAsync("dataset-json");
        var files = ExportFiles.DemoDatasets.Select(d => Path.Combine(export.Directory!, d.JsonFileName)).ToArray();

        Assert.Empty(ExportFiles.CheckDatasetJson(files));
        Assert.All(ExportFiles.DemoDatasets, d => Assert.Contains(export.Manifest!.Files, f => f.Name == d.JsonFileName));

        // The check is not vacuous: CDISC's example passes it, and a file without its columns fails.
        Assert.Empty(ExportFiles.CheckDatasetJson([ExportFiles.CdiscExampleDm]));
        var broken = Path.Combine(export.Directory!, "..", $"broken-{Guid.NewGuid():N}.json");
        var json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(files[4]))!.AsObject();
        json.Remove("columns");
        File.WriteAllText(broken, json.ToJsonString());
        Assert.Contains(ExportFiles.CheckDatasetJson([broken]), p => p.Contains("'columns' is a required property", StringComparison.Ordinal));
    }

    [Fact]
    public async Task every_post_dose_assessment_of_a_period_is_in_that_periods_treatment_epoch()
    {
        var export = await fixture.ExportAsync("epochs");

        var late = 0;
        foreach (var domain in new[] { "QS", "VS" })
        {
            var rows = ExportFiles.Table(export.Directory!, domain)
                .Where(r => r["VISITNUM"] != "1" && r[domain + "ELTM"] is not ("" or "PT0M"))
                .ToArray();
            Assert.NotEmpty(rows);
            Assert.All(rows, r => Assert.Equal($"TREATMENT {int.Parse(r["VISITNUM"], CultureInfo.InvariantCulture) - 1}", r["EPOCH"]));

            // Not vacuous: the demo takes time points a few minutes after their planned time, and the
            // last one of a period is then after the planned end of the treatment element.
            late += rows.Count(r =>
                DateTime.Parse(r[domain + "DTC"], CultureInfo.InvariantCulture)
                > DateTime.Parse(r[domain + "RFTDTC"], CultureInfo.InvariantCulture) + System.Xml.XmlConvert.ToTimeSpan(r[domain + "ELTM"]));
        }

        Assert.True(late > 0, "no assessment was taken after its planned time");
    }

    [Fact]
    public async Task an_adverse_event_with_a_date_only_onset_takes_its_epoch_from_the_period_the_site_recorded()
    {
        // The demo gives about one onset in four by its date only; one is reported here so that
        // the test never depends on the draw: dizziness known only by the day of period 2's dose.
        var subject = SubjectNumber.Parse(fixture.Demo.Participants.First(p => p.Status == ParticipantStatus.Completed).Subject);
        var started = (await fixture.Runtime.Store.ReadStreamAsync(ParticipantStreams.For(fixture.Protocol.Code, subject))).Select(e => e.Data).OfType<Dosing.DosingStarted>()
            .Single(e => e.Period == 2).StartedAt;
        var onset = AdverseEvents.PartialDate.FromDate(DateOnly.FromDateTime(started.UtcDateTime));
        var reported = await fixture.Runtime.SendAsync(
            CommandContext.New(ExportTrialFixture.Investigator),
            new AdverseEvents.ReportAdverseEvent(AdverseEvents.AdverseEventStreams.NewId(), fixture.Protocol.Code, subject, started.AddHours(3),
                new AdverseEvents.AdverseEventInput(10013573, onset, null, 1, [], AdverseEvents.Causality.Possible, AdverseEvents.ActionTaken.DoseNotChanged, AdverseEvents.AdverseEventOutcome.RecoveringResolving)));
        Assert.True(reported.Accepted, reported.Rejection?.Message);
        await fixture.Runtime.Projections.CatchUpAsync(LedgerProjection.ProjectionName);

        var export = await fixture.ExportAsync("ae-epochs", asOf: reported.Positions.Last());
        var ae = ExportFiles.Table(export.Directory!, "AE");

        var dateOnly = ae.Where(r => r["AESTDTC"].Length == 10).ToArray();
        Assert.Contains(dateOnly, r => r["USUBJID"] == $"{fixture.Protocol.Code}-{subject}" && r["AESTDTC"] == $"{onset}");
        Assert.All(ae, r => Assert.NotEqual("", r["EPOCH"]));
        Assert.All(dateOnly, r => Assert.Matches("^(TREATMENT|WASHOUT) [0-9]+$|^SCREENING$|^FOLLOW-UP$", r["EPOCH"]));
    }

    [Fact]
    public async Task each_emergency_code_break_is_a_disposition_record_of_its_subject()
    {
        var export = await fixture.ExportAsync("code-breaks");
        var trial = (await TrialAsOf.ReadAsync(fixture.Runtime.Store, fixture.Protocol.Code, fixture.AsOf, false, CancellationToken.None))!;
        var breaks = trial.CodeBreaks.SelectMany(pair => pair.Value.Select(e => (Subject: pair.Key, Event: (Blinding.EmergencyUnblindingPerformed)e.Data))).ToArray();
        Assert.NotEmpty(breaks);

        var rows = ExportFiles.Table(export.Directory!, "DS").Where(r => r["DSDECOD"] == "TREATMENT UNBLINDED").ToArray();

        Assert.Equal(
            breaks.Select(b => ($"{ExportTrialFixture.Trial}-{b.Subject}", (string?)Iso.Dtc(b.Event.PerformedAt))).Order(),
            rows.Select(r => (r["USUBJID"], (string?)r["DSSTDTC"])).Order());
        Assert.All(rows, r => Assert.Equal(("OTHER EVENT", "SUBJECT UNBLINDED (EMERGENCY CODE BREAK)"), (r["DSCAT"], r["DSTERM"])));
    }

    [Fact]
    public async Task each_emergency_code_break_is_signed_in_the_odm_on_the_record_that_reports_it()
    {
        var export = await fixture.ExportAsync("odm-code-break-signatures");
        var trial = (await TrialAsOf.ReadAsync(fixture.Runtime.Store, fixture.Protocol.Code, fixture.AsOf, false, CancellationToken.None))!;
        var breaks = trial.CodeBreaks.SelectMany(pair => pair.Value.Select(e => (Subject: pair.Key, Stored: e))).ToArray();
        Assert.NotEmpty(breaks);
        var document = OdmChecks.Load(export.Directory!);
        var odm = OdmChecks.Odm;

        // Not locked yet: the kinds of signature in the file are the code break's and the second
        // pharmacist's check of each preparation (the demo signs no sign-off).
        Assert.Equal(
            [Odm.OdmSignatures.CodeBreak, Odm.OdmSignatures.DoseCheck],
            document.Descendants(odm + "SignatureDef").Select(d => (string)d.Attribute("OID")!));
        var definition = document.Descendants(odm + "SignatureDef").First();
        Assert.Equal((Odm.OdmSignatures.CodeBreak, "Electronic"), ((string)definition.Attribute("OID")!, (string)definition.Attribute("Methodology")!));
        Assert.Equal("Emergency unblinding", definition.Element(odm + "Meaning")!.Value);
        Assert.NotEmpty(definition.Element(odm + "LegalReason")!.Value);
        var users = document.Descendants(odm + "User").Select(u => (string)u.Attribute("OID")!).ToHashSet();
        Assert.Equal(breaks.Length, document.Descendants(odm + "Signature").Count(s => (string)s.Element(odm + "SignatureRef")!.Attribute("SignatureOID")! == Odm.OdmSignatures.CodeBreak));
        Assert.DoesNotContain(document.Descendants(odm + "SubjectData"), s => s.Element(odm + "AuditRecord") is not null);
        foreach (var (subject, stored) in breaks)
        {
            var performed = (Blinding.EmergencyUnblindingPerformed)stored.Data;
            var group = document.Descendants(odm + "ItemGroupData").Single(g =>
                (string)g.Attribute("ItemGroupOID")! == Odm.OdmModel.CodeBreak
                && (string)g.Ancestors(odm + "SubjectData").Single().Attribute("SubjectKey")! == subject
                && g.Element(odm + "AuditRecord")!.Element(odm + "SourceID")!.Value == stored.Position.ToString(CultureInfo.InvariantCulture));
            var signature = group.Element(odm + "Signature");
            Assert.NotNull(signature);
            Assert.Equal(odm + "AuditRecord", ((XElement)signature.PreviousNode!).Name);
            var signer = (string)signature.Element(odm + "UserRef")!.Attribute("UserOID")!;
            Assert.Equal($"U.{performed.PerformedBy}", signer);
            Assert.Contains(signer, users);
            Assert.Equal(Odm.OdmSignatures.CodeBreak, (string)signature.Element(odm + "SignatureRef")!.Attribute("SignatureOID")!);
            Assert.Equal(group.Element(odm + "AuditRecord")!.Element(odm + "DateTimeStamp")!.Value, signature.Element(odm + "DateTimeStamp")!.Value);
            Assert.Null(group.Element(odm + "AuditRecord")!.Element(odm + "ReasonForChange"));
        }

        Assert.Empty(OdmChecks.OutOfOrder(document));
    }

    [Fact]
    public async Task every_odm_item_starts_with_its_insert_and_its_audit_records_never_go_back_in_time()
    {
        var export = await fixture.ExportAsync("odm-order");
        var document = OdmChecks.Load(export.Directory!);

        Assert.Empty(OdmChecks.OutOfOrder(document));

        // Not vacuous: the file has groups that were corrected after they were entered.
        Assert.Contains(document.Descendants(OdmChecks.Odm + "ItemGroupData"), g => (string?)g.Attribute("TransactionType") == "Update");
        var reversed = new XDocument(document);
        var update = reversed.Descendants(OdmChecks.Odm + "ItemGroupData").First(g => (string?)g.Attribute("TransactionType") == "Update");
        var insert = update.Parent!.Elements(OdmChecks.Odm + "ItemGroupData").First(g =>
            (string)g.Attribute("ItemGroupOID")! == (string)update.Attribute("ItemGroupOID")! && (string?)g.Attribute("ItemGroupRepeatKey") == (string?)update.Attribute("ItemGroupRepeatKey"));
        insert.Remove();
        update.AddAfterSelf(insert);
        Assert.NotEmpty(OdmChecks.OutOfOrder(reversed));
    }

    [Fact]
    public async Task the_crossover_is_modelled_with_elements_epochs_and_visits()
    {
        var export = await fixture.ExportAsync("design");

        var te = ExportFiles.Table(export.Directory!, "TE").Select(r => r["ETCD"]).ToArray();
        Assert.Equal(["SCRN", "TRT", "WASH", "FU"], te);
        var ta = ExportFiles.Table(export.Directory!, "TA");
        Assert.Equal(["SCREENING", "TREATMENT 1", "WASHOUT 1", "TREATMENT 2", "FOLLOW-UP"], ta.Select(r => r["EPOCH"]));
        Assert.Equal(["1", "2", "3", "4", "5"], ta.Select(r => r["TAETORD"]));
        Assert.Equal(["SCREENING", "PERIOD 1", "PERIOD 2"], ExportFiles.Table(export.Directory!, "TV").Select(r => r["VISIT"]));
        var ts = ExportFiles.Table(export.Directory!, "TS").ToDictionary(r => r["TSPARMCD"] + r["TSSEQ"], r => r);
        Assert.Equal("CROSS-OVER", ts["INTMODEL1"]["TSVAL"]);
        Assert.Equal("C82637", ts["INTMODEL1"]["TSVALCD"]);
        Assert.Equal("DOUBLE BLIND", ts["TBLIND1"]["TSVAL"]);
        Assert.Equal(fixture.Protocol.Title, ts["TITLE1"]["TSVAL"]);
        Assert.False(ts.ContainsKey("TRT1"));

        var completed = fixture.Demo.Participants.First(p => p.Status == ParticipantStatus.Completed).Subject;
        var se = ExportFiles.Table(export.Directory!, "SE").Where(r => r["USUBJID"] == $"{ExportTrialFixture.Trial}-{completed}").ToArray();
        Assert.Equal(["SCRN", "TRT", "WASH", "TRT", "FU"], se.Select(r => r["ETCD"]));
        Assert.All(se.Zip(se.Skip(1)), pair => Assert.Equal(pair.First["SEENDTC"], pair.Second["SESTDTC"]));

        var epochs = new HashSet<string>(ta.Select(r => r["EPOCH"])) { "" };
        foreach (var domain in new[] { "EX", "VS", "QS", "AE", "SE" })
        {
            Assert.All(ExportFiles.Table(export.Directory!, domain), row => Assert.Contains(row["EPOCH"], epochs));
        }

        Assert.All(ExportFiles.Table(export.Directory!, "EX"), row => Assert.StartsWith("TREATMENT ", row["EPOCH"], StringComparison.Ordinal));
        var vs = ExportFiles.Table(export.Directory!, "VS");
        Assert.Equal(["DIABP", "OXYSAT", "PULSE", "SYSBP", "WEIGHT"], vs.Select(r => r["VSTESTCD"]).Distinct().Order(StringComparer.Ordinal));
        Assert.Contains(vs, r => r["VSTPT"] == "PRE-DOSE" && r["VSELTM"] == "PT0M" && r["VSTPTNUM"] == "1");
        Assert.Contains(vs, r => r["VSTPT"] == "10 MIN AFTER DOSING START" && r["VSELTM"] == "PT10M");
        var qs = ExportFiles.Table(export.Directory!, "QS");
        Assert.All(qs, r => Assert.Equal("PAIN", r["QSTESTCD"]));
        Assert.Contains(qs, r => r["QSTPT"] == "24 H AFTER DOSING START");
        var ds = ExportFiles.Table(export.Directory!, "DS").Select(r => r["DSDECOD"]).ToHashSet();
        Assert.Superset(new HashSet<string> { "INFORMED CONSENT OBTAINED", "RANDOMIZED", "COMPLETED", "SCREEN FAILURE", "WITHDRAWAL BY SUBJECT" }, ds);
        var ae = ExportFiles.Table(export.Directory!, "AE");
        Assert.All(ae, r =>
        {
            Assert.NotEqual("", r["AETERM"]);
            Assert.Equal(r["AETERM"], r["AEDECOD"]);
            Assert.Matches("^[1-5]$", r["AETOXGR"]);
            Assert.Contains(r["AESER"], new[] { "Y", "N" });
        });
        Assert.Contains(ae, r => r["AESER"] == "Y");
    }

    [Fact]
    public async Task the_datasets_have_the_core_variables_of_the_cdisc_pilot_in_the_same_order()
    {
        var export = await fixture.ExportAsync("pilot");
        var pilot = Path.Combine(ExportFiles.RepositoryRoot(), "tests", "reference", "sdtm-pilot", "sdtm");
        Assert.True(Directory.Exists(pilot), $"The CDISC pilot files are not at {pilot}.");

        foreach (var domain in new[] { "ta", "te", "tv", "ts", "dm", "se", "sv", "ex", "ae", "ds" })
        {
            var theirs = ExportFiles.ReadXpt(Path.Combine(pilot, domain + ".xpt")).Variables.Select(v => v.Name).ToArray();
            var ours = ExportFiles.ReadXpt(Path.Combine(export.Directory!, domain + ".xpt")).Variables.Select(v => v.Name).ToArray();
            var shared = theirs.Where(ours.Contains).ToArray();
            Assert.Equal(shared, ours.Where(theirs.Contains));
            Assert.True(shared.Length >= Math.Min(theirs.Length, 6), $"{domain}: only {string.Join(", ", shared)} in common with the pilot");
        }

        var dm = ExportFiles.ReadXpt(Path.Combine(export.Directory!, "dm.xpt")).Variables.Select(v => v.Name).ToArray();
        Assert.Equal(["STUDYID", "DOMAIN", "USUBJID", "SUBJID"], dm.Take(4));
        Assert.True(Array.IndexOf(dm, "SITEID") > Array.IndexOf(dm, "SUBJID"));
    }

    [Fact]
    public async Task the_same_position_gives_byte_identical_files_after_rebuilding_every_projection_and_appending_more_events()
    {
        var first = await fixture.ExportAsync("determinism-1");
        var second = await fixture.ExportAsync("determinism-2");
        AssertIdentical(first.Directory!, second.Directory!);

        foreach (var name in fixture.Runtime.Projections.Names)
        {
            await fixture.Runtime.Projections.RebuildAsync(name);
        }

        await fixture.Runtime.Projections.CatchUpAllAsync();
        await DemoTrial.RunAsync(fixture.Runtime, DemoTrial.KetNp01(), new DemoOptions(3, Seed: 99, Parallelism: 1));
        await fixture.Runtime.Projections.CatchUpAllAsync();
        Assert.True(await ChainVerifier.LedgerHeadPositionAsync(fixture.Runtime.DataSource) > fixture.AsOf);

        var third = await fixture.ExportAsync("determinism-3");
        AssertIdentical(first.Directory!, third.Directory!);
        var latest = await fixture.ExportAsync("determinism-latest", asOf: await ChainVerifier.LedgerHeadPositionAsync(fixture.Runtime.DataSource));
        Assert.NotEqual(File.ReadAllBytes(Path.Combine(first.Directory!, "dm.csv")), File.ReadAllBytes(Path.Combine(latest.Directory!, "dm.csv")));
    }

    [Fact]
    public async Task an_export_zips_to_the_same_bytes_every_time_with_every_file()
    {
        var export = await fixture.ExportAsync("zip");
        using var first = new MemoryStream();
        using var second = new MemoryStream();

        await ExportArchive.WriteAsync(export.Directory!, first);
        await ExportArchive.WriteAsync(export.Directory!, second);

        Assert.Equal(first.ToArray(), second.ToArray());
        first.Position = 0;
        using var zip = new System.IO.Compression.ZipArchive(first);
        Assert.Equal(ExportFiles.ExpectedFiles.Order(StringComparer.Ordinal), zip.Entries.Select(e => e.FullName));
    }

    [Fact]
    public async Task each_export_is_recorded_and_listed_in_the_export_history()
    {
        var export = await fixture.ExportAsync("history", actor: ExportTrialFixture.Monitor);

        var history = await fixture.Exporter.History.ListAsync(ExportTrialFixture.Trial);

        var record = Assert.Single(history, r => r.Position == export.Recorded!.Positions.Single());
        Assert.Equal(ExportTrialFixture.Monitor.UserId, record.ProducedBy);
        Assert.Equal(Roles.Monitor, record.Role);
        Assert.True(record.Blinded);
        Assert.Equal(fixture.AsOf, record.AsOfPosition);
        Assert.Equal(export.Manifest!.LedgerHash, record.LedgerHash);
        Assert.Equal(export.Manifest.Files, record.Files);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(export.Directory!, ExportManifest.FileName)))), record.ManifestSha256);
    }

    [Theory]
    [InlineData(Roles.DataEntry)]
    [InlineData(Roles.Pharmacist)]
    [InlineData(Roles.Investigator)]
    [InlineData(Roles.Administrator)]
    public async Task roles_without_an_export_task_are_refused(string role)
    {
        var folder = fixture.NewFolder("refused");

        var result = await fixture.Exporter.ExportAsync(ExportTrialFixture.Trial, folder, true, fixture.AsOf, new Actor("someone", role));

        Assert.False(result.Succeeded);
        Assert.Equal(ExportPolicy.Refused, result.Rejection!.Code);
        Assert.False(Directory.Exists(folder));
    }

    [Fact]
    public async Task an_unblinded_export_of_a_trial_not_yet_unblinded_is_refused()
    {
        var folder = fixture.NewFolder("unblinded");

        var result = await fixture.Exporter.ExportAsync(ExportTrialFixture.Trial, folder, false, fixture.AsOf, ExportTrialFixture.Statistician);

        Assert.Equal(ExportPolicy.TrialNotUnblinded, result.Rejection?.Code);
        Assert.False(Directory.Exists(folder));
    }

    [Fact]
    public async Task a_folder_that_is_not_empty_is_refused()
    {
        var folder = fixture.NewFolder("occupied");
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "notes.txt"), "mine");

        var result = await fixture.Exporter.ExportAsync(ExportTrialFixture.Trial, folder, true, fixture.AsOf, ExportTrialFixture.Statistician);

        Assert.Equal("export.folder-not-empty", result.Rejection?.Code);
        Assert.Equal(["notes.txt"], Directory.EnumerateFiles(folder).Select(Path.GetFileName));
    }

    [Fact]
    public async Task verify_accepts_a_fresh_export_and_names_the_file_a_byte_was_changed_in()
    {
        var export = await fixture.ExportAsync("verify");

        var fresh = await CliRunner.RunAsync(fixture.Database.ConnectionString, null, "verify", "--export", export.Directory!);
        Assert.True(fresh.ExitCode == 0, fresh.Error);
        Assert.Contains("export verified", fresh.Output, StringComparison.Ordinal);

        var ae = Path.Combine(export.Directory!, "ae.csv");
        var bytes = File.ReadAllBytes(ae);
        var at = Array.IndexOf(bytes, (byte)'\n') + 5;
        bytes[at] = (byte)(bytes[at] == (byte)'X' ? 'Y' : 'X');
        File.WriteAllBytes(ae, bytes);
        File.WriteAllText(Path.Combine(export.Directory!, "extra.txt"), "added later");
        File.Delete(Path.Combine(export.Directory!, "qs.xpt"));

        var tampered = await CliRunner.RunAsync(fixture.Database.ConnectionString, null, "verify", "--export", export.Directory!);

        Assert.Equal(1, tampered.ExitCode);
        Assert.Contains("ae.csv: changed", tampered.Error, StringComparison.Ordinal);
        Assert.Contains("extra.txt: added", tampered.Error, StringComparison.Ordinal);
        Assert.Contains("qs.xpt: removed", tampered.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("dm.csv", tampered.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task verify_names_a_file_whose_manifest_entry_was_forged_to_match()
    {
        var export = await fixture.ExportAsync("forged");
        var path = Path.Combine(export.Directory!, "vs.csv");
        File.AppendAllText(path, "KET-NP-01,VS,invented\n");
        var manifest = export.Manifest! with
        {
            Files = export.Manifest!.Files.Select(f => f.Name == "vs.csv" ? new ExportedFile(f.Name, Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path))), new FileInfo(path).Length) : f).ToArray(),
        };
        File.WriteAllBytes(Path.Combine(export.Directory!, ExportManifest.FileName), manifest.ToJson());

        var verification = await fixture.Exporter.VerifyAsync(export.Directory!);

        Assert.False(verification.Verified);
        var discrepancy = Assert.Single(verification.Discrepancies);
        Assert.Equal("vs.csv", discrepancy.File);
    }

    [Fact]
    public async Task verify_names_a_manifest_whose_signed_checkpoint_was_forged()
    {
        var export = await fixture.ExportAsync("forged-checkpoint");
        var manifest = export.Manifest! with
        {
            Checkpoint = export.Manifest!.Checkpoint! with { Signature = new string('0', 64) },
        };
        File.WriteAllBytes(Path.Combine(export.Directory!, ExportManifest.FileName), manifest.ToJson());

        var verification = await fixture.Exporter.VerifyAsync(export.Directory!);

        Assert.False(verification.Verified);
        var discrepancy = Assert.Single(verification.Discrepancies);
        Assert.Equal(ExportManifest.FileName, discrepancy.File);
        Assert.Contains("checkpoint", discrepancy.Problem);
    }

    [Fact]
    public async Task the_cli_exports_blinded_at_the_ledger_head_and_refuses_unblinded()
    {
        var folder = fixture.NewFolder("cli");

        var refused = await CliRunner.RunAsync(fixture.Database.ConnectionString, null, "export", "--trial", ExportTrialFixture.Trial, "--out", folder, "--unblinded");
        var run = await CliRunner.RunAsync(fixture.Database.ConnectionString, null, "export", "--trial", ExportTrialFixture.Trial, "--out", folder + "/", "--as-of", fixture.AsOf.ToString(CultureInfo.InvariantCulture));

        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("unblinded", refused.Error, StringComparison.Ordinal);
        Assert.Single(refused.Error.Trim().Split('\n'));
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("(blinded)", run.Output, StringComparison.Ordinal);
        AssertIdentical((await fixture.ExportAsync("cli-compare")).Directory!, folder);
    }

    private async Task<Dictionary<(string Usubjid, int Period), string>> AllocationsAsync()
    {
        var trial = (await TrialAsOf.ReadAsync(fixture.Runtime.Store, fixture.Protocol.Code, fixture.AsOf, unblinded: true, CancellationToken.None))!;
        var result = new Dictionary<(string, int), string>();
        foreach (var (subject, record) in trial.Allocations)
        {
            var codes = record.Allocation.TreatmentCodes(fixture.Protocol);
            for (var period = 1; period <= codes.Count; period++)
            {
                result[($"{ExportTrialFixture.Trial}-{subject}", period)] = codes[period - 1];
            }
        }

        return result;
    }

    private static void AssertIdentical(string expected, string actual)
    {
        var names = Directory.EnumerateFiles(expected).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(names, Directory.EnumerateFiles(actual).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.All(names, name => Assert.True(
            File.ReadAllBytes(Path.Combine(expected, name!)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(actual, name!))),
            $"{name} differs"));
    }

    private static string Around(string text, System.Text.RegularExpressions.Regex pattern)
    {
        var match = pattern.Match(text);
        return text.Substring(Math.Max(0, match.Index - 40), Math.Min(text.Length - Math.Max(0, match.Index - 40), match.Length + 80));
    }
}
