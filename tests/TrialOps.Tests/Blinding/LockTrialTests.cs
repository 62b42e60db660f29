using TrialOps.Blinding;
using TrialOps.Messaging;
using TrialOps.Protocols;
using static TrialOps.Tests.Randomization.RandomizationFixtures;

namespace TrialOps.Tests.Blinding;

public class LockTrialTests
{
    private const string Reason = "Late query on P-007 pain score at 60 minutes";

    private static ProtocolImported Imported => new(KetCode, Coordinator.UserId, Now.AddDays(-90), 1, Protocols.ProtocolFixtures.KetJson, new string('0', 64));

    [Theory]
    [InlineData("Coordinator")]
    [InlineData("Investigator")]
    public void a_coordinator_or_an_investigator_locks_the_trial_database_with_a_signature(string role)
    {
        var by = new Actor("u-lock", role);

        var locked = Single<TrialLocked>(LockTrial.Decide(ProtocolState.From([Imported]), new LockTrial(KetCode, SignatureVerified: true, by), Now));

        Assert.Equal(new TrialLocked(KetCode, "u-lock", Now), locked);
        Assert.True(ProtocolState.From([Imported, locked]).Locked);
    }

    [Theory]
    [InlineData("Administrator")]
    [InlineData("DataEntry")]
    [InlineData("Pharmacist")]
    [InlineData("Monitor")]
    [InlineData("Statistician")]
    public void nobody_else_can_lock_the_trial(string role)
    {
        var rejection = Rejected(LockTrial.Decide(ProtocolState.From([Imported]), new LockTrial(KetCode, true, new Actor("u", role)), Now));

        Assert.Equal("not-permitted", rejection.Code);
    }

    [Fact]
    public void locking_without_a_verified_signature_is_refused()
    {
        var rejection = Rejected(LockTrial.Decide(ProtocolState.From([Imported]), new LockTrial(KetCode, SignatureVerified: false, Coordinator), Now));

        Assert.Equal(("signature-required", "password"), (rejection.Code, rejection.Field));
    }

    [Fact]
    public void a_locked_trial_cannot_be_locked_again()
    {
        var state = ProtocolState.From([Imported, new TrialLocked(KetCode, Investigator.UserId, Now.AddDays(-1))]);

        Assert.Equal("trial.already-locked", Rejected(LockTrial.Decide(state, new LockTrial(KetCode, true, Coordinator), Now)).Code);
    }

    [Fact]
    public void a_protocol_that_was_never_imported_cannot_be_locked()
    {
        Assert.Equal("protocol.not-found", Rejected(LockTrial.Decide(ProtocolState.Initial, new LockTrial(KetCode, true, Coordinator), Now)).Code);
    }

    [Fact]
    public void lifting_the_lock_records_who_when_and_why()
    {
        var state = ProtocolState.From([Imported, new TrialLocked(KetCode, Coordinator.UserId, Now.AddDays(-1))]);

        var unlocked = Single<TrialUnlocked>(UnlockTrial.Decide(state, new UnlockTrial(KetCode, $"  {Reason} ", true, Investigator), Now));

        Assert.Equal(new TrialUnlocked(KetCode, Investigator.UserId, Now, Reason), unlocked);
        Assert.False(state.Apply(unlocked).Locked);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void lifting_the_lock_needs_a_reason(string reason)
    {
        var state = ProtocolState.From([Imported, new TrialLocked(KetCode, Coordinator.UserId, Now)]);

        var rejection = Rejected(UnlockTrial.Decide(state, new UnlockTrial(KetCode, reason, true, Coordinator), Now));

        Assert.Equal(("reason-required", "reason"), (rejection.Code, rejection.Field));
    }

    [Fact]
    public void lifting_the_lock_needs_a_verified_signature()
    {
        var state = ProtocolState.From([Imported, new TrialLocked(KetCode, Coordinator.UserId, Now)]);

        Assert.Equal("signature-required", Rejected(UnlockTrial.Decide(state, new UnlockTrial(KetCode, Reason, false, Coordinator), Now)).Code);
    }

    [Theory]
    [InlineData("Administrator")]
    [InlineData("DataEntry")]
    [InlineData("Pharmacist")]
    [InlineData("Monitor")]
    [InlineData("Statistician")]
    public void nobody_else_can_lift_the_lock(string role)
    {
        var state = ProtocolState.From([Imported, new TrialLocked(KetCode, Coordinator.UserId, Now)]);

        Assert.Equal("not-permitted", Rejected(UnlockTrial.Decide(state, new UnlockTrial(KetCode, Reason, true, new Actor("u", role)), Now)).Code);
    }

    [Fact]
    public void a_trial_that_is_not_locked_cannot_be_unlocked()
    {
        Assert.Equal("trial.not-locked", Rejected(UnlockTrial.Decide(ProtocolState.From([Imported]), new UnlockTrial(KetCode, Reason, true, Coordinator), Now)).Code);
    }

    [Fact]
    public void the_trial_can_be_unblinded_only_once_locked_and_unlocking_afterwards_keeps_it_unblinded()
    {
        var notLocked = ProtocolState.From([Imported]);
        Assert.Equal("blinding.trial-not-locked", Rejected(UnblindTrial.Decide(notLocked, new UnblindTrial(KetCode, true, Statistician), Now)).Code);

        var locked = notLocked.Apply(Single<TrialLocked>(LockTrial.Decide(notLocked, new LockTrial(KetCode, true, Coordinator), Now)));
        var unblinded = locked.Apply(Single<TrialUnblinded>(UnblindTrial.Decide(locked, new UnblindTrial(KetCode, true, Statistician), Now)));
        var unlocked = unblinded.Apply(Single<TrialUnlocked>(UnlockTrial.Decide(unblinded, new UnlockTrial(KetCode, Reason, true, Coordinator), Now)));

        Assert.Equal((false, true), (unlocked.Locked, unlocked.Unblinded));
    }
}
