using TrialOps.Identity;
using TrialOps.Messaging;
using TrialOps.Signatures;
using static TrialOps.Tests.Randomization.RandomizationFixtures;

namespace TrialOps.Tests.Signatures;

/// <summary>Accounts that can sign in decision tests: a real password hash, and optionally a confirmed second factor.</summary>
public static class SignatureFixtures
{
    public const string Password = "Signing-passw0rd!";

    private static readonly Lazy<string> Hash = new(() => PasswordHashing.Hash(Password));

    public static SecondFactorSecrets Secrets { get; } = new(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());

    public static byte[] TotpSecret { get; } = Enumerable.Range(100, 20).Select(i => (byte)i).ToArray();

    public static SignatureRequest SignedBy(Actor actor, string password = Password, string? code = null) => new(actor.UserId, password, code);

    /// <summary>The account of <paramref name="actor"/> as a decider reads it; the signed stream at <paramref name="version"/>.</summary>
    /// <param name="sites">The account's site grants (every site, <c>*</c>, unless given).</param>
    public static SignatureContext AccountOf(Actor actor, int version = 3, bool active = true, bool secondFactor = false, IReadOnlyList<string>? recoveryCodes = null, IReadOnlyList<string>? sites = null)
    {
        var events = new List<object> { new UserCreated(actor.UserId, "admin", Now.AddDays(-30), $"Dr {actor.UserId}", actor.Role, sites ?? ["*"], Hash.Value) };
        if (!active)
        {
            events.Add(new UserDeactivated(actor.UserId, "admin", Now.AddDays(-1)));
        }

        if (secondFactor)
        {
            events.Add(new SecondFactorEnrolled(actor.UserId, actor.UserId, Now.AddDays(-2), Secrets.Seal(TotpSecret, actor.UserId)));
            events.Add(new SecondFactorConfirmed(actor.UserId, actor.UserId, Now.AddDays(-2), Totp.TimeStepAt(Now.AddDays(-2)), (recoveryCodes ?? []).Select(RecoveryCodes.Sha256).ToArray()));
        }

        return new SignatureContext(UserState.From(events), Secrets, version);
    }

    public static SignatureContext NoAccount(int version = 3) => new(UserState.Initial, Secrets, version);
}

/// <summary>Reading a signed decision in tests.</summary>
public static class SignedDecisions
{
    /// <summary>The action's single event and the signature that follows it on the same stream.</summary>
    public static (T Event, RecordSigned Signature) Signed<T>(Decision decision)
    {
        Assert.Null(decision.Rejection);
        var action = Assert.Single(decision.Events, e => e.Data is T);
        var signature = Assert.Single(decision.Events, e => e.Data is RecordSigned);
        Assert.Equal(action.StreamId, signature.StreamId);
        return ((T)action.Data, (RecordSigned)signature.Data);
    }
}
