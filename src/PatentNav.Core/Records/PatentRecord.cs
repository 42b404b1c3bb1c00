namespace PatentNav.Records;

/// <summary>
/// The canonical patent record: one published document, whichever export it came from.
/// </summary>
/// <remarks>
/// <para>A field the export did not have stays unknown (<c>null</c>), never zero: a record from Google Patents has no
/// citation count, and that is different from a count of 0. Lists are empty when the export had no such column or the cell
/// was blank; <see cref="FamilyCountries"/> is <c>null</c> when unknown.</para>
/// <para>Records are keyed by <see cref="PublicationNumber"/>. Importing a record whose number is already stored merges
/// field by field: a field the new export carries replaces the stored value; a field it lacks keeps the stored value
/// (see <see cref="RecordMerge"/>).</para>
/// </remarks>
public sealed record PatentRecord
{
    /// <summary>Publication number (公开(公告)号), e.g. <c>CN114081026A</c>: the record's key.</summary>
    public required PublicationNumber PublicationNumber { get; init; }

    /// <summary>Application number (申请号), e.g. <c>CN202223220665.2</c>.</summary>
    public ApplicationNumber? ApplicationNumber { get; init; }

    /// <summary>Kind of document (专利类型).</summary>
    public PatentKind Kind { get; init; }

    /// <summary>Title (专利名称 / 标题).</summary>
    public string? Title { get; init; }

    /// <summary>Abstract (摘要).</summary>
    public string? Abstract { get; init; }

    /// <summary>First (independent) claim (主权项).</summary>
    public string? FirstClaim { get; init; }

    /// <summary>Full claims text (权利要求书), when the export has it.</summary>
    public string? Claims { get; init; }

    /// <summary>Applicants (申请人) in the order the export lists them; the first is the lead applicant.</summary>
    public IReadOnlyList<string> Applicants { get; init; } = [];

    /// <summary>Current holders (当前权利人 / 当前申请(专利权)人), when the export distinguishes them from the original applicants.</summary>
    public IReadOnlyList<string> CurrentHolders { get; init; } = [];

    /// <summary>Inventors (发明人) in order.</summary>
    public IReadOnlyList<string> Inventors { get; init; } = [];

    /// <summary>Address of the (first) applicant (申请人地址).</summary>
    public string? ApplicantAddress { get; init; }

    /// <summary>Country of the (first) applicant as an ISO 3166 code (申请人国别代码), e.g. <c>CN</c>, <c>US</c>.</summary>
    public string? ApplicantCountry { get; init; }

    /// <summary>Region in China (province/city/district, GB/T 2260) and what decided it; <c>null</c> when unknown.</summary>
    public RegionInfo? Region { get; init; }

    /// <summary>Main IPC code (主分类号).</summary>
    public IpcCode? MainIpc { get; init; }

    /// <summary>All IPC codes (分类号), main code first.</summary>
    public IReadOnlyList<IpcCode> Ipc { get; init; } = [];

    /// <summary>CPC codes as written, when the export has them.</summary>
    public IReadOnlyList<string> Cpc { get; init; } = [];

    /// <summary>Filing date (申请日).</summary>
    public DateOnly? FilingDate { get; init; }

    /// <summary>Publication date (公开(公告)日).</summary>
    public DateOnly? PublicationDate { get; init; }

    /// <summary>Grant date (授权公告日).</summary>
    public DateOnly? GrantDate { get; init; }

    /// <summary>Legal status, normalised.</summary>
    public LegalStatus LegalStatus { get; init; }

    /// <summary>The export's legal-status wording as written (法律状态), kept because normalisation loses detail.</summary>
    public string? LegalStatusRaw { get; init; }

    /// <summary>Forward citations (被引证次数); <c>null</c> when the export lacks the column.</summary>
    public int? ForwardCitations { get; init; }

    /// <summary>Simple family size (简单同族数量); <c>null</c> when unknown.</summary>
    public int? FamilySize { get; init; }

    /// <summary>Countries/offices of the family members (同族国家/地区); <c>null</c> when unknown.</summary>
    public IReadOnlyList<string>? FamilyCountries { get; init; }

    /// <summary>Number of recorded transfers (专利转移次数 / 转让次数); <c>null</c> when unknown.</summary>
    public int? TransferCount { get; init; }

    /// <summary>Number of recorded licences (许可次数); <c>null</c> when unknown.</summary>
    public int? LicenceCount { get; init; }

    /// <summary>Number of recorded pledges (质押次数); <c>null</c> when unknown.</summary>
    public int? PledgeCount { get; init; }

    /// <summary>The export layout the record was last imported from (<c>cnipa</c>, <c>incopat</c>, <c>patsnap</c>, <c>lens</c>,
    /// <c>derwent</c>, <c>google</c>, <c>jsonl</c>, <c>custom</c>).</summary>
    public string? SourceFormat { get; init; }

    /// <summary>The import batch that last wrote the record.</summary>
    public string? ImportBatch { get; init; }

    /// <summary>
    /// <c>true</c> when some fields are synthetic demonstration data (e.g. fictional applicants placed on real titles and
    /// abstracts, DOMAIN §3); every report built from such records must say so.
    /// </summary>
    public bool Synthetic { get; init; }
}
