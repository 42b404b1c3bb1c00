using System.Text;

namespace PatentNav.Import;

/// <summary>The export layouts the importer knows, as flags so an alias can belong to several.</summary>
[Flags]
internal enum ExportLayout
{
    None = 0,
    Cnipa = 1,
    Incopat = 2,
    Patsnap = 4,
    Lens = 8,
    Derwent = 16,
    Google = 32,
    Custom = 64,

    /// <summary>The Chinese-language layouts share most of their vocabulary.</summary>
    Chinese = Cnipa | Incopat | Patsnap | Derwent | Custom,
    All = Cnipa | Incopat | Patsnap | Lens | Derwent | Google | Custom,
}

/// <summary>One known column name and the canonical field it fills.</summary>
/// <param name="Header">The column name as exports write it (normalised before comparison).</param>
/// <param name="Field">The canonical field (<see cref="RecordFields"/>).</param>
/// <param name="Priority">When two columns of one file map to the same field, the higher priority wins (the more specific column).</param>
/// <param name="Layouts">The layouts in which this column name means this field.</param>
internal sealed record HeaderAlias(string Header, string Field, int Priority, ExportLayout Layouts);

/// <summary>
/// The alias table: real column names of CNIPA, incoPat, PatSnap, Derwent Innovation (Chinese UI), Lens.org and Google Patents
/// exports → canonical fields. This is the one place to teach the importer a new column name.
/// </summary>
/// <remarks>
/// <para>Deliberately unmapped:</para>
/// <list type="bullet">
/// <item><c>引证数</c> (CNIPA) counts the documents this patent cites (backward citations; its neighbour columns are 引证专利 and
/// 非专利引证), not the times it is cited. Mapping it to <see cref="RecordFields.ForwardCitations"/> would silently corrupt every
/// citation-based value indicator, so it stays unmapped. Forward citations come from 被引证次数 (incoPat),
/// 被引用专利数量 (PatSnap) and <c>Cited by Patent Count</c> (Lens).</item>
/// <item>Priority numbers and dates, agents, URLs, NPL columns, Lens <c>#</c>, <c>Lens ID</c> and the extended family: the
/// canonical record has no field for them.</item>
/// </list>
/// </remarks>
internal static class HeaderAliases
{
    private const ExportLayout Cn = ExportLayout.Chinese;
    private const ExportLayout Lens = ExportLayout.Lens | ExportLayout.Custom;
    private const ExportLayout Google = ExportLayout.Google | ExportLayout.Custom;

