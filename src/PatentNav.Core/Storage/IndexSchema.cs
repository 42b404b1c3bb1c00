using System.Globalization;
using Lucene.Net.Analysis;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Util;
using PatentNav.Records;
using PatentNav.Taxonomy;
using PatentNav.Text;
using RegionInfo = PatentNav.Records.RegionInfo;

namespace PatentNav.Storage;

/// <summary>
/// The Lucene fields of a patent document: one place that says how a <see cref="PatentRecord"/> is indexed.
/// </summary>
internal static class IndexSchema
{

    // Key and stored source.
    public const string Pn = "pn";
    public const string PnSort = "pn_sort";
    public const string An = "an";
    public const string Source = "_source";

    // Analysed text: SmartCn words, and the CJK-bigram shadow field of each.
    public const string Title = "title";
    public const string Abstract = "abstract";
    public const string Claims = "claims";
    public const string BigramSuffix = "_bg";
    public const string TitleBigrams = Title + BigramSuffix;
    public const string AbstractBigrams = Abstract + BigramSuffix;
    public const string ClaimsBigrams = Claims + BigramSuffix;
    public const string ApplicantBigrams = "applicant" + BigramSuffix;
    public const string InventorBigrams = "inventor" + BigramSuffix;

    // Keywords.
    public const string Applicant = "applicant";
    public const string Inventor = "inventor";
    public const string Ipc = "ipc";
    public const string MainIpc = "ipc_main";
    public const string Region = "region";
    public const string Kind = "kind";
    public const string Status = "status";
    public const string Source_Format = "source";

    /// <summary>Industry tokens derived by the workspace's taxonomies: <c>sei:3</c>, <c>sei:3.3</c>, <c>city:高端石化</c>.</summary>
    public const string Industry = "industry";

    // Dates as yyyyMMdd trie integers: range queries, and (uninverted per segment, see DateValues) sorting and year counts.
    public const string Filed = "filed";
    public const string Published = "published";
    public const string Granted = "granted";

    /// <summary>The trie precision step of the date fields: a date is indexed as 4 terms instead of the default step 4's 8.</summary>
    /// <remarks>Range queries also read documents written with step 4: their terms at shifts 0, 8, 16 and 24 exist there too.</remarks>
    public const int DatePrecisionStep = 8;

    private static readonly FieldType DateType = CreateDateType();

    // Facets (SortedSet DocValues).
    public const string FacetYear = "f_year";
    public const string FacetIpc = "f_ipc";
    public const string FacetApplicant = "f_applicant";
    public const string FacetProvince = "f_province";
    public const string FacetCity = "f_city";
    public const string FacetKind = "f_kind";
    public const string FacetStatus = "f_status";
    public const string FacetIndustry = "f_industry";
    public const string FacetBranch = "f_branch";
    public const string FacetChain = "f_chain";

    /// <summary>Separates the values of a multi-valued keyword field inside one Lucene field value.</summary>
    public const char ValueSeparator = '\u001F';

    /// <summary>The keyword fields: each value one exact token (no lower-casing), all values of a field in one Lucene field.</summary>
    /// <remarks>Lucene.Net builds a new token stream for every StringField instance; one tokenised field per name reuses the
    /// analyzer's per-thread token stream instead.</remarks>
    private static readonly string[] KeywordFields = [An, Applicant, Inventor, Ipc, MainIpc, Region, Kind, Status, Source_Format, Industry];

    private static readonly FieldType KeywordListType = CreateKeywordListType();

    /// <summary>SmartCn word fields: frequencies without positions. Phrases are matched on the bigram fields; the word
    /// fields only add term scores and MoreLikeThis terms, so positions would be written for nothing.</summary>
    private static readonly FieldType WordsType = CreateWordsType();

    /// <summary>The analyzer per field for the writer and queries: SmartCn by default, bigrams for the shadow fields.</summary>
    public static Analyzer Analyzer { get; } = PatentAnalyzers.PerField(new Dictionary<string, Analyzer>(
        KeywordFields.Select(f => new KeyValuePair<string, Analyzer>(f, KeywordListAnalyzer.Instance)), StringComparer.Ordinal)
    {
        [TitleBigrams] = PatentAnalyzers.Bigrams,
        [AbstractBigrams] = PatentAnalyzers.Bigrams,
        [ClaimsBigrams] = PatentAnalyzers.Bigrams,
        [ApplicantBigrams] = PatentAnalyzers.Bigrams,
        [InventorBigrams] = PatentAnalyzers.Bigrams,
    });

