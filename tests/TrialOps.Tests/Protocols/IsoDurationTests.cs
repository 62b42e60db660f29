using TrialOps.Protocols;

namespace TrialOps.Tests.Protocols;

public class IsoDurationTests
{
    public static TheoryData<string, TimeSpan> Durations => new()
    {
        { "PT0M", TimeSpan.Zero },
        { "PT4H", TimeSpan.FromHours(4) },
        { "PT90M", TimeSpan.FromMinutes(90) },
        { "PT30S", TimeSpan.FromSeconds(30) },
        { "P1D", TimeSpan.FromDays(1) },
        { "P7D", TimeSpan.FromDays(7) },
        { "P14D", TimeSpan.FromDays(14) },
        { "P2W", TimeSpan.FromDays(14) },
        { "P1DT12H", TimeSpan.FromHours(36) },
        { "PT1H30M15S", new TimeSpan(1, 30, 15) },
    };

    [Theory]
    [MemberData(nameof(Durations))]
    public void protocol_durations_are_read_as_elapsed_time(string text, TimeSpan expected)
    {
        Assert.True(IsoDuration.TryParse(text, out var duration, out var error), error);
        Assert.Equal(expected, duration);
    }

    [Theory]
    [InlineData("")]
    [InlineData("P")]
    [InlineData("PT")]
    [InlineData("P1DT")]
    [InlineData("7D")]
    [InlineData("P-1D")]
    [InlineData("P1.5D")]
    [InlineData("p7d")]
    [InlineData("P1W2D")]
    [InlineData("PT1M1H")]
    [InlineData("P999999999D")]
    public void malformed_or_unsupported_durations_are_refused_with_a_reason(string text)
    {
        Assert.False(IsoDuration.TryParse(text, out _, out var error));
        Assert.False(string.IsNullOrEmpty(error));
    }

    [Theory]
    [InlineData("P1M")]
    [InlineData("P1Y")]
    [InlineData("P1Y2M3D")]
    public void years_and_months_are_refused_because_they_have_no_fixed_length(string text)
    {
        Assert.False(IsoDuration.TryParse(text, out _, out var error));
        Assert.Contains("years or months", error);
    }
}