    /// <summary>Every alias. Order does not matter; <see cref="HeaderAlias.Priority"/> decides between columns.</summary>
    public static IReadOnlyList<HeaderAlias> All { get; } =
    [
        // Publication number: the record key.
        new("公开(公告)号", RecordFields.PublicationNumber, 10, Cn),
        new("公开号", RecordFields.PublicationNumber, 9, Cn),
        new("公告号", RecordFields.PublicationNumber, 6, Cn),
        new("授权公告号", RecordFields.PublicationNumber, 5, Cn),
        new("Publication Number", RecordFields.PublicationNumber, 10, Lens),
        new("Display Key", RecordFields.PublicationNumber, 5, Lens),
        // Google's "id" (CN-114081026-A) is too generic a word to trust in an unknown layout.
        new("id", RecordFields.PublicationNumber, 10, ExportLayout.Google),

        new("申请号", RecordFields.ApplicationNumber, 10, Cn),
        new("Application Number", RecordFields.ApplicationNumber, 10, Lens),

        new("专利类型", RecordFields.Kind, 10, Cn),
        new("Document Type", RecordFields.Kind, 10, Lens),
        new("Kind", RecordFields.Kind, 5, Lens),

        new("专利名称", RecordFields.Title, 10, Cn),
        new("授权名称", RecordFields.Title, 4, Cn),
        new("标题(中文)", RecordFields.Title, 10, Cn),
        new("标题", RecordFields.Title, 8, Cn),
        new("标题-DWPI", RecordFields.Title, 6, Cn),
        new("Title", RecordFields.Title, 10, Lens | ExportLayout.Google),

        new("申请摘要", RecordFields.Abstract, 10, Cn),
        new("摘要(中文)", RecordFields.Abstract, 10, Cn),
        new("摘要", RecordFields.Abstract, 8, Cn),
        new("摘要-DWPI", RecordFields.Abstract, 6, Cn),
        new("Abstract", RecordFields.Abstract, 10, Lens),

        new("主权项", RecordFields.FirstClaim, 10, Cn),
        new("首项权利要求", RecordFields.FirstClaim, 10, Cn),
        new("权利要求", RecordFields.Claims, 10, Cn),
        new("权利要求书", RecordFields.Claims, 10, Cn),
        new("Claims", RecordFields.Claims, 10, Lens),

        // Applicants as filed; the current holders are a separate field.
        new("申请人", RecordFields.Applicants, 10, Cn),
        new("原始申请(专利权)人", RecordFields.Applicants, 10, Cn),
        new("专利权人/申请人", RecordFields.Applicants, 10, Cn),
        new("标准化申请人", RecordFields.Applicants, 5, Cn),
        new("Applicants", RecordFields.Applicants, 10, Lens),
        new("assignee", RecordFields.Applicants, 10, Google),

        new("当前申请(专利权)人", RecordFields.CurrentHolders, 10, Cn),
        new("当前权利人", RecordFields.CurrentHolders, 10, Cn),
        new("Owners", RecordFields.CurrentHolders, 10, Lens),

        new("发明人", RecordFields.Inventors, 10, Cn),
        new("当前发明人", RecordFields.Inventors, 5, Cn),
        new("Inventors", RecordFields.Inventors, 10, Lens),
        new("inventor/author", RecordFields.Inventors, 10, Google),

        new("申请人地址", RecordFields.ApplicantAddress, 10, Cn),
        new("当前申请(专利权)人地址", RecordFields.ApplicantAddress, 8, Cn),
        new("申请人国别代码", RecordFields.ApplicantCountry, 10, Cn),

        new("国省代码", RecordFields.ProvinceCode, 10, Cn),
        new("申请人省市代码", RecordFields.ProvinceCode, 10, Cn),
        new("当前申请(专利权)人州/省", RecordFields.Province, 10, Cn),
        new("中国申请人地市", RecordFields.City, 10, Cn),
        new("当前申请(专利权)人地市", RecordFields.City, 10, Cn),
        new("中国申请人区县", RecordFields.District, 10, Cn),
        new("当前申请(专利权)人区县", RecordFields.District, 10, Cn),

        new("主分类号", RecordFields.MainIpc, 10, Cn),
        new("IPC主分类", RecordFields.MainIpc, 10, Cn),
        new("IPC主分类号", RecordFields.MainIpc, 10, Cn),
        new("分类号", RecordFields.Ipc, 10, Cn),
        new("IPC", RecordFields.Ipc, 10, Cn),
        new("IPC分类号", RecordFields.Ipc, 10, Cn),
        new("IPC-现版", RecordFields.Ipc, 10, Cn),
        new("IPCR Classifications", RecordFields.Ipc, 10, Lens),
        new("CPC分类号", RecordFields.Cpc, 10, Cn),
        new("CPC Classifications", RecordFields.Cpc, 10, Lens),

        new("申请日", RecordFields.FilingDate, 10, Cn),
        new("Application Date", RecordFields.FilingDate, 10, Lens),
        new("filing/creation date", RecordFields.FilingDate, 10, Google),
        new("公开(公告)日", RecordFields.PublicationDate, 10, Cn),
        new("公开日", RecordFields.PublicationDate, 9, Cn),
        new("Publication Date", RecordFields.PublicationDate, 10, Lens | ExportLayout.Google),
        new("授权公告日", RecordFields.GrantDate, 10, Cn),
        new("授权日", RecordFields.GrantDate, 10, Cn),
        new("grant date", RecordFields.GrantDate, 10, Google),

        new("当前法律状态", RecordFields.LegalStatus, 10, Cn),
        new("简单法律状态", RecordFields.LegalStatus, 10, Cn),
        new("专利有效性", RecordFields.LegalStatus, 9, Cn),
        new("法律状态", RecordFields.LegalStatus, 8, Cn),
        new("法律状态/事件", RecordFields.LegalStatus, 5, Cn),
        new("Legal Status", RecordFields.LegalStatus, 10, Lens),

        new("被引证次数", RecordFields.ForwardCitations, 10, Cn),
        new("被引用专利数量", RecordFields.ForwardCitations, 10, Cn),
        new("Cited by Patent Count", RecordFields.ForwardCitations, 10, Lens),

        new("简单同族数量", RecordFields.FamilySize, 10, Cn),
        new("简单同族个数", RecordFields.FamilySize, 10, Cn),
        new("简单同族专利数量", RecordFields.FamilySize, 10, Cn),
        new("Simple Family Size", RecordFields.FamilySize, 10, Lens),

        // Countries directly, or family members' publication numbers from which the countries are derived.
        new("同族国家/地区", RecordFields.FamilyCountries, 10, Cn),
        new("同族专利", RecordFields.FamilyCountries, 5, Cn),
        new("Simple Family Member Jurisdictions", RecordFields.FamilyCountries, 10, Lens),
        new("Simple Family Members", RecordFields.FamilyCountries, 5, Lens),

        new("专利转移次数", RecordFields.TransferCount, 10, Cn),
        new("转让次数", RecordFields.TransferCount, 10, Cn),
        new("许可次数", RecordFields.LicenceCount, 10, Cn),
        new("质押次数", RecordFields.PledgeCount, 10, Cn),
    ];

    private static readonly Dictionary<string, HeaderAlias[]> ByKey = All
        .GroupBy(a => Key(a.Header), StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);

