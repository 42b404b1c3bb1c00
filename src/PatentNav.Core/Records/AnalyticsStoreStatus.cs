namespace PatentNav.Records;

/// <summary>The state of the analytical store (<c>analytics.duckdb</c>), as the health check shows it.</summary>
/// <param name="State"><c>ready</c>, <c>building</c> (rebuilt from the index; counting analyses wait) or <c>failed</c>.</param>
/// <param name="Rows">Rows in the store (when ready) or written so far (when building).</param>
/// <param name="Total">Rows to write when building; the index's documents otherwise.</param>
/// <param name="Reason">Why it is being built, or why it failed.</param>
public sealed record AnalyticsStoreStatus(string State, long Rows, long Total, string? Reason);

/// <summary>A counting analysis was asked for while the analytical store is being built from the index (after a crash,
/// a deleted file or a data directory from an older version); the Api answers 503 with <c>Retry-After</c>.</summary>
public sealed class AnalyticsUnavailableException : PatentNavException
{
    /// <summary>Creates the exception.</summary>
    public AnalyticsUnavailableException(string message, AnalyticsStoreStatus status)
        : base(message)
    {
        Status = status;
    }

    /// <summary>The store's state when the analysis was refused.</summary>
    public AnalyticsStoreStatus Status { get; }

    /// <inheritdoc/>
    public override bool IsTransient => true;
}

