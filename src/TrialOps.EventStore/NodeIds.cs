namespace TrialOps.EventStore;

/// <summary>Names a process for leases: readable (machine and pid) and unique (a random suffix kept whole).</summary>
public static class NodeIds
{
    public static string New()
    {
        var machine = Environment.MachineName;
        return $"{(machine.Length > 24 ? machine[..24] : machine)}-{Environment.ProcessId}-{Guid.NewGuid():N}";
    }
}
