using TrialOps.Common;
using TrialOps.Messaging;
using TrialOps.Web.Api;

namespace TrialOps.Web.Tests;

public sealed class ApiResultsTests
{
    [Theory]
    [InlineData(RejectionCodes.NotPermitted, null, 403)]
    [InlineData("identity.user-not-found", "userName", 404)]
    [InlineData("protocol.not-found", null, 404)]
    [InlineData("identity.user-exists", "userName", 409)]
    [InlineData("randomization.already-randomized", null, 409)]
    [InlineData("concurrency-conflict", null, 409)]
    [InlineData("identity.unknown-role", "role", 400)]
    [InlineData(RejectionCodes.ReasonRequired, null, 400)]
    [InlineData(RejectionCodes.SignatureRequired, null, 400)]
    [InlineData("protocol.trial-locked", null, 409)]
    public void a_rejection_maps_to_the_status_its_kind_calls_for(string code, string? field, int status)
    {
        Assert.Equal(status, ApiResults.StatusFor(new Rejection(code, "message", field)));
    }
}