    /// <summary>The stored fields to load for a record: only its source.</summary>
    public static ISet<string> SourceOnly { get; } = new HashSet<string>(StringComparer.Ordinal) { Source };

    /// <summary>The record stored in a document: UTF-8 JSON bytes, or (in older indexes) a JSON string.</summary>
    public static PatentRecord ReadSource(Document doc)
    {
        var field = doc.GetField(Source) ?? throw new InvalidDataException("the document has no stored _source");
        if (field.GetBinaryValue() is { } bytes)
        {
            return PatentJson.Deserialize(bytes.Bytes.AsSpan(bytes.Offset, bytes.Length));
        }

        return PatentJson.Deserialize(field.GetStringValue(CultureInfo.InvariantCulture) ?? throw new InvalidDataException("the stored _source is empty"));
    }

    /// <summary>The claims text indexed for a record: full claims when present, else the first claim.</summary>
    public static string? ClaimsText(PatentRecord r) => r.Claims ?? r.FirstClaim;

    /// <summary>The value stored in the kind keyword field, e.g. <c>inventionGrant</c>.</summary>
    public static string KindValue(PatentKind kind) => JsonNamingCamel(kind.ToString());

    /// <summary>The value stored in the status keyword field, e.g. <c>valid</c>.</summary>
    public static string StatusValue(LegalStatus status) => JsonNamingCamel(status.ToString());

    /// <summary>A date as the integer <c>yyyyMMdd</c>.</summary>
    public static int DateValue(DateOnly d) => (d.Year * 10000) + (d.Month * 100) + d.Day;

    /// <summary>The normalised form of a name used by the keyword fields (NFKC, trimmed, lower-case for Latin).</summary>
    public static string NameKey(string name) => TextNormalizer.Clean(name).ToLowerInvariant();

    /// <summary>Builds the Lucene document for a record, with the industries <paramref name="taxonomies"/> derive for it.</summary>
    /// <remarks>Industries are derived, not stored: the stored JSON is the record unchanged, so that re-applying another
    /// taxonomy re-indexes from it.</remarks>
    public static Document ToDocument(PatentRecord r, IndustryTaxonomies taxonomies) => ToDocument(r, taxonomies, out _);

