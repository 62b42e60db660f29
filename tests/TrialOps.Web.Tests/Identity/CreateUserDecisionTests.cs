using TrialOps.Common;
using TrialOps.Identity;
using TrialOps.Messaging;
using static TrialOps.Web.Tests.Identity.Given;

namespace TrialOps.Web.Tests.Identity;

public sealed class CreateUserDecisionTests
{
    private static CreateUser Command(string name = "bob", string role = Roles.DataEntry, Actor? by = null, string displayName = "Bob Example", params string[] sites) =>
        new(name, displayName, role, sites, PasswordHash, by ?? Admin);

    [Fact]
    public void an_administrator_creates_a_user()
    {
        var created = Single<UserCreated>(CreateUser.Decide(UserState.Initial, Command(sites: ["S01", "S02"]), Now));

        Assert.Equal(new UserCreated("bob", "root", Now, "Bob Example", Roles.DataEntry, created.Sites, PasswordHash), created);
        Assert.Equal(["S01", "S02"], created.Sites);
    }

    [Fact]
    public void a_user_name_that_exists_is_refused()
    {
        var rejection = Refused(CreateUser.Decide(User(Created("bob")), Command("bob"), Now), IdentityRejections.UserExists);

        Assert.Equal("userName", rejection.Field);
    }

    [Fact]
    public void a_user_name_of_a_deactivated_account_is_not_reused()
    {
        var state = User(Created("bob"), new UserDeactivated("bob", "root", Now.AddHours(-1)));

        Refused(CreateUser.Decide(state, Command("bob"), Now), IdentityRejections.UserExists);
    }

    [Fact]
    public void an_unknown_role_is_refused()
    {
        var rejection = Refused(CreateUser.Decide(UserState.Initial, Command(role: "Nurse"), Now), IdentityRejections.UnknownRole);

        Assert.Equal("role", rejection.Field);
        Assert.Contains("Nurse", rejection.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Bob")]
    [InlineData("b")]
    [InlineData("1bob")]
    [InlineData("bob smith")]
    [InlineData("")]
    public void a_malformed_user_name_is_refused(string name)
    {
        Refused(CreateUser.Decide(UserState.Initial, Command(name), Now), IdentityRejections.InvalidUserName);
    }

    [Fact]
    public void a_malformed_site_code_is_refused()
    {
        Refused(CreateUser.Decide(UserState.Initial, Command(sites: ["S 01"]), Now), IdentityRejections.InvalidSite);
    }

    [Fact]
    public void a_missing_display_name_is_refused()
    {
        Refused(CreateUser.Decide(UserState.Initial, Command(displayName: " "), Now), IdentityRejections.InvalidDisplayName);
    }

    [Theory]
    [MemberData(nameof(OtherRoles), MemberType = typeof(Given))]
    public void only_an_administrator_creates_users(string role)
    {
        Refused(CreateUser.Decide(UserState.Initial, Command(by: As(role)), Now), RejectionCodes.NotPermitted);
    }

    [Fact]
    public void the_system_creates_the_first_administrator()
    {
        var created = Single<UserCreated>(CreateUser.Decide(UserState.Initial, Command("admin", Roles.Administrator, Actor.System), Now));

        Assert.Equal("system", created.CreatedBy);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("short")]
    [InlineData("          ")]
    public void a_password_shorter_than_ten_characters_is_refused(string? password)
    {
        Assert.Equal(IdentityRejections.WeakPassword, UserRules.CheckPassword(password)?.Code);
    }

    [Fact]
    public void the_validator_reports_every_problem_of_a_new_user_at_once()
    {
        var problems = IdentityService.Validate(new NewUser("B", "", "Nurse", ["S_1"], "short"));

        Assert.Equal(["userName", "displayName", "role", "sites", "password"], problems.Select(p => p.Field));
    }

    [Fact]
    public void user_names_are_case_insensitive_and_site_codes_upper_case()
    {
        Assert.Equal("bob", UserRules.NormalizeUserName("  Bob "));
        Assert.Equal(["S01", "S02"], UserRules.NormalizeSites(["s02, s01", "S01"]));
    }
}
