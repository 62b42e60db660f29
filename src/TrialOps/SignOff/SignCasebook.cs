using TrialOps.EventStore;
using TrialOps.Messaging;
using TrialOps.Participants;
using TrialOps.Protocols;
using TrialOps.Signatures;
using Wolverine;

namespace TrialOps.SignOff;

/// <summary>
/// The Investigator signs a participant's casebook, meaning "approved" (ADR 0025), once every period
/// is complete (<see cref="SignOffRules.CasebookComplete"/>): a <see cref="RecordSigned"/> on the
/// participant's stream naming the version signed. Any later recorded fact of the participant (a
/// correction, a new value, a withdrawal) shows the signature as no longer current;
/// queries and source data verification do not. Adverse
/// events live on their own streams and carry their own causality sign-off.
/// </summary>
/// <param name="Signature">The investigator's password (and second factor), checked by the handler (ADR 0023).</param>
public sealed record SignCasebook(ProtocolCode Protocol, SubjectNumber Subject, SignatureRequest? Signature)
{
    public static string What(SubjectNumber subject) => $"the casebook of participant {subject}";

    public static Decision Decide(ParticipantState state, IReadOnlyList<StoredEvent> stream, TrialContext trial, SignCasebook command, Actor by, DateTimeOffset now, SignatureContext signing)
    {
        var what = What(command.Subject);
        if (SignOffRules.Investigator(by, what) is { } notInvestigator)
        {
            return Decision.Reject(notInvestigator);
        }

        var (signature, refused) = Signing.Verify(command.Signature, signing, by, now, what);
        if ((refused
            ?? JourneyRules.Open(trial)
            ?? JourneyRules.Exists(state, command.Subject)
            ?? SignOffRules.CasebookComplete(state, trial, command.Subject)
            ?? SignOffRules.NotSignedYet(trial.ClockOf(command.Subject), stream, SignedRecords.Casebook, what)) is { } rejection)
        {
            return Decision.Reject(rejection);
        }

        return Decision.None.Signed(signature!, signing, ParticipantStreams.For(trial.Code, command.Subject), SignOffRules.Meaning, what, by, now, SignedRecords.Casebook);
    }
}

/// <summary>Wolverine handler of <see cref="SignCasebook"/>: loads the participant, the protocol in force and the signer's account, and records the decision.</summary>
public static class SignCasebookHandler
{
    public static Task<CommandResult> Handle(SignCasebook command, Envelope envelope, ParticipantDecisions decisions, CancellationToken ct) =>
        decisions.SignedAsync(envelope, command.Protocol, command.Subject, command.Signature, (state, trial, by, now, streams, signing) =>
            SignCasebook.Decide(state, streams[ParticipantStreams.For(command.Protocol, command.Subject)], trial, command, by, now, signing), ct);
}
