using TrialOps.EventStore;

namespace TrialOps.Runtime;

/// <summary>Every async projection of the application; the ledger first.</summary>
public static class ReadModels
{
    public static IReadOnlyList<IProjection> All(CheckpointSigner? signer = null, CheckpointAnchor? anchor = null) =>
    [
        new LedgerProjection(signer, anchor),
        new Identity.UsersProjection(),
        new Protocols.TrialDesignProjection(),
        new Participants.ParticipantViewsProjection(),
    ];
}

/// <summary>Projections that must be current inside the command's transaction.</summary>
public static class InlineProjections
{
    public static IReadOnlyList<IInlineProjection> All() =>
    [
        new Identity.UsersProjection(),
        new Participants.SubjectNumbersProjection(),
        new AdverseEvents.AdverseEventCasesProjection(),
    ];
}
