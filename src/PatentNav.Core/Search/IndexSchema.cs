using System.Globalization;
using Lucene.Net.Analysis;
using Lucene.Net.Documents;
using Lucene.Net.Util;
using PatentNav.Records;
using RegionInfo = PatentNav.Records.RegionInfo;
using PatentNav.Text;

namespace PatentNav.Search;

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

    // Dates as yyyyMMdd integers (range queries) with DocValues twins (sorting).
    public const string Filed = "filed";
    public const string Published = "published";
    public const string Granted = "granted";
    public const string DocValuesSuffix = "_dv";

    // Facets (SortedSet DocValues).
    public const string FacetYear = "f_year";
    public const string FacetIpc = "f_ipc";
    public const string FacetApplicant = "f_applicant";
    public const string FacetProvince = "f_province";
    public const string FacetCity = "f_city";
    public const string FacetKind = "f_kind";
    public const string FacetStatus = "f_status";

    /// <summary>The analyzer per field for the writer and queries: SmartCn by default, bigrams for the shadow fields.</summary>
    public static Analyzer Analyzer { get; } = PatentAnalyzers.PerField(new Dictionary<string, Analyzer>(StringComparer.Ordinal)
    {
        [TitleBigrams] = PatentAnalyzers.Bigrams,
        [AbstractBigrams] = PatentAnalyzers.Bigrams,
        [ClaimsBigrams] = PatentAnalyzers.Bigrams,
        [ApplicantBigrams] = PatentAnalyzers.Bigrams,
        [InventorBigrams] = PatentAnalyzers.Bigrams,
    });

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

    /// <summary>Builds the Lucene document for a record.</summary>
    public static Document ToDocument(PatentRecord r)
    {
        var doc = new Document
        {
            new StringField(Pn, r.PublicationNumber.Value, Field.Store.YES),
            new SortedDocValuesField(PnSort, new BytesRef(r.PublicationNumber.Value)),
            new StoredField(Source, PatentJson.Serialize(r)),
        };

        if (r.ApplicationNumber is { } an)
        {
            doc.Add(new StringField(An, an.Value, Field.Store.NO));
        }

        AddText(doc, Title, TitleBigrams, r.Title);
        AddText(doc, Abstract, AbstractBigrams, r.Abstract);
        AddText(doc, Claims, ClaimsBigrams, ClaimsText(r));

        var people = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in r.Applicants.Concat(r.CurrentHolders))
        {
            var key = NameKey(name);
            if (key.Length > 0 && people.Add(key))
            {
                doc.Add(new StringField(Applicant, key, Field.Store.NO));
                doc.Add(new TextField(ApplicantBigrams, name, Field.Store.NO));
                doc.Add(new SortedSetDocValuesField(FacetApplicant, new BytesRef(TextNormalizer.Clean(name))));
            }
        }

        foreach (var name in r.Inventors)
        {
            var key = NameKey(name);
            if (key.Length > 0)
            {
                doc.Add(new StringField(Inventor, key, Field.Store.NO));
                doc.Add(new TextField(InventorBigrams, name, Field.Store.NO));
            }
        }

        var ipcKeys = new HashSet<string>(StringComparer.Ordinal);
        var subclasses = new HashSet<string>(StringComparer.Ordinal);
        foreach (var code in r.MainIpc is { } m ? r.Ipc.Prepend(m) : r.Ipc)
        {
            foreach (var key in code.LevelKeys())
            {
                if (ipcKeys.Add(key))
                {
                    doc.Add(new StringField(Ipc, key, Field.Store.NO));
                }
            }

            if (code.Subclass is { } sc && subclasses.Add(sc))
            {
                doc.Add(new SortedSetDocValuesField(FacetIpc, new BytesRef(sc)));
            }
        }

        if (r.MainIpc is { } main)
        {
            foreach (var key in main.LevelKeys())
            {
                doc.Add(new StringField(MainIpc, key, Field.Store.NO));
            }
        }

        if (r.Region is { } region)
        {
            foreach (var key in RegionKeys(region))
            {
                doc.Add(new StringField(Region, key, Field.Store.NO));
            }

            doc.Add(new SortedSetDocValuesField(FacetProvince, new BytesRef(region.ProvinceCode + "|" + region.ProvinceName)));
            if (region.CityCode is not null)
            {
                doc.Add(new SortedSetDocValuesField(FacetCity, new BytesRef(region.CityCode + "|" + region.ProvinceName + (region.CityName ?? string.Empty))));
            }
        }

        doc.Add(new StringField(Kind, KindValue(r.Kind), Field.Store.NO));
        doc.Add(new SortedSetDocValuesField(FacetKind, new BytesRef(KindValue(r.Kind))));
        doc.Add(new StringField(Status, StatusValue(r.LegalStatus), Field.Store.NO));
        doc.Add(new SortedSetDocValuesField(FacetStatus, new BytesRef(StatusValue(r.LegalStatus))));
        if (r.SourceFormat is not null)
        {
            doc.Add(new StringField(Source_Format, r.SourceFormat, Field.Store.NO));
        }

        AddDate(doc, Filed, r.FilingDate);
        AddDate(doc, Published, r.PublicationDate);
        AddDate(doc, Granted, r.GrantDate);
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

    private static void AddText(Document doc, string wordsField, string bigramField, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return;
        }

        doc.Add(new TextField(wordsField, text, Field.Store.NO));
        doc.Add(new TextField(bigramField, text, Field.Store.NO));
    }

    private static void AddDate(Document doc, string field, DateOnly? date)
    {
        var value = date is { } d ? DateValue(d) : 0;
        if (date is not null)
        {
            doc.Add(new Int32Field(field, value, Field.Store.NO));
        }

        // Missing dates sort as 0 (oldest); documented on SearchSort.
        doc.Add(new NumericDocValuesField(field + DocValuesSuffix, value));
    }

    private static string JsonNamingCamel(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}
