using System.Globalization;
using TrialOps.AdverseEvents;
using TrialOps.Assessments;
using TrialOps.Audit;
using TrialOps.Blinding;
using TrialOps.Dosing;
using TrialOps.Messaging;
using TrialOps.Participants;
using TrialOps.Protocols;
using TrialOps.Randomization;

namespace TrialOps.Exports.Tests;

/// <summary>A trial of its own: these tests lock and unblind it.</summary>
public sealed class LockedTrialFixture : ExportTrialFixture
{
    public override int Participants => 10;
}

/// <summary>
/// DESIGN.md §6–7: database lock and trial unblinding through the CLI, each signed with the
/// person's password, and the unblinded export they open. One story, because each step needs the
/// state the one before left.
/// </summary>
public sealed class UnblindedExportTests(LockedTrialFixture fixture) : IClassFixture<LockedTrialFixture>
{
    private const string Trial = ExportTrialFixture.Trial;

    [Fact]
    public async Task lock_and_unblind_are_signed_refused_clearly_and_open_the_unblinded_export()
    {
        var before = await fixture.Exporter.ExportAsync(Trial, fixture.NewFolder("too-early"), false, null, ExportTrialFixture.Statistician);
        Assert.Equal(ExportPolicy.TrialNotUnblinded, before.Rejection?.Code);

        var unblindTooEarly = await Cli("unblind", ExportTrialFixture.Statistician.UserId);
        AssertRefused(unblindTooEarly, "only after database lock");
        AssertRefused(await Cli("lock", ExportTrialFixture.Coordinator.UserId, password: "not the password"), "signature refused");
        AssertRefused(await Cli("lock", "nobody.here"), "signature refused");
        AssertRefused(await Cli("lock", ExportTrialFixture.Statistician.UserId), "Only a Coordinator or an Investigator");
        var noStdin = await CliRunner.RunAsync(fixture.Database.ConnectionString, null, "lock", "--trial", Trial, "--user", ExportTrialFixture.Coordinator.UserId);
        AssertRefused(noStdin, "--password-stdin");

        var locked = await Cli("lock", ExportTrialFixture.Coordinator.UserId);
        Assert.True(locked.ExitCode == 0, locked.Error);
        Assert.Contains($"Locked the database of {Trial}", locked.Output, StringComparison.Ordinal);
        AssertRefused(await Cli("lock", ExportTrialFixture.Investigator.UserId), "already locked");

        // After the lock no clinical command is accepted (the journey's deciders check the lock).
        var subject = SubjectNumber.Parse(fixture.Demo.Participants.First(p => p.Status == ParticipantStatus.Completed).Subject);
        var late = await fixture.Runtime.SendAsync(
            CommandContext.New(new Actor("nurse.nia", Common.Roles.DataEntry)),
            new RecordScaleAssessment(fixture.Protocol.Code, subject, 1, "PAIN", "PT20M", fixture.Runtime.Clock.GetUtcNow().AddDays(-1), 30m));
        Assert.Equal("trial.locked", late.Rejection?.Code);

        AssertRefused(await Cli("unblind", ExportTrialFixture.Coordinator.UserId), "Only a Statistician");
        var unblinded = await Cli("unblind", ExportTrialFixture.Statistician.UserId);
        Assert.True(unblinded.ExitCode == 0, unblinded.Error);
        AssertRefused(await Cli("unblind", ExportTrialFixture.Statistician.UserId), "already unblinded");

        // An export as of a position before the unblinding stays refused: the allocation is read as of the position.
        var asOfBefore = await fixture.Exporter.ExportAsync(Trial, fixture.NewFolder("before-unblinding"), false, fixture.AsOf, ExportTrialFixture.Statistician);
        Assert.Equal(ExportPolicy.TrialNotUnblinded, asOfBefore.Rejection?.Code);
        var monitor = await fixture.Exporter.ExportAsync(Trial, fixture.NewFolder("monitor"), false, null, ExportTrialFixture.Monitor);
        Assert.Equal(ExportPolicy.Refused, monitor.Rejection?.Code);

        var export = await fixture.Exporter.ExportAsync(Trial, fixture.NewFolder("unblinded"), false, null, ExportTrialFixture.Statistician);
        Assert.True(export.Succeeded, export.Rejection?.Message);
        var directory = export.Directory!;
        Assert.False(export.Manifest!.Blinded);

        var allocations = (await TrialAsOf.ReadAsync(fixture.Runtime.Store, fixture.Protocol.Code, export.Manifest.AsOfPosition, true, CancellationToken.None))!.Allocations;
        var dm = ExportFiles.Table(directory, "DM");
        foreach (var row in dm.Where(r => r["RFXSTDTC"] != ""))
        {
            var allocation = allocations[row["SUBJID"]].Allocation;
            var expected = string.Join("-", allocation.TreatmentCodes(fixture.Protocol));
            Assert.Equal(expected, row["ARMCD"]);
            Assert.Equal(expected, row["ACTARMCD"]);
            Assert.StartsWith(fixture.Protocol.Treatment(allocation.TreatmentCodes(fixture.Protocol)[0]).Label, row["ARM"], StringComparison.Ordinal);
            Assert.Equal(row["ARM"], row["ACTARM"]);
        }

        Assert.Contains(dm, r => r["ARMNRS"] == "SCREEN FAILURE" && r["ARMCD"] == "");
        Assert.Equal(["KET-PBO", "PBO-KET"], ExportFiles.Table(directory, "TA").Select(r => r["ARMCD"]).Distinct());
        Assert.Equal(["SCRN", "KET", "PBO", "WASH", "FU"], ExportFiles.Table(directory, "TE").Select(r => r["ETCD"]));

        // Unblinded, exposure differs by arm, which is exactly why the blinded file shows the volume only.
        var ex = ExportFiles.Table(directory, "EX");
        var units = ex.Where(r => r["EXDOSE"] != "").GroupBy(r => r["EXTRT"]).ToDictionary(g => g.Key, g => g.Select(r => r["EXDOSU"]).Distinct().Single());
        Assert.Equal("mg", units[fixture.Protocol.Treatment("KET").Label]);
        Assert.Equal("mL", units[fixture.Protocol.Treatment("PBO").Label]);
        var ts = ExportFiles.Table(directory, "TS");
        Assert.Contains(ts, r => r["TSPARMCD"] == "TITLE" && r["TSVAL"] == fixture.Protocol.Title);
        Assert.Contains(ts, r => r["TSPARMCD"] == "TRT" && r["TSVAL"] == fixture.Protocol.Treatment("KET").Label);

        Assert.Empty(OdmSchemas.CreateValidator().Validate(Path.Combine(directory, "odm.xml")));
        var (defineExit, defineMessages) = ExportFiles.ValidateDefine(Path.Combine(directory, Define.DefineXmlWriter.FileName));
        Assert.True(defineExit == 0, defineMessages);
        Assert.Empty(ExportFiles.DefineMismatches(directory));
        Assert.Contains("IT.RAND.TRTP1", File.ReadAllText(Path.Combine(directory, "odm.xml")), StringComparison.Ordinal);

        // The ODM carries the signed lock and unblinding on every subject's record, after the
        // subject's data, and the allocation (IG.RAND) starts with its Insert.
        var protocolEvents = await fixture.Runtime.Store.ReadStreamAsync(ProtocolStreams.For(fixture.Protocol.Code));
        string PositionOf<T>() => protocolEvents.Last(e => e.Data is T).Position.ToString(CultureInfo.InvariantCulture);
        var lockAndUnblind = new[]
        {
            (Odm.OdmSignatures.Lock, $"U.{ExportTrialFixture.Coordinator.UserId}", PositionOf<TrialLocked>(), (string?)null),
            (Odm.OdmSignatures.Unblind, $"U.{ExportTrialFixture.Statistician.UserId}", PositionOf<TrialUnblinded>(), (string?)null),
        };
        var unblindedOdm = OdmChecks.Load(directory);
        Assert.Empty(OdmChecks.OutOfOrder(unblindedOdm));
        Assert.Equal(
            [Odm.OdmSignatures.CodeBreak, Odm.OdmSignatures.Lock, Odm.OdmSignatures.Unblind, Odm.OdmSignatures.DoseCheck],
            unblindedOdm.Descendants(OdmChecks.Odm + "SignatureDef").Select(d => (string)d.Attribute("OID")!));
        var subjects = unblindedOdm.Descendants(OdmChecks.Odm + "SubjectData").Select(s => (string)s.Attribute("SubjectKey")!).Distinct().ToArray();
        Assert.Equal(fixture.Demo.Participants.Count, subjects.Length);
        Assert.All(subjects, subject => Assert.Equal(lockAndUnblind, OdmChecks.TrialActionsOf(unblindedOdm, subject)));
        var randomization = unblindedOdm.Descendants(OdmChecks.Odm + "ItemGroupData").Where(g => (string)g.Attribute("ItemGroupOID")! == Odm.OdmModel.Randomization).ToArray();
        Assert.Contains(randomization, g => (string?)g.Attribute("TransactionType") == "Insert" && g.Elements().Any(i => (string?)i.Attribute("ItemOID") == "IT.RAND.ARMCD"));

        // A blinded export after lock and unblinding carries the same signed actions and still no treatment.
        var blindedAfter = await fixture.Exporter.ExportAsync(Trial, fixture.NewFolder("blinded-after-unblinding"), true, null, ExportTrialFixture.Statistician);
        Assert.True(blindedAfter.Succeeded, blindedAfter.Rejection?.Message);
        Assert.Empty(OdmSchemas.CreateValidator().Validate(Path.Combine(blindedAfter.Directory!, "odm.xml")));
        var blindedOdm = OdmChecks.Load(blindedAfter.Directory!);
        Assert.Empty(OdmChecks.OutOfOrder(blindedOdm));
        Assert.All(subjects, subject => Assert.Equal(lockAndUnblind, OdmChecks.TrialActionsOf(blindedOdm, subject)));
        Assert.Empty(OdmChecks.TreatmentSecretsIn(blindedAfter.Directory!, fixture.Protocol));
        Assert.Equal(
            ExportFiles.ReadWithPandas(directory)["dm.xpt"].Rows,
            dm.Count);

        var again = await fixture.Exporter.ExportAsync(Trial, fixture.NewFolder("unblinded-again"), false, export.Manifest.AsOfPosition, ExportTrialFixture.Statistician);
        Assert.True(again.Succeeded, again.Rejection?.Message);
        Assert.Equal(export.Manifest.Files, again.Manifest!.Files);
        var verification = await fixture.Exporter.VerifyAsync(directory);
        Assert.True(verification.Verified, string.Join("; ", verification.Discrepancies));

        var history = await fixture.Exporter.History.ListAsync(Trial);
        Assert.Contains(history, r => !r.Blinded && r.ProducedBy == ExportTrialFixture.Statistician.UserId && r.AsOfPosition == export.Manifest.AsOfPosition);

        // Written after unblinding, the reason may name a treatment: unblinded files carry it, blinded ones do not.
        const string reason = "Late query on a pain score of the ketamine period";
        var unlocked = await CliRunner.RunAsync(
            fixture.Database.ConnectionString,
            ExportTrialFixture.Password + "\n",
            "unlock", "--trial", Trial, "--user", ExportTrialFixture.Investigator.UserId, "--reason", reason, "--password-stdin");
        Assert.True(unlocked.ExitCode == 0, unlocked.Error);
        var unlockPosition = (await fixture.Runtime.Store.ReadStreamAsync(ProtocolStreams.For(fixture.Protocol.Code))).Last(e => e.Data is TrialUnlocked).Position.ToString(CultureInfo.InvariantCulture);
        var blindedUnlocked = await fixture.Exporter.ExportAsync(Trial, fixture.NewFolder("blinded-unlocked"), true, null, ExportTrialFixture.Statistician);
        Assert.True(blindedUnlocked.Succeeded, blindedUnlocked.Rejection?.Message);
        Assert.Empty(OdmChecks.TreatmentSecretsIn(blindedUnlocked.Directory!, fixture.Protocol));
        Assert.Contains((Odm.OdmSignatures.Unlock, $"U.{ExportTrialFixture.Investigator.UserId}", unlockPosition, (string?)null), OdmChecks.TrialActionsOf(OdmChecks.Load(blindedUnlocked.Directory!), subjects[0]));
        var unblindedUnlocked = await fixture.Exporter.ExportAsync(Trial, fixture.NewFolder("unblinded-unlocked"), false, null, ExportTrialFixture.Statistician);
        Assert.True(unblindedUnlocked.Succeeded, unblindedUnlocked.Rejection?.Message);
        var unlockedOdm = OdmChecks.Load(unblindedUnlocked.Directory!);
        Assert.Empty(OdmSchemas.CreateValidator().Validate(Path.Combine(unblindedUnlocked.Directory!, "odm.xml")));
        Assert.Empty(OdmChecks.OutOfOrder(unlockedOdm));
        Assert.All(subjects, subject => Assert.Equal(
            lockAndUnblind.Append((Odm.OdmSignatures.Unlock, $"U.{ExportTrialFixture.Investigator.UserId}", unlockPosition, (string?)reason)).ToArray(),
            OdmChecks.TrialActionsOf(unlockedOdm, subject)));
        AssertRefused(await CliRunner.RunAsync(
            fixture.Database.ConnectionString,
            ExportTrialFixture.Password + "\n",
            "unlock", "--trial", Trial, "--user", ExportTrialFixture.Investigator.UserId, "--reason", "Again", "--password-stdin"), "not locked");
    }

    private Task<CliRun> Cli(string command, string user, string password = ExportTrialFixture.Password) =>
        CliRunner.RunAsync(fixture.Database.ConnectionString, password + "\n", [command, "--trial", Trial, "--user", user, "--password-stdin", .. CliRunner.ConfirmationsFor(command)]);

    private static void AssertRefused(CliRun run, string expected)
    {
        Assert.True(run.ExitCode == 1, $"exit {run.ExitCode}: {run.Output} {run.Error}");
        Assert.Contains(expected, run.Error, StringComparison.Ordinal);
        Assert.Single(run.Error.Trim().Split('\n'));
        Assert.StartsWith("trialops: ", run.Error, StringComparison.Ordinal);
    }
}
