using TrialOps.Identity;
using static TrialOps.Web.Tests.Identity.Given;

namespace TrialOps.Web.Tests.Identity;

public sealed class SignatureDecisionTests
{
    [Fact]
    public void the_right_password_signs_and_records_nothing_here()
    {
        var decision = VerifySignature.Decide(User(Created()), new VerifySignature("alice", Password), Now);

        Assert.Null(decision.Rejection);
        Assert.Empty(decision.Events);
    }

    [Fact]
    public void a_wrong_signature_password_is_recorded()
    {
        var decision = VerifySignature.Decide(User(Created()), new VerifySignature("alice", "nope"), Now);

        Assert.Equal(new SignatureFailed("alice", Now, 1), Single<SignatureFailed>(decision));
    }

    [Fact]
    public void wrong_signature_passwords_count_towards_the_lock_out()
    {
        var state = User(Created(), WrongPassword(1), WrongPassword(2), new SignatureFailed("alice", Now.AddMinutes(-1), 3), WrongPassword(4));

        var decision = VerifySignature.Decide(state, new VerifySignature("alice", "nope"), Now);

        Assert.IsType<UserLockedOut>(decision.Events[^1].Data);
    }

    [Fact]
    public void a_locked_out_user_cannot_sign()
    {
        Refused(VerifySignature.Decide(User(Created(), LockedOut()), new VerifySignature("alice", Password), Now), IdentityRejections.SignatureRefused);
    }

    [Fact]
    public void a_deactivated_user_cannot_sign()
    {
        var state = User(Created(), new UserDeactivated("alice", "root", Now.AddHours(-1)));

        Refused(VerifySignature.Decide(state, new VerifySignature("alice", Password), Now), IdentityRejections.SignatureRefused);
    }

    [Fact]
    public void an_unknown_user_cannot_sign()
    {
        Refused(VerifySignature.Decide(UserState.Initial, new VerifySignature("nobody", Password), Now), IdentityRejections.SignatureRefused);
    }
}
