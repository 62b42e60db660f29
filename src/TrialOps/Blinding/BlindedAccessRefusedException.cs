namespace TrialOps.Blinding;

/// <summary>
/// A blinded viewer asked for treatment identity. The message names the role only, never a
/// treatment, so it is safe in a page or a 403 problem response.
/// </summary>
public sealed class BlindedAccessRefusedException(string message) : UnauthorizedAccessException(message)
{
    public static BlindedAccessRefusedException ForAllocations(string role) =>
        new($"Treatment allocations are not available to the {role} role while the trial is blinded.");

    public static BlindedAccessRefusedException ForParticipant(string role) =>
        new($"This participant's allocation is not available to the {role} role.");
}
