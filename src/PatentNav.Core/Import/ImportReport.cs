namespace PatentNav.Import;

/// <summary>Where an import is in its life.</summary>
public enum ImportState
{
    /// <summary>Accepted, waiting for the running import to finish (one import runs at a time).</summary>
    Queued,

    /// <summary>Reading and storing rows.</summary>
    Running,

    /// <summary>Every row was read; stored rows are committed.</summary>
    Completed,

    /// <summary>The file could not be read to the end (see <see cref="ImportReport.Message"/>); rows counted as imported or updated before the failure are committed.</summary>
    Failed,

    /// <summary>Cancelled on request; rows counted before the cancellation are committed. Running the same file again completes it without duplicates.</summary>
    Cancelled,

    /// <summary>The process stopped while the import ran; only rows up to <see cref="ImportReport.CommittedRows"/> were committed. Running the same file again completes it without duplicates.</summary>
    Interrupted,
}

/// <summary>
/// The report of one import: how many rows were read, imported (new), updated (merged with a stored record and changed),
/// unchanged (identical to what was stored) and rejected, with every rejected row's errors.
/// </summary>
public sealed record ImportReport
{
    /// <summary>The import's id (also the batch id written into the records).</summary>
    /// <example>imp-20261126-091500-3f2a</example>
    public required string Id { get; init; }

    /// <summary>Where the import is.</summary>
    public ImportState State { get; init; }

    /// <summary>The uploaded file's name as the client gave it (informational only; never used as a path).</summary>
    public string? FileName { get; init; }

    /// <summary>The layout detected or requested (<c>cnipa</c>, <c>incopat</c>, <c>patsnap</c>, <c>lens</c>, <c>derwent</c>, <c>google</c>, <c>jsonl</c>, <c>custom</c>).</summary>
    public string? Format { get; init; }

    /// <summary>The text encoding detected (<c>utf-8</c>, <c>utf-8-bom</c>, <c>gb18030</c>), or <c>null</c> for Excel files.</summary>
    public string? Encoding { get; init; }

    /// <summary>Canonical field → the column it was read from.</summary>
    public IReadOnlyDictionary<string, string>? Columns { get; init; }

    /// <summary>Columns in the file that no field reads.</summary>
    public IReadOnlyList<string>? UnmappedColumns { get; init; }

    /// <summary>Data rows read.</summary>
    public long Read { get; init; }

    /// <summary>Records that were new.</summary>
    public long Imported { get; init; }

    /// <summary>Records merged onto a stored record that changed it.</summary>
    public long Updated { get; init; }

    /// <summary>Records identical to what was stored (importing the same file twice gives only these).</summary>
    public long Unchanged { get; init; }

    /// <summary>Rows rejected; see <see cref="Errors"/>.</summary>
    public long Rejected { get; init; }

    /// <summary>Each problem of each rejected row (row, column, value, reason), in file order.</summary>
    public IReadOnlyList<ImportError> Errors { get; init; } = [];

    /// <summary>True when there were more errors than <see cref="ImportOptions.MaxReportedErrors"/> and the list was cut.</summary>
    public bool ErrorsTruncated { get; init; }

    /// <summary>Rows whose outcome is durably committed.</summary>
    public long CommittedRows { get; init; }

    /// <summary>Bytes of the file consumed so far.</summary>
    public long BytesRead { get; init; }

    /// <summary>The file's size in bytes, when known.</summary>
    public long? TotalBytes { get; init; }

    /// <summary>When the import was accepted.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When it finished, failed or was cancelled.</summary>
    public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>Why it failed, was cancelled or interrupted; <c>null</c> otherwise.</summary>
    public string? Message { get; init; }
}