    /// <summary>As <see cref="ToDocument(PatentRecord, IndustryTaxonomies)"/>, also giving the industry tokens derived
    /// (the analytical store keeps the same ones).</summary>
    public static Document ToDocument(PatentRecord r, IndustryTaxonomies taxonomies, out IReadOnlyList<string> industryTokens)
    {
        var reusable = ReusableFields.ForThisThread;
        reusable.Pn.SetStringValue(r.PublicationNumber.Value);
        var doc = new Document
        {
            reusable.Pn,
            new SortedDocValuesField(PnSort, new BytesRef(r.PublicationNumber.Value)),
            // UTF-8 bytes straight from the serializer: a string would be built in UTF-16 and re-encoded by Lucene.
            new StoredField(Source, PatentJson.SerializeToUtf8(r)),
        };

        if (r.ApplicationNumber is { } an)
        {
            doc.Add(Keywords(An, [an.Value]));
        }

        AddText(doc, Title, TitleBigrams, r.Title);
        AddText(doc, Abstract, AbstractBigrams, r.Abstract);
        AddText(doc, Claims, ClaimsBigrams, ClaimsText(r));

        var people = new HashSet<string>(StringComparer.Ordinal);
        var applicantNames = new List<string>();
        foreach (var name in r.Applicants.Concat(r.CurrentHolders))
        {
            var key = NameKey(name);
            if (key.Length > 0 && people.Add(key))
            {
                applicantNames.Add(name);
                doc.Add(new SortedSetDocValuesField(FacetApplicant, new BytesRef(TextNormalizer.Clean(name))));
            }
        }

        if (people.Count > 0)
        {
            doc.Add(Keywords(Applicant, people));
            doc.Add(new TextField(ApplicantBigrams, string.Join('\n', applicantNames), Field.Store.NO));
        }

        var inventorKeys = r.Inventors.Select(NameKey).Where(k => k.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (inventorKeys.Count > 0)
        {
            doc.Add(Keywords(Inventor, inventorKeys));
            doc.Add(new TextField(InventorBigrams, string.Join('\n', r.Inventors), Field.Store.NO));
        }

        var ipcKeys = new HashSet<string>(StringComparer.Ordinal);
        var subclasses = new HashSet<string>(StringComparer.Ordinal);
        foreach (var code in r.MainIpc is { } m ? r.Ipc.Prepend(m) : r.Ipc)
        {
            foreach (var key in code.LevelKeys())
            {
                ipcKeys.Add(key);
            }

            if (code.Subclass is { } sc && subclasses.Add(sc))
            {
                doc.Add(new SortedSetDocValuesField(FacetIpc, new BytesRef(sc)));
            }
        }

        if (ipcKeys.Count > 0)
        {
            doc.Add(Keywords(Ipc, ipcKeys));
        }

        if (r.MainIpc is { } main)
        {
            doc.Add(Keywords(MainIpc, main.LevelKeys()));
        }

        if (r.Region is { } region)
        {
            doc.Add(Keywords(Region, RegionKeys(region)));

            doc.Add(new SortedSetDocValuesField(FacetProvince, new BytesRef(region.ProvinceCode + "|" + region.ProvinceName)));
            if (region.CityCode is not null)
            {
                doc.Add(new SortedSetDocValuesField(FacetCity, new BytesRef(region.CityCode + "|" + region.ProvinceName + (region.CityName ?? string.Empty))));
            }
        }

        doc.Add(Keywords(Kind, [KindValue(r.Kind)]));
        doc.Add(new SortedSetDocValuesField(FacetKind, new BytesRef(KindValue(r.Kind))));
        doc.Add(Keywords(Status, [StatusValue(r.LegalStatus)]));
        doc.Add(new SortedSetDocValuesField(FacetStatus, new BytesRef(StatusValue(r.LegalStatus))));
        if (r.SourceFormat is not null)
        {
            doc.Add(Keywords(Source_Format, [r.SourceFormat]));
        }

        var industries = taxonomies.IndexValues(r);
        industryTokens = industries.Tokens;
        if (industries.Tokens.Count > 0)
        {
            doc.Add(Keywords(Industry, industries.Tokens));
            AddFacets(doc, FacetIndustry, industries.Industries);
            AddFacets(doc, FacetBranch, industries.Branches);
            AddFacets(doc, FacetChain, industries.Chains);
        }

        AddDate(doc, reusable.Filed, Filed, r.FilingDate);
        AddDate(doc, reusable.Published, Published, r.PublicationDate);
        AddDate(doc, reusable.Granted, Granted, r.GrantDate);
        if ((r.FilingDate ?? r.PublicationDate) is { } yearDate)
        {
            doc.Add(new SortedSetDocValuesField(FacetYear, new BytesRef(yearDate.Year.ToString(CultureInfo.InvariantCulture))));
        }

        return doc;
    }

    /// <summary>The keys a region is findable by: codes of every level, full names and names without their suffix.</summary>
    public static IEnumerable<string> RegionKeys(RegionInfo region)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var code in region.LevelCodes())
        {
            keys.Add(code);
        }

        foreach (var name in new[] { region.ProvinceName, region.CityName, region.DistrictName })
        {
            if (string.IsNullOrWhiteSpace(name) || name is "市辖区" or "县")
            {
                continue;
            }

            keys.Add(name);
            keys.Add(ShortPlaceName(name));
        }

