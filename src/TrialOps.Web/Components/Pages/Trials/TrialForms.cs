namespace TrialOps.Web.Components.Pages.Trials;

/// <summary>A form that sends a command with nothing but its id (a button).</summary>
public sealed class CommandInput
{
    public string? CommandId { get; set; }

    public static CommandInput New() => new() { CommandId = Shared.FormIds.New() };
}
