using TrialOps.Blinding;
using TrialOps.Messaging;
using TrialOps.Protocols;
using TrialOps.Signatures;
using static TrialOps.Tests.Randomization.RandomizationFixtures;
using static TrialOps.Tests.Signatures.SignatureFixtures;
using static TrialOps.Tests.Signatures.SignedDecisions;

namespace TrialOps.Tests.Blinding;

public class LockTrialTests
{
    private const string Reason = "Late query on P-007 pain score at 60 minutes";

    private static ProtocolImported Imported => new(KetCode, Coordinator.UserId, Now.AddDays(-90), 1, Protocols.ProtocolFixtures.KetJson, new string('0', 64));

    private static Decision Lock(ProtocolState state, Actor by, PreLockChecklist? checklist = null, IReadOnlyDictionary<string, string>? confirmations = null, IReadOnlyDictionary<string, int>? shown = null, SignatureRequest? signature = null, IReadOnlyList<string>? sites = null) =>
        LockTrial.Decide(state, new LockTrial(KetCode, signature ?? SignedBy(by), by, confirmations, shown), Now, AccountOf(by, version: 1, sites: sites), checklist ?? PreLockChecklist.Empty);

    private static Decision Unlock(ProtocolState state, Actor by, string reason = Reason, SignatureRequest? signature = null, IReadOnlyList<string>? sites = null) =>
        UnlockTrial.Decide(state, new UnlockTrial(KetCode, reason, signature ?? SignedBy(by), by), Now, AccountOf(by, version: 2, sites: sites));

    private static Decision Unblind(ProtocolState state, Actor by) =>
        UnblindTrial.Decide(state, new UnblindTrial(KetCode, SignedBy(by), by), Now, AccountOf(by, version: 2));

    private static PreLockChecklist Open(int inTreatment = 1, int openQueries = 2, int behind = 0) => new(
    [
        new(PreLockCategories.OpenQueries, openQueries),
        new(PreLockCategories.UnverifiedData, 0),
        new(PreLockCategories.OverdueAssessments, 0),
        new(PreLockCategories.ParticipantsInTreatment, inTreatment),
        new(PreLockCategories.UnreportedSaes, 0),
        new(PreLockCategories.UnsignedItems, 0),
        new(PreLockCategories.ProjectionsBehind, behind),
    ]);

    [Theory]
    [InlineData("Coordinator")]
    [InlineData("Investigator")]
    public void a_coordinator_or_an_investigator_locks_the_trial_database_with_a_signature_bound_to_the_lock_event(string role)
    {
        var by = new Actor("u-lock", role);

        var (locked, signature) = Signed<TrialLocked>(Lock(ProtocolState.From([Imported]), by));

        Assert.Equal((KetCode, "u-lock", Now), (locked.Protocol, locked.LockedBy, locked.LockedAt));
        Assert.Equal(new RecordSigned("protocol-KET-NP-01", 2, "u-lock", "Dr u-lock", role, SignatureMeanings.Approved, "trial lock", Now), signature);
        Assert.True(ProtocolState.From([Imported, locked, signature]).Locked);
    }

    [Theory]
    [InlineData("Administrator")]
    [InlineData("DataEntry")]
    [InlineData("Pharmacist")]
    [InlineData("Monitor")]
    [InlineData("Statistician")]
    public void nobody_else_can_lock_the_trial(string role)
    {
        Assert.Equal("not-permitted", Rejected(Lock(ProtocolState.From([Imported]), new Actor("u", role))).Code);
    }

    [Theory]
    [InlineData("Coordinator")]
    [InlineData("Investigator")]
    public void a_lock_or_its_lifting_needs_an_account_that_reaches_every_site_of_the_trial(string role)
    {
        var sites = TrialWideAccess.SitesOf(ProtocolState.From([Imported]));
        Assert.True(sites.Count >= 2, "the example protocol has several sites");
        var by = new Actor("u-site", role);

        var refused = Rejected(Lock(ProtocolState.From([Imported]), by, sites: [sites[0]]));
        Assert.Equal("site-not-granted", refused.Code);
        Assert.Contains(sites[1], refused.Message, StringComparison.Ordinal);

        // Every site named one by one is as good as the all-sites grant.
        var (locked, signature) = Signed<TrialLocked>(Lock(ProtocolState.From([Imported]), by, sites: sites));
        var state = ProtocolState.From([Imported, locked, signature]);
        Assert.Equal("site-not-granted", Rejected(Unlock(state, by, sites: [sites[0]])).Code);
        Signed<TrialUnlocked>(Unlock(state, by, sites: sites));
    }

