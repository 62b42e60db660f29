namespace TrialOps.Cdisc;

/// <summary>
/// The structure of one XPORT member: dataset name (≤ 8 characters), label (≤ 40) and variables
/// in column order.
/// </summary>
public sealed record XptDataset(string Name, string Label, IReadOnlyList<XptVariable> Variables);
