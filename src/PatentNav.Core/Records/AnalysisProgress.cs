namespace PatentNav.Records;

/// <summary>Progress of a long analysis (clustering, chokepoints, classifier training): the stage and how far it is.</summary>
/// <param name="Stage">What it is doing; each analysis documents its stages (e.g. <c>reading</c>, <c>clustering</c>).</param>
/// <param name="Done">Units done in this stage.</param>
/// <param name="Total">Units in this stage, when known.</param>
public sealed record AnalysisProgress(string Stage, long Done, long? Total)
{
    /// <summary>Done ÷ total, when the total is known.</summary>
    public double? Fraction => Total is > 0 ? Math.Round(Math.Min(1.0, (double)Done / Total.Value), 4) : null;
}