        return keys;
    }

    /// <summary>A place name without its administrative suffix (江苏省 → 江苏, 连云港市 → 连云港, 海州区 → 海州).</summary>
    public static string ShortPlaceName(string name)
    {
        string[] suffixes = ["维吾尔自治区", "壮族自治区", "回族自治区", "特别行政区", "自治区", "自治州", "自治县", "省", "市", "区", "县", "盟", "旗"];
        foreach (var s in suffixes)
        {
            if (name.Length > s.Length + 1 && name.EndsWith(s, StringComparison.Ordinal))
            {
                return name[..^s.Length];
            }
        }

        return name;
    }

    private static void AddFacets(Document doc, string field, IReadOnlyList<string> values)
    {
        foreach (var v in values)
        {
            doc.Add(new SortedSetDocValuesField(field, new BytesRef(v)));
        }
    }

    private static void AddText(Document doc, string wordsField, string bigramField, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return;
        }

        doc.Add(new Field(wordsField, text, WordsType));
        doc.Add(new TextField(bigramField, text, Field.Store.NO));
    }

    private static FieldType CreateWordsType()
    {
        var type = new FieldType
        {
            IsIndexed = true,
            IsTokenized = true,
            IsStored = false,
            IndexOptions = Lucene.Net.Index.IndexOptions.DOCS_AND_FREQS,
        };
        type.Freeze();
        return type;
    }

    /// <summary>A range over a date field (<see cref="Filed"/>, <see cref="Published"/>, <see cref="Granted"/>) of
    /// <c>yyyyMMdd</c> integers; a <c>null</c> bound is open.</summary>
    public static Lucene.Net.Search.NumericRangeQuery<int> DateRange(string field, int? min, int? max, bool minInclusive = true, bool maxInclusive = true) =>
        Lucene.Net.Search.NumericRangeQuery.NewInt32Range(field, DatePrecisionStep, min, max, minInclusive, maxInclusive);

    private static FieldType CreateDateType()
    {
        var type = new FieldType(Int32Field.TYPE_NOT_STORED) { NumericPrecisionStep = DatePrecisionStep };
        type.Freeze();
        return type;
    }

    private static FieldType CreateKeywordListType()
    {
        var type = new FieldType
        {
            IsIndexed = true,
            IsTokenized = true,
            OmitNorms = true,
            IndexOptions = Lucene.Net.Index.IndexOptions.DOCS_ONLY,
            IsStored = false,
        };
        type.Freeze();
        return type;
    }

    private static Field Keywords(string field, IEnumerable<string> values) =>
        new(field, string.Join(ValueSeparator, values), KeywordListType);

    private static void AddDate(Document doc, Int32Field reusable, string field, DateOnly? date)
    {
        if (date is not { } d)
        {
            // A document without the date reads 0 in DateValues and sorts as 0 (oldest; documented on SearchSort).
            return;
        }

        reusable.SetInt32Value(DateValue(d));
        doc.Add(reusable);
    }

    /// <summary>A segment's values of a date field (<see cref="Filed"/>, <see cref="Published"/>, <see cref="Granted"/>),
    /// <c>yyyyMMdd</c>, 0 where a document has none: read from the indexed full-precision terms once per segment and cached
    /// by Lucene's field cache until the segment is closed.</summary>
    /// <remarks>Dates carry no DocValues: Lucene.Net 4.8 sizes a numeric DocValues field's missing-values bit set by
    /// reflection on every value added. The <c>filed_dv</c>, <c>published_dv</c> and <c>granted_dv</c> DocValues of older
    /// indexes are not read; the terms give the same values.</remarks>
    internal static Lucene.Net.Search.FieldCache.Int32s DateValues(AtomicReader reader, string field) =>
        Lucene.Net.Search.FieldCache.DEFAULT.GetInt32s(reader, field, Lucene.Net.Search.FieldCache.NUMERIC_UTILS_INT32_PARSER, setDocsWithField: false);

    /// <summary>Sorts by a date field; a document without the date sorts as 0 (oldest).</summary>
    internal static Lucene.Net.Search.SortField DateSort(string field, bool reverse) =>
        new(field, Lucene.Net.Search.FieldCache.NUMERIC_UTILS_INT32_PARSER, reverse);

    /// <summary>
    /// Field instances reused for every document built on a thread: numeric and string fields create their token
    /// stream once per instance. A document is indexed on the thread that built it before the next is built there.
    /// </summary>
    private sealed class ReusableFields
    {
        [ThreadStatic]
        private static ReusableFields? _current;

        public static ReusableFields ForThisThread => _current ??= new ReusableFields();

        // Not stored: the record (publication number included) is read from _source.
        public StringField Pn { get; } = new(IndexSchema.Pn, "-", Field.Store.NO);

        public Int32Field Filed { get; } = new(IndexSchema.Filed, 0, DateType);

        public Int32Field Published { get; } = new(IndexSchema.Published, 0, DateType);

        public Int32Field Granted { get; } = new(IndexSchema.Granted, 0, DateType);
    }

    /// <summary>Splits a keyword-list field value on <see cref="ValueSeparator"/>; each value is one token, as written.</summary>
    private sealed class KeywordListAnalyzer : Analyzer
    {
        public static readonly KeywordListAnalyzer Instance = new();

        protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader) =>
            new(new SeparatorTokenizer(reader));

        private sealed class SeparatorTokenizer(TextReader reader) : Lucene.Net.Analysis.Util.CharTokenizer(LuceneVersion.LUCENE_48, reader)
        {
            protected override bool IsTokenChar(int c) => c != ValueSeparator;
        }
    }

    private static string JsonNamingCamel(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}
