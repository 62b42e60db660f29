using TrialOps.Cdisc;
using TrialOps.EventStore;
using TrialOps.Queries;
using TrialOps.SourceVerification;

namespace TrialOps.Exports.Odm;

/// <summary>A query step or a source data verification, written as its own annotated SubjectData.</summary>
public sealed record OdmAnnotatedRecord(StoredEvent Source, OdmAnnotation Annotation);

/// <summary>
/// Queries and source data verification in ODM (ADR 0018). ODM 1.3.2 has no query element; its
/// Annotation (a numbered Comment, by the sponsor or the site) is the place for them. Each event
/// is a SubjectData of its own, TransactionType Update with no data changed, whose AuditRecord
/// says who, where, when and which event (SourceID: the global position), and whose Annotation
/// holds the step: SeqNum the event's version in the participant's stream (unique in the
/// subject), TransactionType Insert, the Comment naming the query number and the item
/// (<c>Query 2 raised on P1 PAIN PT20M: …</c>), SponsorOrSite Site for an answer and Sponsor for
/// the monitor's steps and verifications. An answer names the correction it refers to by record
/// version, which is the version its ItemGroupData's audit record carries as SourceID's event.
/// </summary>
public static class OdmMonitoring
{
    /// <param name="freeText">Whether the typed text of an event may go into the file (blinded files leave out text written after the trial was unblinded).</param>
    public static IReadOnlyList<OdmAnnotatedRecord> For(SubjectHistory subject, Func<StoredEvent, bool> freeText) =>
        subject.Events.Participant
            .Select(stored => Comment(stored, freeText(stored)) is { } comment
                ? new OdmAnnotatedRecord(stored, new OdmAnnotation(stored.Version, comment.Text, comment.Source, OdmTransactionType.Insert))
                : null)
            .OfType<OdmAnnotatedRecord>()
            .ToArray();

    private static (string Text, OdmCommentSource Source)? Comment(StoredEvent stored, bool freeText)
    {
        string With(string summary, string? text) => freeText && !string.IsNullOrEmpty(text) ? $"{summary}: {text}" : summary;
        return stored.Data switch
        {
            QueryRaised e => (With($"Query {e.Query} raised on {e.Target.Key}", e.Text), OdmCommentSource.Sponsor),
            QueryAnswered e => (With($"Query {e.Query} answered{(e.CorrectionVersion is { } version ? $" with the correction recorded as version {version}" : " with an explanation")}", e.Answer), OdmCommentSource.Site),
            QueryReopened e => (With($"Query {e.Query} re-opened", e.Text), OdmCommentSource.Sponsor),
            QueryClosed e => (With($"Query {e.Query} closed", e.Comment), OdmCommentSource.Sponsor),
            SourceDataVerified e => ($"Source data verified: {string.Join(", ", e.Items.Select(i => $"{i.Item.Key} (version {i.Version})"))}", OdmCommentSource.Sponsor),
            _ => null,
        };
    }
}