    [Fact]
    public void locking_without_a_password_is_refused()
    {
        var rejection = Rejected(Lock(ProtocolState.From([Imported]), Coordinator, signature: SignedBy(Coordinator, password: "")));

        Assert.Equal(("signature-required", "password"), (rejection.Code, rejection.Field));
    }

    [Fact]
    public void locking_with_a_wrong_password_is_refused_as_a_failure_that_counts()
    {
        var rejection = Rejected(Lock(ProtocolState.From([Imported]), Coordinator, signature: SignedBy(Coordinator, password: "not-my-password")));

        Assert.Equal((SignatureRejections.WrongPassword, "password"), (rejection.Code, rejection.Field));
        Assert.True(Signing.CountsAsFailure(rejection));
    }

    [Fact]
    public void a_locked_trial_cannot_be_locked_again()
    {
        var state = ProtocolState.From([Imported, new TrialLocked(KetCode, Investigator.UserId, Now.AddDays(-1))]);

        Assert.Equal("trial.already-locked", Rejected(Lock(state, Coordinator)).Code);
    }

    [Fact]
    public void a_protocol_that_was_never_imported_cannot_be_locked()
    {
        Assert.Equal("protocol.not-found", Rejected(Lock(ProtocolState.Initial, Coordinator)).Code);
    }

    [Fact]
    public void a_careless_lock_with_open_items_and_no_reasons_is_refused_naming_the_categories()
    {
        var rejection = Rejected(Lock(ProtocolState.From([Imported]), Coordinator, Open()));

        Assert.Equal(("trial.checklist-not-confirmed", "confirm.open-queries"), (rejection.Code, rejection.Field));
        Assert.Contains("Queries not closed (open or answered) (2)", rejection.Message);
        Assert.Contains("Participants still in treatment", rejection.Message);
    }

    [Fact]
    public void a_lock_with_a_reason_for_only_some_open_categories_is_refused()
    {
        var rejection = Rejected(Lock(ProtocolState.From([Imported]), Coordinator, Open(), new Dictionary<string, string> { [PreLockCategories.OpenQueries] = "Answered queries are cosmetic" }));

        Assert.Equal(("trial.checklist-not-confirmed", "confirm.participants-in-treatment"), (rejection.Code, rejection.Field));
    }

    [Fact]
    public void a_lock_with_a_reason_for_each_open_category_records_the_checklist_with_the_reasons()
    {
        var confirmations = new Dictionary<string, string>
        {
            [PreLockCategories.OpenQueries] = "  Queries are on derived values only ",
            [PreLockCategories.ParticipantsInTreatment] = "P-007 withdrew by phone; form follows",
        };

        var (locked, _) = Signed<TrialLocked>(Lock(ProtocolState.From([Imported]), Coordinator, Open(), confirmations, shown: Open().Items.ToDictionary(i => i.Category, i => i.Count)));

        Assert.Equal(PreLockCategories.All, locked.Checklist!.Select(e => e.Category));
        Assert.Equal(new LockChecklistEntry(PreLockCategories.OpenQueries, 2, "Queries are on derived values only"), locked.Checklist![0]);
        Assert.Equal(new LockChecklistEntry(PreLockCategories.ParticipantsInTreatment, 1, "P-007 withdrew by phone; form follows"), locked.Checklist[3]);
        Assert.Equal(new LockChecklistEntry(PreLockCategories.UnreportedSaes, 0, null), locked.Checklist[4]);
    }

