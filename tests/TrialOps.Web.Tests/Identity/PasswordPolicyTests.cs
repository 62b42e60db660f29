using TrialOps.Identity;

namespace TrialOps.Web.Tests.Identity;

public sealed class PasswordPolicyTests
{
    [Theory]
    [InlineData("aaaaaaaaaa")]
    [InlineData("1234567890")]
    [InlineData("password12")]
    [InlineData("short")]
    public void a_password_of_fewer_than_12_characters_is_refused(string password)
    {
        Assert.Equal(PasswordPolicy.LengthMessage, UserRules.CheckPassword(password, "carol")?.Message);
    }

    [Theory]
    [InlineData("aaaaaaaaaaaa")]
    [InlineData("123456789012")]
    [InlineData("098765432109")]
    [InlineData("password1234")]
    [InlineData("Password2024!")]
    [InlineData("P@ssw0rd2025")]
    [InlineData("passwordpassword")]
    [InlineData("qwertyuiop12")]
    [InlineData("QWERTYUIOPASDF")]
    [InlineData("1q2w3e4r5t6y")]
    [InlineData("zaq12wsxcde3")]
    [InlineData("abcdefghijklm")]
    [InlineData("abcabcabcabc")]
    [InlineData("121212121212")]
    [InlineData("iloveyou2025")]
    [InlineData("Welcome12345")]
    [InlineData("trialops2025!")]
    [InlineData("Ketamine123456")]
    [InlineData("147258369147")]
    public void a_common_password_or_pattern_is_refused_whatever_its_length(string password)
    {
        var rejection = UserRules.CheckPassword(password, "carol");

        Assert.Equal((IdentityRejections.WeakPassword, PasswordPolicy.TooCommonMessage), (rejection?.Code, rejection?.Message));
    }

    [Theory]
    [InlineData("carol", "carolcarolcarol")]
    [InlineData("carol", "my-name-is-CAROL-42")]
    [InlineData("dr.smith", "dr.smith-pharmacy")]
    public void a_password_containing_the_user_name_is_refused(string userName, string password)
    {
        Assert.Equal(PasswordPolicy.ContainsUserNameMessage, UserRules.CheckPassword(password, userName)?.Message);
    }

    [Theory]
    [InlineData("a-long-enough-password")]
    [InlineData("correct horse battery")]
    [InlineData("pharmacy-s02-evening")]
    [InlineData("export fixture signing phrase")]
    [InlineData("Tram lines at 6 o'clock")]
    [InlineData("first-start-password-for-tests")]
    [InlineData("journey-password-1")]
    public void a_long_uncommon_password_is_accepted(string password)
    {
        Assert.Null(UserRules.CheckPassword(password, "carol"));
    }

    [Fact]
    public void the_field_of_the_rejection_is_the_one_asked_for()
    {
        Assert.Equal("newPassword", UserRules.CheckPassword("password1234", "carol", "newPassword")?.Field);
    }
}
