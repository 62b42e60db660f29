using System.Text.Json;
using TrialOps.Protocols;

namespace TrialOps.Tests.Protocols;

public class ProtocolCodeTests
{
    [Theory]
    [InlineData("KET-NP-01", true)]
    [InlineData("ABC", true)]
    [InlineData("A1234567890123456789", true)]
    [InlineData("AB", false)]
    [InlineData("A12345678901234567890", false)]
    [InlineData("ket-np-01", false)]
    [InlineData("KET NP 01", false)]
    [InlineData("KET-NP-01\n", false)]
    public void a_protocol_code_is_3_to_20_upper_case_letters_digits_and_hyphens(string text, bool valid)
    {
        Assert.Equal(valid, ProtocolCode.TryParse(text, out _));
    }

    [Fact]
    public void a_protocol_code_is_stored_as_a_plain_json_string()
    {
        var json = JsonSerializer.Serialize(ProtocolCode.Parse("KET-NP-01"));

        Assert.Equal("\"KET-NP-01\"", json);
        Assert.Equal(ProtocolCode.Parse("KET-NP-01"), JsonSerializer.Deserialize<ProtocolCode>(json));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<ProtocolCode>("\"bad code\""));
    }
}
