namespace TrialOps.Protocols;

/// <summary>A protocol in listings: the version in force, without any treatment identity.</summary>
/// <param name="ImportedBy">User id of whoever imported the version in force.</param>
/// <param name="ImportedAt">When the version in force was imported.</param>
public sealed record ProtocolSummary(
    string Code,
    int Version,
    string Title,
    string Indication,
    string Phase,
    string Blinding,
    int TargetParticipants,
    IReadOnlyList<SiteView> Sites,
    int PeriodCount,
    string Washout,
    string ImportedBy,
    DateTimeOffset ImportedAt,
    string FileSha256);

public sealed record SiteView(string Code, string Name);

/// <summary>
/// A protocol's detail for a viewer. <see cref="Treatments"/> and <see cref="Sequences"/> are
/// null for every blinded viewer: the read model they come from is not even queried then.
/// </summary>
public sealed record ProtocolView(
    ProtocolSummary Summary,
    IReadOnlyList<AssessmentView> Assessments,
    IReadOnlyList<CriterionView> Inclusion,
    IReadOnlyList<CriterionView> Exclusion,
    int SaeReportHours,
    IReadOnlyList<TreatmentView>? Treatments,
    IReadOnlyList<SequenceView>? Sequences);

/// <param name="Kind"><c>scale</c> or <c>vitals</c>.</param>
/// <param name="Times">ISO 8601 durations after dosing start.</param>
public sealed record AssessmentView(string Code, string Label, string Kind, decimal? Min, decimal? Max, string? Unit, IReadOnlyList<string> Times);

public sealed record CriterionView(string Code, string Text);

/// <summary>Unblinded: a treatment of the protocol.</summary>
/// <param name="Dosing">The components as one line, e.g. <c>infusion 0.5 mg/kg over 40 min; max total 50 mg</c>.</param>
public sealed record TreatmentView(string Code, string Label, bool Placebo, string Route, string Dosing);

/// <summary>Unblinded: a treatment sequence, one treatment code per period.</summary>
public sealed record SequenceView(int Number, IReadOnlyList<string> TreatmentCodes);

/// <summary>Lock and unblinding state of a trial, and its emergency code breaks (no treatment named).</summary>
public sealed record TrialStatusView(
    string ProtocolCode,
    bool Locked,
    string? LockedBy,
    DateTimeOffset? LockedAt,
    string? LastUnlockedBy,
    DateTimeOffset? LastUnlockedAt,
    string? LastUnlockReason,
    bool Unblinded,
    string? UnblindedBy,
    DateTimeOffset? UnblindedAt,
    IReadOnlyList<EmergencyUnblindingView> EmergencyUnblindings)
{
    /// <summary>The signatures of the last lock, the last unlock and the unblinding, each with whether it is still current (ADR 0023): a lock later lifted shows as not current.</summary>
    public Signatures.SignatureView? LockSignature { get; init; }

    public Signatures.SignatureView? UnlockSignature { get; init; }

    public Signatures.SignatureView? UnblindSignature { get; init; }

    /// <summary>The pre-lock review recorded with the last lock (null before the review existed).</summary>
    public IReadOnlyList<Blinding.LockChecklistEntry>? LockChecklist { get; init; }
}

/// <param name="CompromisedPeriods">Periods whose treatment is no longer blind for this participant.</param>
public sealed record EmergencyUnblindingView(string Stratum, string ParticipantId, string PerformedBy, DateTimeOffset PerformedAt, string Reason, IReadOnlyList<int> CompromisedPeriods)
{
    /// <summary>The investigator's signature of the code break (ADR 0023); null for code breaks recorded before signatures were recorded.</summary>
    public Signatures.SignatureView? Signature { get; init; }
}
