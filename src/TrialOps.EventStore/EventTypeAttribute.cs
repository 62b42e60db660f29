namespace TrialOps.EventStore;

/// <summary>
/// Gives an event record its stable, stored type alias (for example <c>participant.enrolled.v1</c>).
/// The alias, not the CLR name, is what the store records: renaming a class must never change
/// the regulated record. <see cref="RequiresReason"/> marks events that change an already
/// recorded value; the store refuses to append them without a reason in the metadata
/// (21 CFR Part 11 §11.10(e)).
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class EventTypeAttribute(string alias) : Attribute
{
    public string Alias { get; } = alias;

    public bool RequiresReason { get; init; }
}
