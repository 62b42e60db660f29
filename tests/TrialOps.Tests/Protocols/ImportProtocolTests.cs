using System.Text;
using TrialOps.Blinding;
using TrialOps.Common;
using TrialOps.Messaging;
using TrialOps.Protocols;

namespace TrialOps.Tests.Protocols;

public class ImportProtocolTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 14, 9, 30, 0, TimeSpan.Zero);
    private static readonly Actor Coordinator = new("u-coordinator", Roles.Coordinator);

    [Fact]
    public void the_first_import_of_a_code_records_the_file_verbatim_with_its_hash_and_who_imported_it()
    {
        var bytes = Encoding.UTF8.GetBytes(ProtocolFixtures.KetJson);
        var command = Command(bytes);

        var decision = ImportProtocol.Decide(ProtocolState.Initial, command, Now);

        var pending = Assert.Single(decision.Events);
        Assert.Equal("protocol-KET-NP-01", pending.StreamId);
        Assert.Equal(
            new ProtocolImported(ProtocolCode.Parse("KET-NP-01"), Coordinator.UserId, Now, 1, ProtocolFixtures.KetJson, ProtocolFile.Sha256(bytes)),
            pending.Data);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void importing_the_same_or_a_lower_version_again_is_refused(int existingVersion)
    {
        var state = ProtocolState.From([Imported(existingVersion)]);

        var decision = ImportProtocol.Decide(state, Command(Version(1)), Now);

        Assert.Empty(decision.Events);
        Assert.Equal(
            new Rejection(
                "protocol.version-not-higher",
                $"Protocol KET-NP-01 is already at version {existingVersion}: an amendment needs version {existingVersion + 1} or higher, the file has version 1.",
                "version"),
            decision.Rejection);
    }

    [Fact]
    public void importing_a_higher_version_is_a_protocol_amendment()
    {
        var state = ProtocolState.From([Imported(1)]);
        var bytes = Version(3);

        var decision = ImportProtocol.Decide(state, Command(bytes), Now);

        var amended = Assert.IsType<ProtocolAmended>(Assert.Single(decision.Events).Data);
        Assert.Equal((3, 1, Coordinator.UserId, Now), (amended.Version, amended.PreviousVersion, amended.AmendedBy, amended.AmendedAt));
        Assert.Equal(ProtocolFile.Sha256(bytes), amended.FileSha256);
        Assert.Equal(3, state.Apply(amended).Version);
    }

    [Fact]
    public void a_locked_trial_cannot_be_amended()
    {
        var state = ProtocolState.From([Imported(1), new TrialLocked(ProtocolCode.Parse("KET-NP-01"), "u-admin", Now)]);

        var decision = ImportProtocol.Decide(state, Command(Version(2)), Now);

        Assert.Equal("protocol.trial-locked", decision.Rejection?.Code);
    }

    [Theory]
    [InlineData("DataEntry")]
    [InlineData("Investigator")]
    [InlineData("Pharmacist")]
    [InlineData("Monitor")]
    [InlineData("Statistician")]
    public void only_a_coordinator_or_an_administrator_can_import_a_protocol(string role)
    {
        var (command, _) = ImportProtocol.FromFile(Encoding.UTF8.GetBytes(ProtocolFixtures.KetJson), new Actor("u", role));

        var decision = ImportProtocol.Decide(ProtocolState.Initial, command!, Now);

        Assert.Equal("not-permitted", decision.Rejection?.Code);
    }

    [Fact]
    public void an_administrator_can_import_a_protocol()
    {
        var (command, _) = ImportProtocol.FromFile(Encoding.UTF8.GetBytes(ProtocolFixtures.KetJson), new Actor("u-admin", Roles.Administrator));

        Assert.IsType<ProtocolImported>(Assert.Single(ImportProtocol.Decide(ProtocolState.Initial, command!, Now).Events).Data);
    }

    [Fact]
    public void an_invalid_file_gives_no_command_but_every_problem()
    {
        var bytes = Encoding.UTF8.GetBytes(ProtocolFixtures.Mutated(r => { r["version"] = 0; r["washout"] = "P7"; }));

        var (command, parse) = ImportProtocol.FromFile(bytes, Coordinator);

        Assert.Null(command);
        Assert.Equal(2, parse.Problems.Count);
    }

    [Fact]
    public void the_protocol_state_follows_lock_unlock_and_unblinding()
    {
        var code = ProtocolCode.Parse("KET-NP-01");

        var state = ProtocolState.From(
        [
            Imported(1),
            new TrialLocked(code, "u-admin", Now),
            new TrialUnblinded(code, "u-statistician", Now),
            new TrialUnlocked(code, "u-admin", Now, "late query on P-007"),
        ]);

        Assert.Equal((1, false, true), (state.Version, state.Locked, state.Unblinded));
    }

    private static ImportProtocol Command(byte[] bytes)
    {
        var (command, parse) = ImportProtocol.FromFile(bytes, Coordinator);
        Assert.True(parse.IsValid, string.Join(Environment.NewLine, parse.ProblemLines));
        return command!;
    }

    private static byte[] Version(int version) =>
        Encoding.UTF8.GetBytes(ProtocolFixtures.Mutated(r => r["version"] = version));

    private static ProtocolImported Imported(int version) =>
        new(ProtocolCode.Parse("KET-NP-01"), "u-coordinator", Now.AddDays(-30), version, ProtocolFixtures.KetJson, new string('0', 64));
}
