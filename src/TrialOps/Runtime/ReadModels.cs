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
    /// <summary>The inline projections Marten runs itself (<see cref="Participants.SubjectNumbersProjection"/>) and their documents.</summary>
    public static void ConfigureMarten(Marten.StoreOptions options) => Participants.SubjectNumbersProjection.Configure(options);

    public static IReadOnlyList<IInlineProjection> All() =>
    [
        new Identity.UsersProjection(),
        new AdverseEvents.AdverseEventCasesProjection(),
    ];
}
