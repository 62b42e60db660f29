using System.Text;
using TrialOps.Common;
using TrialOps.Messaging;
using TrialOps.Protocols;

namespace TrialOps.Randomization;

/// <summary>
/// Extend a stratum's list (usually an exhausted one) by at least <see cref="AdditionalLength"/>
/// entries, for a stated reason. Build it with <see cref="Create"/>, which unseals the list's
/// seed; the decision checks that the seed reproduces the recorded list before continuing it.
/// </summary>
/// <param name="By">A Coordinator.</param>
public sealed record ExtendRandomizationList(
    ProtocolCode Protocol,
    string Stratum,
    int AdditionalLength,
    string Reason,
    byte[] Seed,
    Actor By)
{
    public string StreamId => RandomizationStreams.For(Protocol, Stratum);

    /// <exception cref="System.Security.Cryptography.CryptographicException">The sealer's key does not open the list's seed.</exception>
    public static ExtendRandomizationList Create(
        RandomizationListState state,
        ProtocolCode protocol,
        string stratum,
        int additionalLength,
        string reason,
        ISeedSealer sealer,
        Actor by)
    {
        var seed = state.SealedSeed is null ? [] : sealer.Unseal(state.SealedSeed, RandomizationStreams.For(protocol, stratum));
        return new ExtendRandomizationList(protocol, stratum, additionalLength, reason, seed, by);
    }

    public static Decision Decide(RandomizationListState state, ExtendRandomizationList command, DateTimeOffset now)
    {
        if (command.By.Role != Roles.Coordinator)
        {
            return Decision.Reject(RejectionCodes.NotPermitted, "Only a Coordinator can extend a randomization list.");
        }

        if (string.IsNullOrWhiteSpace(command.Reason))
        {
            return Decision.Reject(RejectionCodes.ReasonRequired, "Give the reason for extending the list.", "reason");
        }

        if (state is not { Exists: true, Parameters: { } parameters, Stratum: { } stratum })
        {
            return Decision.Reject("randomization.no-list", $"Stratum {command.Stratum} has no randomization list to extend.");
        }

        var maxAdditional = RandomizationListGenerator.MaxKits / parameters.PeriodCount - parameters.BlockSizes.Max() - state.EntryCount;
        if (command.AdditionalLength < 1 || command.AdditionalLength > maxAdditional)
        {
            return Decision.Reject(
                "randomization.invalid-length",
                $"The extension must add between 1 and {Math.Max(maxAdditional, 1)} entries.",
                "additionalLength");
        }

        if (command.Seed.Length != RandomizationListGenerator.SeedBytes)
        {
            return SeedMismatch();
        }

        var extended = RandomizationListGenerator.Generate(
            stratum,
            parameters.SequenceCount,
            parameters.PeriodCount,
            parameters.BlockSizes,
            command.Seed,
            state.EntryCount + command.AdditionalLength);
        if (RandomizationListGenerator.ListHash(extended.Entries.Take(state.EntryCount)) != state.ListHash)
        {
            return SeedMismatch();
        }

        return Decision.Append(
            command.StreamId,
            new RandomizationListExtended(
                command.Protocol,
                stratum,
                command.By.UserId,
                now,
                command.Reason.Trim(),
                command.AdditionalLength,
                extended.Entries.Skip(state.EntryCount).ToArray(),
                RandomizationListGenerator.ListHash(extended.Entries)));
    }

    private static Decision SeedMismatch() =>
        Decision.Reject(
            "randomization.seed-mismatch",
            "The unsealed seed does not reproduce the recorded list; nothing was extended. Check the seed-sealing key.");

    /// <summary>Keeps the plain seed out of logs and exception messages.</summary>
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append($"Protocol = {Protocol}, Stratum = {Stratum}, AdditionalLength = {AdditionalLength}, Reason = {Reason}, Seed = [redacted], By = {By}");
        return true;
    }
}
