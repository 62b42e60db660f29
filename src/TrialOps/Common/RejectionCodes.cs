namespace TrialOps.Common;

/// <summary>
/// Rejection codes shared by several deciders, so that the web layer can map them to one status
/// (403 for <see cref="NotPermitted"/>, 422 for the rest) without knowing each feature.
/// </summary>
public static class RejectionCodes
{
    public const string NotPermitted = "not-permitted";
    public const string ReasonRequired = "reason-required";
    public const string SignatureRequired = "signature-required";
}