    /// <summary>Headers that give a layout away, checked in this order (Lens and Google first: their words are English).</summary>
    private static readonly (ExportLayout Layout, string Format, string[] Keys)[] Distinctive =
    [
        (ExportLayout.Lens, "lens", ["IPCR Classifications", "Lens ID", "Display Key", "Simple Family Member Jurisdictions"]),
        (ExportLayout.Google, "google", ["result link", "representative figure link"]),
        (ExportLayout.Derwent, "derwent", ["IPC - 现版", "标题 - DWPI", "摘要 - DWPI", "专利权人/申请人"]),
        (ExportLayout.Patsnap, "patsnap", ["[标]当前申请(专利权)人", "简单法律状态", "当前申请(专利权)人州/省", "原始申请(专利权)人"]),
        (ExportLayout.Incopat, "incopat", ["标准化申请人", "合享价值度", "中国申请人地市", "中国申请人区县", "IPC主分类", "申请人省市代码", "标题(中文)"]),
        (ExportLayout.Cnipa, "cnipa", ["主权项", "国省代码", "专利名称", "申请摘要"]),
    ];

    /// <summary>The format names accepted in <see cref="ImportOptions.Format"/>, with their layout.</summary>
    public static IReadOnlyDictionary<string, ExportLayout> Formats { get; } = new Dictionary<string, ExportLayout>(StringComparer.OrdinalIgnoreCase)
    {
        ["cnipa"] = ExportLayout.Cnipa,
        ["incopat"] = ExportLayout.Incopat,
        ["patsnap"] = ExportLayout.Patsnap,
        ["lens"] = ExportLayout.Lens,
        ["derwent"] = ExportLayout.Derwent,
        ["google"] = ExportLayout.Google,
        ["custom"] = ExportLayout.Custom,
    };

    /// <summary>
    /// Normalises a header cell as written: NFKC (full-width brackets and letters become ASCII), trimmed, a leading PatSnap
    /// <c>[标]</c> (standardised) marker removed, runs of white space folded to one space.
    /// </summary>
    public static string Normalize(string? header) => StripStandardisedMarker(CleanKeepMarker(header));

    /// <summary>The lookup key of a header: <see cref="Normalize"/>, then without any white space, in lower case (English
    /// headers vary in case; <c>标题 (中文)</c> and <c>标题(中文)</c> are the same column).</summary>
    public static string Key(string? header) => RemoveWhiteSpace(Normalize(header)).ToLowerInvariant();

    /// <summary>The aliases a header may stand for, in any layout.</summary>
    public static IReadOnlyList<HeaderAlias> Lookup(string? header) =>
        ByKey.TryGetValue(Key(header), out var aliases) ? aliases : [];

    /// <summary>The best alias of a header for a layout, or <c>null</c>.</summary>
    public static HeaderAlias? Lookup(string? header, ExportLayout layout) =>
        Lookup(header).Where(a => (a.Layouts & layout) != 0).MaxBy(a => a.Priority);

    /// <summary>Whether a header is in the alias table for any layout.</summary>
    public static bool IsKnown(string? header) => Lookup(header).Count > 0;

    /// <summary>Recognises the layout from distinctive headers; <c>null</c> when none is present.</summary>
    public static (ExportLayout Layout, string Format)? DetectLayout(IEnumerable<string> headers)
    {
        // Keep the [标] marker here: it is what tells PatSnap from incoPat, which both write 当前申请(专利权)人.
        var keys = headers.Select(h => RemoveWhiteSpace(CleanKeepMarker(h)).ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);
        foreach (var (layout, format, distinctive) in Distinctive)
        {
            if (distinctive.Any(d => keys.Contains(RemoveWhiteSpace(CleanKeepMarker(d)).ToLowerInvariant())))
            {
                return (layout, format);
            }
        }

        return keys.Any(k => k.Contains("dwpi", StringComparison.Ordinal)) ? (ExportLayout.Derwent, "derwent") : null;
    }

    /// <summary>
    /// The separators of multi-valued cells (applicants, inventors, countries) in a layout. Full-width <c>；</c> is accepted
    /// everywhere because hand-edited exports contain it.
    /// </summary>
    public static string[] ListSeparators(ExportLayout layout) => layout switch
    {
        ExportLayout.Patsnap => [" | ", "|", "；"],
        ExportLayout.Lens => [";;", "；"],
        ExportLayout.Derwent => [";", " | ", "|", "；"],
        ExportLayout.Google => [",", "；"],
        _ => [";", "；"],
    };

    private static string CleanKeepMarker(string? header)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return string.Empty;
        }

        var t = header.Normalize(NormalizationForm.FormKC).Trim().Trim('\uFEFF').Trim();
        var sb = new StringBuilder(t.Length);
        var space = false;
        foreach (var c in t)
        {
            if (char.IsWhiteSpace(c))
            {
                space = true;
                continue;
            }

            if (space && sb.Length > 0)
            {
                sb.Append(' ');
            }

            space = false;
            sb.Append(c);
        }

        return sb.ToString();
    }

    private static string StripStandardisedMarker(string cleaned) =>
        cleaned.StartsWith("[标]", StringComparison.Ordinal) ? cleaned[3..].TrimStart() : cleaned;

    private static string RemoveWhiteSpace(string s)
    {
        if (!s.Contains(' ', StringComparison.Ordinal))
        {
            return s;
        }

        return s.Replace(" ", string.Empty, StringComparison.Ordinal);
    }
}
