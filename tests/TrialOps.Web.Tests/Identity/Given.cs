using TrialOps.Common;
using TrialOps.Identity;
using TrialOps.Messaging;

namespace TrialOps.Web.Tests.Identity;

/// <summary>Events and actors for decision tests (no I/O).</summary>
internal static class Given
{
    public const string Password = "correct horse battery";

    public static readonly DateTimeOffset Now = new(2025, 3, 1, 9, 0, 0, TimeSpan.Zero);

    public static readonly Actor Admin = new("root", Roles.Administrator);

    /// <summary>Hashed once: hashing is deliberately slow.</summary>
    public static readonly string PasswordHash = PasswordHashing.Hash(Password);

    public static UserState User(params object[] events) => UserState.From(events);

    public static UserCreated Created(string name = "alice", string role = Roles.DataEntry) =>
        new(name, "root", Now.AddDays(-1), "Alice Example", role, ["S01"], PasswordHash);

    public static LoginFailed WrongPassword(int consecutive, string name = "alice") =>
        new(name, Now.AddMinutes(-10), LoginFailureReason.WrongPassword, consecutive);

    public static UserLockedOut LockedOut(string name = "alice", DateTimeOffset? at = null) =>
        new(name, at ?? Now.AddMinutes(-1), (at ?? Now.AddMinutes(-1)) + UserRules.LockOutDuration, UserRules.MaxConsecutiveFailures);

    public static Actor As(string role, string userId = "someone") => new(userId, role);

    /// <summary>Every role except Administrator.</summary>
    public static TheoryData<string> OtherRoles()
    {
        var data = new TheoryData<string>();
        foreach (var role in Roles.All.Where(r => r != Roles.Administrator))
        {
            data.Add(role);
        }

        return data;
    }

    public static T Single<T>(Decision decision)
    {
        Assert.Null(decision.Rejection);
        return Assert.IsType<T>(Assert.Single(decision.Events).Data);
    }

    public static Rejection Refused(Decision decision, string code)
    {
        Assert.Empty(decision.Events);
        var rejection = Assert.IsType<Rejection>(decision.Rejection);
        Assert.Equal(code, rejection.Code);
        return rejection;
    }
}
