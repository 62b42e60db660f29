namespace TrialOps.Common;

/// <summary>
/// Rejection codes shared by several deciders, so that the web layer can map them to one status
/// (403 for <see cref="NotPermitted"/>, 422 for the rest) without knowing each feature.
/// </summary>
public static class RejectionCodes
{
    public const string NotPermitted = "not-permitted";

    /// <summary>An action at a site the user is not assigned to (ADR 0010); a 403 like <see cref="NotPermitted"/>.</summary>
    public const string SiteNotGranted = "site-not-granted";
    public const string ReasonRequired = "reason-required";
    public const string SignatureRequired = "signature-required";

    /// <summary>Free text an unblinded user writes for blinded readers names a treatment (<c>ArmWording</c>, ADR 0020).</summary>
    public const string ReasonNamesArm = "reason-names-arm";
}
