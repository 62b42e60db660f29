namespace TrialOps.Randomization;

/// <summary>A stratum's randomization list in counts only; counts of allocations reveal no arm.</summary>
public sealed record StratumStatus(string ProtocolCode, string Stratum, bool HasList, int ListSize, int Used, int Extensions)
{
    public int Remaining => ListSize - Used;

    public bool Exhausted => HasList && Remaining <= 0;
}

/// <summary>Unblinded: one period of one participant as the pharmacist prepares it.</summary>
public sealed record PharmacyAllocation(
    string ProtocolCode,
    string Stratum,
    string ParticipantId,
    int PeriodNumber,
    string KitNumber,
    string TreatmentCode,
    string TreatmentLabel,
    int SequenceNumber,
    int EntryNumber);

/// <summary>Unblinded: a participant's allocation, every period.</summary>
public sealed record ParticipantAllocationView(
    string ProtocolCode,
    string Stratum,
    string ParticipantId,
    int EntryNumber,
    int SequenceNumber,
    IReadOnlyList<PeriodAllocation> Periods);

public sealed record PeriodAllocation(int PeriodNumber, string KitNumber, string TreatmentCode, string TreatmentLabel);
