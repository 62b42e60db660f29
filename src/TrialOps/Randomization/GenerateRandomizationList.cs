using System.Text;
using TrialOps.Common;
using TrialOps.Messaging;
using TrialOps.Protocols;
using Wolverine;

namespace TrialOps.Randomization;

/// <summary>
/// Generate the randomization list of one stratum, once, from a fresh secret seed. Build it with
/// <see cref="Create"/>, which draws the seed and seals it. The command carries the plain seed
/// only from its creation to the decision: never log or store the command itself.
/// </summary>
/// <param name="Protocol">The protocol version in force.</param>
/// <param name="Stratum">One of <see cref="Strata.For"/>.</param>
/// <param name="Length">Entries wanted; the list ends at the next block boundary.</param>
/// <param name="Seed">32 bytes from <see cref="System.Security.Cryptography.RandomNumberGenerator"/>.</param>
/// <param name="SealedSeed">The seed sealed with the list's stream id as context.</param>
/// <param name="By">A Coordinator.</param>
public sealed record GenerateRandomizationList(
    ProtocolDefinition Protocol,
    string Stratum,
    int Length,
    byte[] Seed,
    string SealedSeed,
    Actor By)
{
    public string StreamId => RandomizationStreams.For(Protocol.Code, Stratum);

    public static GenerateRandomizationList Create(ProtocolDefinition protocol, string stratum, int length, ISeedSealer sealer, Actor by)
    {
        var seed = RandomizationListGenerator.NewSeed();
        var sealedSeed = sealer.Seal(seed, RandomizationStreams.For(protocol.Code, stratum));
        return new GenerateRandomizationList(protocol, stratum, length, seed, sealedSeed, by);
    }

    public static Decision Decide(RandomizationListState state, GenerateRandomizationList command, DateTimeOffset now)
    {
        if (command.By.Role != Roles.Coordinator)
        {
            return Decision.Reject(RejectionCodes.NotPermitted, "Only a Coordinator can have a randomization list generated.");
        }

        var protocol = command.Protocol;
        if (!Strata.For(protocol).Contains(command.Stratum, StringComparer.Ordinal))
        {
            return Decision.Reject(
                "randomization.unknown-stratum",
                $"Protocol {protocol.Code} has no stratum '{command.Stratum}' (strata: {string.Join(", ", Strata.For(protocol))}).",
                "stratum");
        }

        if (state.Exists)
        {
            return Decision.Reject(
                "randomization.list-exists",
                $"Stratum {command.Stratum} of {protocol.Code} already has a randomization list: a Coordinator can extend it.");
        }

        var maxLength = RandomizationListGenerator.MaxKits / protocol.PeriodCount - protocol.Randomization.BlockSizes.Max();
        if (command.Length < 1 || command.Length > maxLength)
        {
            return Decision.Reject("randomization.invalid-length", $"The list length must be between 1 and {maxLength}.", "length");
        }

        var list = RandomizationListGenerator.Generate(
            command.Stratum,
            protocol.Sequences.Count,
            protocol.PeriodCount,
            protocol.Randomization.BlockSizes,
            command.Seed,
            command.Length);
        var parameters = new RandomizationParameters(
            protocol.Version,
            list.SequenceCount,
            list.PeriodCount,
            list.BlockSizes,
            command.Length);
        return Decision.Append(
            command.StreamId,
            new RandomizationListGenerated(
                protocol.Code,
                command.Stratum,
                command.By.UserId,
                now,
                RandomizationListGenerator.Algorithm,
                parameters,
                list.Entries,
                RandomizationListGenerator.ListHash(list.Entries),
                command.SealedSeed));
    }

    /// <summary>Keeps the plain seed out of logs and exception messages.</summary>
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append($"Protocol = {Protocol.Code}, Stratum = {Stratum}, Length = {Length}, Seed = [redacted], By = {By}");
        return true;
    }
}

/// <summary>
/// Generate the lists a Coordinator still owes the protocol version in force (after an
/// Administrator imported it). Accepted with nothing written when every stratum has its list.
/// The sender comes with the command's context.
/// </summary>
public sealed record GenerateMissingRandomizationLists(ProtocolCode Protocol);

/// <summary>Wolverine handler of <see cref="GenerateMissingRandomizationLists"/>: one <see cref="GenerateRandomizationList"/> per stratum without a list, in one transaction.</summary>
public static class GenerateMissingRandomizationListsHandler
{
    public static async Task<CommandResult> Handle(GenerateMissingRandomizationLists command, Envelope envelope, ProtocolDecisions decisions, CancellationToken ct)
    {
        var context = CommandBus.ContextOf(envelope);
        if (command.Protocol.Value is null || await decisions.History.CurrentAsync(command.Protocol.Value, ct) is not { } current)
        {
            return ProtocolDecisions.NoProtocol(context, command.Protocol);
        }

        var protocol = current.Definition;
        var lists = Strata.For(protocol).Select(s => GenerateRandomizationList.Create(protocol, s, SetUpTrial.ListLength(protocol), decisions.Sealer, context.Actor)).ToArray();
        return await decisions.DecideAsync(context, lists.Select(l => l.StreamId).ToArray(), (streams, now) =>
        {
            if (context.Actor.Role != Roles.Coordinator)
            {
                return Decision.Reject(RejectionCodes.NotPermitted, "Only a Coordinator can have a randomization list generated.");
            }

            var decision = Decision.None;
            foreach (var list in lists)
            {
                var state = RandomizationListState.From(streams.Data(list.StreamId));
                if (state.Exists)
                {
                    continue;
                }

                var listDecision = GenerateRandomizationList.Decide(state, list, now);
                if (listDecision.IsRejected)
                {
                    return listDecision;
                }

                decision = decision.And(list.StreamId, listDecision.Events.Single().Data);
            }

            return decision;
        }, ct);
    }
}
