using System.Security.Cryptography;
using System.Text;
using TrialOps.Common;
using TrialOps.Messaging;
using TrialOps.Protocols;
using Wolverine;

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

        if (!MayExtend(command.By, command.Stratum))
        {
            return Decision.Reject(
                RejectionCodes.SiteNotGranted,
                command.Stratum == Strata.Unstratified
                    ? "Only a Coordinator with all sites can extend the trial-wide randomization list."
                    : $"You are not assigned to site {command.Stratum}; only its Coordinators can extend its list.");
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

    /// <summary>A site's stratum belongs to that site's Coordinators; the one trial-wide stratum to a Coordinator with all sites (ADR 0010).</summary>
    public static bool MayExtend(Actor by, string stratum) => Participants.SiteRules.MayReachStratum(by.Access, stratum);

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

/// <summary>
/// What a page or endpoint sends to extend a stratum's list: the handler unseals the list's seed
/// with the installation's key (for a Coordinator only) and decides <see cref="ExtendRandomizationList"/>.
/// The sender comes with the command's context.
/// </summary>
public sealed record ExtendStratumList(ProtocolCode Protocol, string Stratum, int Additional, string Reason);

/// <summary>Wolverine handler of <see cref="ExtendStratumList"/>.</summary>
public static class ExtendStratumListHandler
{
    public static Task<CommandResult> Handle(ExtendStratumList command, Envelope envelope, ProtocolDecisions decisions, CancellationToken ct)
    {
        var context = CommandBus.ContextOf(envelope).WithReason(command.Reason);
        if (command.Protocol.Value is null)
        {
            return Task.FromResult(ProtocolDecisions.NoProtocol(context, command.Protocol));
        }

        var streamId = RandomizationStreams.For(command.Protocol, command.Stratum);
        return decisions.DecideAsync(context, [streamId], (streams, now) =>
        {
            var state = RandomizationListState.From(streams.Data(streamId));
            ExtendRandomizationList extension;
            try
            {
                // Only a Coordinator's command unseals the seed; the decider refuses everyone else first.
                extension = context.Actor.Role == Roles.Coordinator && ExtendRandomizationList.MayExtend(context.Actor, command.Stratum)
                    ? ExtendRandomizationList.Create(state, command.Protocol, command.Stratum, command.Additional, command.Reason ?? "", decisions.Sealer, context.Actor)
                    : new ExtendRandomizationList(command.Protocol, command.Stratum, command.Additional, command.Reason ?? "", [], context.Actor);
            }
            catch (CryptographicException)
            {
                return Decision.Reject(
                    "randomization.seed-key-mismatch",
                    $"The seed-sealing key of this installation does not open the seed of stratum {command.Stratum}: it is not the key the list was generated with. Nothing was extended.");
            }

            return ExtendRandomizationList.Decide(state, extension, now);
        }, ct);
    }
}
