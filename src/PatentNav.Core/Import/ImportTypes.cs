using PatentNav.Records;

namespace PatentNav.Import;

/// <summary>How to read one export file.</summary>
public sealed record ImportOptions
{
    /// <summary>The export layout: <c>null</c> or <c>auto</c> to detect it from the header, or one of <c>cnipa</c>,
    /// <c>incopat</c>, <c>patsnap</c>, <c>lens</c>, <c>derwent</c>, <c>google</c>, <c>jsonl</c>, <c>custom</c>.</summary>
    public string? Format { get; init; }

    /// <summary>
    /// An explicit column mapping for layouts the alias table does not know: canonical field name (see
    /// <see cref="RecordFields"/>) → the column header in the file. Entries override the alias table.
    /// </summary>
    public IReadOnlyDictionary<string, string>? ColumnMapping { get; init; }

    /// <summary>The text encoding name (<c>utf-8</c>, <c>gb18030</c>); <c>null</c> to detect (BOM, then strict UTF-8, else GB18030).</summary>
    public string? Encoding { get; init; }

    /// <summary>The original file name, used only to recognise the container (<c>.csv</c>, <c>.xlsx</c>, <c>.xls</c>,
    /// <c>.jsonl</c>); never used as a path.</summary>
    public string? FileName { get; init; }

    /// <summary>The batch id written into each record's <see cref="PatentRecord.ImportBatch"/>.</summary>
    public string? BatchId { get; init; }

    /// <summary>The greatest number of errors kept in the report (all are counted); default 10,000.</summary>
    public int MaxReportedErrors { get; init; } = 10_000;

    /// <summary>The greatest total uncompressed size of an XLSX file's zip entries (and the greatest size of a non-seekable
    /// workbook copied to a temporary file); larger files are refused as possible zip bombs. Default 1 GiB.</summary>
    public long MaxUncompressedBytes { get; init; } = 1L << 30;

    /// <summary>The greatest compression ratio (uncompressed ÷ compressed) accepted for a large XLSX entry (10 MB or more);
    /// default 200. Real worksheets compress far less.</summary>
    public double MaxCompressionRatio { get; init; } = 200;
}

/// <summary>One problem with one cell (or row) of an import file.</summary>
/// <param name="Row">The 1-based row number as a spreadsheet shows it (header and preamble lines counted; a JSONL line number).</param>
/// <param name="Column">The column header as written in the file, or <c>null</c> when the problem is the whole row.</param>
/// <param name="Value">The offending value (truncated to 200 characters), or <c>null</c>.</param>
/// <param name="Reason">What is wrong and what was expected.</param>
public sealed record ImportError(long Row, string? Column, string? Value, string Reason);

/// <summary>The outcome of reading one data row: a record, or the errors that rejected it.</summary>
/// <param name="Row">The 1-based row number (see <see cref="ImportError.Row"/>).</param>
/// <param name="Record">The record, or <c>null</c> when the row was rejected.</param>
/// <param name="Errors">Why the row was rejected; empty when <paramref name="Record"/> is set.</param>
public sealed record RowResult(long Row, PatentRecord? Record, IReadOnlyList<ImportError> Errors);

/// <summary>Progress of a running import.</summary>
/// <param name="RowsRead">Data rows read so far.</param>
/// <param name="BytesRead">Bytes of the file consumed so far.</param>
/// <param name="TotalBytes">The file's size, when known.</param>
/// <param name="Imported">New records stored so far.</param>
/// <param name="Updated">Existing records changed so far.</param>
/// <param name="Unchanged">Rows identical to what was stored.</param>
/// <param name="Rejected">Rows rejected so far.</param>
public sealed record ImportProgress(long RowsRead, long BytesRead, long? TotalBytes, long Imported, long Updated, long Unchanged, long Rejected);

/// <summary>A file could not be imported at all (unknown layout, no publication number column, unreadable container);
/// nothing from it was stored.</summary>
public sealed class ImportFormatException : PatentNavException
{
    /// <summary>Creates the exception with a message naming the problem.</summary>
    public ImportFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message naming the problem and its cause.</summary>
    public ImportFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>The canonical field names used by column mappings and the alias table.</summary>
public static class RecordFields
{
#pragma warning disable CS1591 // The names are self-describing; each maps to the PatentRecord property of the same name.
    public const string PublicationNumber = "publicationNumber";
    public const string ApplicationNumber = "applicationNumber";
    public const string Kind = "kind";
    public const string Title = "title";
    public const string Abstract = "abstract";
    public const string FirstClaim = "firstClaim";
    public const string Claims = "claims";
    public const string Applicants = "applicants";
    public const string CurrentHolders = "currentHolders";
    public const string Inventors = "inventors";
    public const string ApplicantAddress = "applicantAddress";
    public const string ApplicantCountry = "applicantCountry";
    public const string ProvinceCode = "provinceCode";
    public const string Province = "province";
    public const string City = "city";
    public const string District = "district";
    public const string MainIpc = "mainIpc";
    public const string Ipc = "ipc";
    public const string Cpc = "cpc";
    public const string FilingDate = "filingDate";
    public const string PublicationDate = "publicationDate";
    public const string GrantDate = "grantDate";
    public const string LegalStatus = "legalStatus";
    public const string ForwardCitations = "forwardCitations";
    public const string FamilySize = "familySize";
    public const string FamilyCountries = "familyCountries";
    public const string TransferCount = "transferCount";
    public const string LicenceCount = "licenceCount";
    public const string PledgeCount = "pledgeCount";
#pragma warning restore CS1591

    /// <summary>Every canonical field name.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        PublicationNumber, ApplicationNumber, Kind, Title, Abstract, FirstClaim, Claims, Applicants, CurrentHolders, Inventors,
        ApplicantAddress, ApplicantCountry, ProvinceCode, Province, City, District, MainIpc, Ipc, Cpc, FilingDate,
        PublicationDate, GrantDate, LegalStatus, ForwardCitations, FamilySize, FamilyCountries, TransferCount, LicenceCount,
        PledgeCount,
    ];
}