    [Fact]
    public void a_lock_is_refused_when_the_checklist_changed_since_it_was_shown()
    {
        var shown = Open(openQueries: 0).Items.ToDictionary(i => i.Category, i => i.Count);
        var confirmations = new Dictionary<string, string> { [PreLockCategories.ParticipantsInTreatment] = "Last visit done, form follows", [PreLockCategories.OpenQueries] = "none when I looked" };

        var rejection = Rejected(Lock(ProtocolState.From([Imported]), Coordinator, Open(openQueries: 1), confirmations, shown));

        Assert.Equal("trial.checklist-changed", rejection.Code);
        Assert.Contains("0 shown, 1 now", rejection.Message);
    }

    [Fact]
    public void read_models_catching_up_do_not_make_the_shown_checklist_stale_but_still_need_a_reason_when_behind()
    {
        var shown = Open(inTreatment: 0, openQueries: 0, behind: 2).Items.ToDictionary(i => i.Category, i => i.Count);

        var rejection = Rejected(Lock(ProtocolState.From([Imported]), Coordinator, Open(inTreatment: 0, openQueries: 0, behind: 1), shown: shown));
        var (locked, _) = Signed<TrialLocked>(Lock(
            ProtocolState.From([Imported]), Coordinator, Open(inTreatment: 0, openQueries: 0, behind: 0), shown: shown));

        Assert.Equal(("trial.checklist-not-confirmed", "confirm.projections-behind"), (rejection.Code, rejection.Field));
        Assert.All(locked.Checklist!, e => Assert.Null(e.Reason));
    }

    [Fact]
    public void lifting_the_lock_records_who_when_and_why_signed()
    {
        var state = ProtocolState.From([Imported, new TrialLocked(KetCode, Coordinator.UserId, Now.AddDays(-1))]);

        var (unlocked, signature) = Signed<TrialUnlocked>(Unlock(state, Investigator, $"  {Reason} "));

        Assert.Equal(new TrialUnlocked(KetCode, Investigator.UserId, Now, Reason), unlocked);
        Assert.Equal((3, SignatureMeanings.Approved, Investigator.UserId), (signature.SignedVersion, signature.Meaning, signature.SignedBy));
        Assert.False(state.Apply(unlocked).Locked);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void lifting_the_lock_needs_a_reason(string reason)
    {
        var state = ProtocolState.From([Imported, new TrialLocked(KetCode, Coordinator.UserId, Now)]);

        var rejection = Rejected(Unlock(state, Coordinator, reason));

        Assert.Equal(("reason-required", "reason"), (rejection.Code, rejection.Field));
    }

    [Fact]
    public void lifting_the_lock_needs_a_signature()
    {
        var state = ProtocolState.From([Imported, new TrialLocked(KetCode, Coordinator.UserId, Now)]);

        Assert.Equal("signature-required", Rejected(UnlockTrial.Decide(state, new UnlockTrial(KetCode, Reason, null, Coordinator), Now, AccountOf(Coordinator))).Code);
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

        Assert.Equal("not-permitted", Rejected(Unlock(state, new Actor("u", role))).Code);
    }

    [Fact]
    public void a_trial_that_is_not_locked_cannot_be_unlocked()
    {
        Assert.Equal("trial.not-locked", Rejected(Unlock(ProtocolState.From([Imported]), Coordinator)).Code);
    }

    [Fact]
    public void the_trial_can_be_unblinded_only_once_locked_and_unlocking_afterwards_keeps_it_unblinded()
    {
        var notLocked = ProtocolState.From([Imported]);
        Assert.Equal("blinding.trial-not-locked", Rejected(Unblind(notLocked, Statistician)).Code);

        var locked = notLocked.Apply(Signed<TrialLocked>(Lock(notLocked, Coordinator)).Event);
        var (unblindedEvent, unblindSignature) = Signed<TrialUnblinded>(Unblind(locked, Statistician));
        var unblinded = locked.Apply(unblindedEvent);
        var unlocked = unblinded.Apply(Signed<TrialUnlocked>(Unlock(unblinded, Coordinator)).Event);

        Assert.Equal((false, true), (unlocked.Locked, unlocked.Unblinded));
        Assert.Equal(SignatureMeanings.ResponsibleFor, unblindSignature.Meaning);
    }
}
