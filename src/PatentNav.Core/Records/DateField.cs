namespace PatentNav.Records;

/// <summary>Which date a date range and a date sort apply to.</summary>
public enum DateField
{
    /// <summary>Filing date (申请日), the default of patent statistics.</summary>
    Filing = 0,

    /// <summary>Publication date (公开日).</summary>
    Publication,

    /// <summary>Grant date (授权公告日).</summary>
    Grant,
}
