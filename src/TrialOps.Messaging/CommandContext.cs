namespace TrialOps.Messaging;

/// <summary>The signed-in person (or <c>system</c>) a command is attributed to.</summary>
/// <param name="Sites">
/// The sites the person may reach, filled from the signed-in user by the web host and the CLI
/// (<c>SiteGrants.AccessOf</c>). Null only for the system and for actors built in code that acts for
/// the whole installation; it then means all sites.
/// </param>
public sealed record Actor(string UserId, string Role, SiteAccess? Sites = null)
{
    public static Actor System { get; } = new("system", "System");

    /// <summary>The sites this actor may see and act on.</summary>
    public SiteAccess Access => Sites ?? SiteAccess.All;
}

/// <summary>
/// Everything about a command that is not its content: its idempotency key, who sends it,
/// what it belongs to, and (for changes of recorded values) why.
/// </summary>
/// <param name="Fingerprint">
/// What the idempotency key was sent with (an API request's method, path and body, hashed): the
/// same key again with another fingerprint, or from another user, is refused rather than answered
/// with the first result. Null where the key cannot be reused by mistake (keys made here).
/// </param>
public sealed record CommandContext(Guid CommandId, Actor Actor, Guid CorrelationId, Guid? CausationId = null, string? Reason = null, string? Fingerprint = null)
{
    public static CommandContext New(Actor actor, string? reason = null)
    {
        var id = Guid.NewGuid();
        return new CommandContext(id, actor, id, null, reason);
    }
}
