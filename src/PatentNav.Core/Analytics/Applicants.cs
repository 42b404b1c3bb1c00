using System.Globalization;
using System.Text;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using PatentNav.Records;

namespace PatentNav.Analytics;

/// <summary>Applicant name normalisation (申请人名称归一) and classification (申请人类型, 国内/国外).</summary>
/// <remarks>Pure functions over strings. Thread-safe.</remarks>
public static partial class ApplicantNames
{
    /// <summary>Chinese legal forms stripped from the end of a name, tried in this order; stripping repeats until none
    /// applies, so <c>X集团有限公司</c> loses 有限公司 and then 集团.</summary>
    public static IReadOnlyList<string> ChineseLegalForms { get; } = ["股份有限公司", "有限责任公司", "集团有限公司", "有限公司", "集团", "公司"];

    /// <summary>Latin-script (and Japanese) legal forms stripped from the end of a name (case-insensitively, after a space,
    /// comma or the start), tried in this order, repeatedly.</summary>
    public static IReadOnlyList<string> LatinLegalForms { get; } =
    [
        "Co., Ltd.", "Co., Ltd", "Co.,Ltd.", "Co.,Ltd", "Co. Ltd.", "Co. Ltd", "Co Ltd", "Ltd.", "Ltd", "Limited", "Inc.", "Inc", "Incorporated",
        "Corp.", "Corp", "Corporation", "Co.", "Company", "GmbH", "AG", "S.A.", "SA", "LLC", "PLC", "K.K.", "株式会社",
    ];

    /// <summary>Normalises an applicant name into a merge key and a display name.</summary>
    /// <remarks>
    /// <para>Display name: Unicode NFKC (full-width letters, digits, spaces and parentheses become half-width, so
    /// <c>（示例）</c> becomes <c>(示例)</c>), trimmed, runs of white space collapsed to one space.</para>
    /// <para>Key: the display name with trailing legal forms removed (<see cref="ChineseLegalForms"/> first, then
    /// <see cref="LatinLegalForms"/>, repeatedly; a leading 株式会社 too), trailing commas, dots and spaces removed, and
    /// upper-cased (invariant) so Latin names merge case-insensitively. A name that is only a legal form is kept whole. Parenthesised
    /// prefixes such as <c>(示例)</c> (which mark synthetic demo names) stay part of both. No translation or transliteration:
    /// <c>华为技术</c> and <c>HUAWEI</c> stay two applicants.</para>
    /// </remarks>
    public static ApplicantName Normalize(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (NormalizedCache.TryGetValue(name, out var known))
        {
            return known;
        }

        var normalized = NormalizeUncached(name);
        Remember(NormalizedCache, name, normalized);
        return normalized;
    }

    // The same names come back record after record (an import normalises every applicant, holder and party for the index
    // and the store), so they are remembered. Bounded: cleared when full.
    private const int CacheCapacity = 50_000;
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, ApplicantName> NormalizedCache = new(StringComparer.Ordinal);
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(string Name, string? Country), ApplicantClass> ClassCache = new();

    private static void Remember<TKey, TValue>(System.Collections.Concurrent.ConcurrentDictionary<TKey, TValue> cache, TKey key, TValue value)
        where TKey : notnull
    {
        if (cache.Count >= CacheCapacity)
        {
            cache.Clear();
        }

        cache.TryAdd(key, value);
    }

    private static ApplicantName NormalizeUncached(string name)
    {
        var display = WhiteSpace().Replace(name.Normalize(NormalizationForm.FormKC), " ").Trim();
        var key = display;
        if (key.StartsWith("株式会社", StringComparison.Ordinal) && key.Length > 4)
        {
            key = key[4..].TrimStart();
        }

        bool changed;
        do
        {
            changed = false;
            if (ChineseLegalForms.Contains(LeadingParenthesis().Replace(key, string.Empty).Trim(), StringComparer.Ordinal))
            {
                break; // the name is only a legal form (有限公司): keep it rather than strip it to 有限
            }

            foreach (var form in ChineseLegalForms)
            {
                if (key.Length > form.Length && key.EndsWith(form, StringComparison.Ordinal))
                {
                    key = key[..^form.Length].TrimEnd();
                    changed = true;
                    break;
                }
            }

            if (changed)
            {
                continue;
            }

            foreach (var form in LatinLegalForms)
            {
                if (key.Length > form.Length && key.EndsWith(form, StringComparison.OrdinalIgnoreCase))
                {
                    var before = key[^(form.Length + 1)];
                    if (char.IsLetterOrDigit(form[0]) && char.IsAsciiLetter(form[0]) && (before is not (' ' or ',' or '.')))
                    {
                        continue; // "…AG" inside a word such as "HUAWAG" is not a legal form
                    }

                    key = key[..^form.Length].TrimEnd(' ', ',', '.');
                    changed = true;
                    break;
                }
            }
        }
        while (changed && key.Length > 0);

        key = key.TrimEnd(' ', ',', '.');
        if (key.Length == 0)
        {
            key = display;
        }

        return new ApplicantName(key.ToUpperInvariant(), display);
    }

    /// <summary>Classifies an applicant (申请人类型) and tells whether it is domestic or foreign (国内/国外).</summary>
    /// <param name="name">The applicant name as written (normalised here).</param>
    /// <param name="country">The record's applicant country code (申请人国别代码), when it applies to this applicant; else <c>null</c>.</param>
    /// <remarks>
    /// <para>Type, first rule that matches (on the NFKC name; Latin words case-insensitive, as whole words):
    /// 1. a company legal form (公司, 株式会社, Co., Ltd, Limited, Inc, Corp, Corporation, GmbH, AG, S.A., LLC, PLC, K.K.) → enterprise
    /// (so 研究院有限公司 is an enterprise);
    /// 2. 大学 or University → university;
    /// 3. 研究院, 研究所, 科学院, 研究中心, 实验室, Academy, Research Institute, Laboratory → research institute;
    /// 4. 学院, College, Institute of Technology, Polytechnic → university;
    /// 5. 厂, 集团, 企业, 商行, 工作室, Group, Industries → enterprise;
    /// 6. after removing a leading parenthesised prefix such as (示例): 2–4 Han characters, or 2–3 Latin words each written
    /// Capitalised (e.g. <c>John Smith</c>), and no organisational word (中心, 医院, 学校, 协会, 委员会, 局, 院, 所, 站, 部, 会, 国家, 中国,
    /// 电网, 银行, 大队, 公社, 合作社, 省, 市, 县, 镇, 村, 队, 处, 厅, 馆, 社) → individual;
    /// 7. otherwise → other (hospitals, government bodies, associations, unrecognised names).</para>
    /// <para>Origin: a country code, when given, decides (CN, HK, MO, TW → domestic; CNIPA statistics list 港澳台 separately,
    /// so filter by country where that matters). Without one, on the name without a leading parenthesised prefix: kana, Hangul or 株式会社 → foreign; other Han script → domestic;
    /// a Latin name with a non-Chinese legal form (GmbH, AG, S.A., Inc, Corp, LLC, PLC, K.K.) → foreign; otherwise unknown
    /// (Chinese companies also write English names with Co., Ltd.).</para>
    /// </remarks>
    public static ApplicantClass Classify(string name, string? country)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (ClassCache.TryGetValue((name, country), out var known))
        {
            return known;
        }

        var n = Normalize(name).DisplayName;
        var (type, rule) = ClassifyType(n);
        var (origin, basis) = ClassifyOrigin(LeadingParenthesis().Replace(n, string.Empty), country);
        var result = new ApplicantClass(type, rule, origin, basis);
        Remember(ClassCache, (name, country), result);
        return result;
    }

    /// <summary>
    /// The patent's first owner — the first non-blank current holder, else the first non-blank applicant — with its class
    /// and country code: the record's applicant country when the owner is the first applicant (it describes that
    /// applicant only), else <c>CN</c> for a domestic owner, else null; HK, MO and TW count as CN. One rule for every
    /// analysis that counts owners (chokepoint holders, the high-value stock, targets).
    /// </summary>
    internal static (string? Name, ApplicantClass? Class, string? Country) FirstOwner(PatentRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var applicant = record.Applicants.FirstOrDefault(n => !string.IsNullOrWhiteSpace(n));
        var owner = record.CurrentHolders.FirstOrDefault(n => !string.IsNullOrWhiteSpace(n)) ?? (record.CurrentHolders.Count > 0 ? null : applicant);
        if (owner is null)
        {
            return (null, null, null);
        }

        var country = string.Equals(owner, applicant, StringComparison.Ordinal) && !string.IsNullOrWhiteSpace(record.ApplicantCountry)
            ? record.ApplicantCountry.Trim().ToUpperInvariant()
            : null;
        var cls = Classify(owner, country);
        var code = country ?? (cls.Origin == ApplicantOrigin.Domestic ? "CN" : null);
        return (owner, cls, code is "HK" or "MO" or "TW" ? "CN" : code);
    }

    private static (ApplicantType, string) ClassifyType(string n)
    {
        if (FindAny(n, "公司", "株式会社") is { } cn)
        {
            return (ApplicantType.Enterprise, $"enterprise: legal form '{cn}'");
        }

        if (LatinCompanyForm().Match(n) is { Success: true } m)
        {
            return (ApplicantType.Enterprise, $"enterprise: legal form '{m.Value}'");
        }

        if (FindAny(n, "大学") is { } u || (LatinUniversity().Match(n) is { Success: true } um && (u = um.Value) is not null))
        {
            return (ApplicantType.University, $"university: contains '{u}'");
        }

        if (FindAny(n, "研究院", "研究所", "科学院", "研究中心", "实验室") is { } r
            || (LatinResearch().Match(n) is { Success: true } rm && (r = rm.Value) is not null))
        {
            return (ApplicantType.ResearchInstitute, $"research institute: contains '{r}'");
        }

        if (FindAny(n, "学院") is { } c || (LatinCollege().Match(n) is { Success: true } cm && (c = cm.Value) is not null))
        {
            return (ApplicantType.University, $"university: contains '{c}'");
        }

        if (FindAny(n, "厂", "集团", "企业", "商行", "工作室") is { } e || (LatinGroup().Match(n) is { Success: true } em && (e = em.Value) is not null))
        {
            return (ApplicantType.Enterprise, $"enterprise: contains '{e}'");
        }

        var bare = LeadingParenthesis().Replace(n, string.Empty).Trim();
        if (HanPersonName().IsMatch(bare) && FindAny(bare, OrganisationalWords) is null)
        {
            return (ApplicantType.Individual, "individual: 2–4 Han characters with no organisational word");
        }

        if (LatinPersonName().IsMatch(bare))
        {
            return (ApplicantType.Individual, "individual: 2–3 capitalised Latin words with no organisational word");
        }

        return (ApplicantType.Other, "other: no company, university, research or personal-name pattern");
    }

    private static (ApplicantOrigin, string) ClassifyOrigin(string n, string? country)
    {
        if (!string.IsNullOrWhiteSpace(country))
        {
            var code = country.Trim().ToUpperInvariant();
            return code is "CN" or "HK" or "MO" or "TW"
                ? (ApplicantOrigin.Domestic, $"applicant country {code}")
                : (ApplicantOrigin.Foreign, $"applicant country {code}");
        }

        if (n.Any(ch => ch is (>= '\u3040' and <= '\u30FF') or (>= '\uAC00' and <= '\uD7AF')) || n.Contains("株式会社", StringComparison.Ordinal))
        {
            return (ApplicantOrigin.Foreign, "name in Japanese kana, Hangul or with 株式会社");
        }

        if (n.Any(ch => ch is >= '\u4E00' and <= '\u9FFF'))
        {
            return (ApplicantOrigin.Domestic, "name in Chinese characters");
        }

        if (ForeignLegalForm().Match(n) is { Success: true } m)
        {
            return (ApplicantOrigin.Foreign, $"Latin name with the foreign legal form '{m.Value}'");
        }

        return (ApplicantOrigin.Unknown, "no country code and the name does not tell");
    }

    /// <summary>Words that make a short Han name an organisation rather than a person (国家电网, 中国银行, 某某中心).</summary>
    private static readonly string[] OrganisationalWords = ["中心", "医院", "学校", "协会", "委员会", "局", "院", "所", "站", "部", "会", "国家", "中国", "电网", "银行", "大队", "公社", "合作社", "省", "市", "县", "镇", "村", "队", "处", "厅", "馆", "社"];

    private static string? FindAny(string text, params string[] words) =>
        words.FirstOrDefault(w => text.Contains(w, StringComparison.Ordinal));

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();

    [GeneratedRegex(@"(?<![A-Za-z])(Co\.|Ltd\.?|Limited|Inc\.?|Incorporated|Corp\.?|Corporation|GmbH|AG|S\.A\.|LLC|PLC|K\.K\.)(?![A-Za-z])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LatinCompanyForm();

    [GeneratedRegex(@"(?<![A-Za-z])(GmbH|AG|S\.A\.|Inc\.?|Incorporated|Corp\.?|Corporation|LLC|PLC|K\.K\.)(?![A-Za-z])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ForeignLegalForm();

    [GeneratedRegex(@"\bUniversity\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LatinUniversity();

    [GeneratedRegex(@"\b(Academy|Research Institute|Laboratory|Laboratories)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LatinResearch();

    [GeneratedRegex(@"\b(College|Institute of Technology|Polytechnic)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LatinCollege();

    [GeneratedRegex(@"\b(Group|Industries)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LatinGroup();

    [GeneratedRegex(@"^\([^)]*\)")]
    private static partial Regex LeadingParenthesis();

    [GeneratedRegex(@"^\p{IsCJKUnifiedIdeographs}{2,4}$")]
    private static partial Regex HanPersonName();

    [GeneratedRegex(@"^\p{Lu}[\p{Ll}'-]+( \p{Lu}[\p{Ll}'-]+){1,2}$")]
    private static partial Regex LatinPersonName();
}

/// <summary>Applicant rankings (申请人排名) of any record set.</summary>
/// <remarks>Pure functions: the same records and options give the same ranking. Thread-safe.</remarks>
public static class Applicants
{
    /// <summary>Ranks the applicants of <paramref name="records"/>.</summary>
    /// <remarks>
    /// <para>Names are merged by <see cref="ApplicantNames.Normalize"/>'s key. Counting: by default every applicant of a
    /// patent (co-applicants, 共同申请人) counts the patent once (so shares add up to more than 100 %); with
    /// <see cref="ApplicantRankOptions.FirstApplicantOnly"/> only the first (lead) applicant does. A name listed twice on one
    /// patent counts once. Share = the applicant's patents ÷ all patents in the set (documents, not families).</para>
    /// <para>Years are filing years (the publication year when the filing date is unknown). Valid inventions (有效发明) are
    /// invention documents (application or grant) whose legal status is valid.</para>
    /// <para>Origin: the record's <see cref="PatentRecord.ApplicantCountry"/> describes the first applicant only, so it is
    /// used for an applicant whenever that applicant is listed first (the most frequent code wins); otherwise the name
    /// decides (see <see cref="ApplicantNames.Classify"/>).</para>
    /// <para>Ties are ordered by valid inventions, then by key (ordinal).</para>
    /// </remarks>
    public static ApplicantRanking Rank(IEnumerable<PatentRecord> records, ApplicantRankOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(records);
        options ??= new ApplicantRankOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Top, 1);

        var byKey = new Dictionary<string, Tally>(StringComparer.Ordinal);
        long total = 0;
        long without = 0;
        var synthetic = false;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var r in records)
        {
            total++;
            synthetic |= r.Synthetic;
            var names = r.Applicants.Where(a => !string.IsNullOrWhiteSpace(a)).ToList();
            if (names.Count == 0)
            {
                without++;
                continue;
            }

            if (options.FirstApplicantOnly)
            {
                names = [names[0]];
            }

            seen.Clear();
            var year = (r.FilingDate ?? r.PublicationDate)?.Year;
            var validInvention = r.Kind is PatentKind.InventionApplication or PatentKind.InventionGrant && r.LegalStatus == LegalStatus.Valid;
            for (var i = 0; i < names.Count; i++)
            {
                var n = ApplicantNames.Normalize(names[i]);
                if (!byKey.TryGetValue(n.Key, out var t))
                {
                    t = new Tally();
                    byKey[n.Key] = t;
                }

                t.Variants[names[i]] = t.Variants.GetValueOrDefault(names[i]) + 1;
                if (!seen.Add(n.Key))
                {
                    continue; // the same applicant written twice on one patent: a variant seen, not a second patent
                }

                t.Patents++;
                t.Displays[n.DisplayName] = t.Displays.GetValueOrDefault(n.DisplayName) + 1;
                if (validInvention)
                {
                    t.ValidInventions++;
                }

                if (year is { } y)
                {
                    t.First = Math.Min(t.First ?? y, y);
                    t.Last = Math.Max(t.Last ?? y, y);
                }

                if (i == 0 && !string.IsNullOrWhiteSpace(r.ApplicantCountry))
                {
                    var code = r.ApplicantCountry.Trim().ToUpperInvariant();
                    t.Countries[code] = t.Countries.GetValueOrDefault(code) + 1;
                }
            }
        }

        var ordered = byKey
            .OrderByDescending(kv => kv.Value.Patents)
            .ThenByDescending(kv => kv.Value.ValidInventions)
            .ThenBy(kv => kv.Key, StringComparer.Ordinal)
            .Take(options.Top)
            .Select(kv => new ApplicantTally(kv.Key, kv.Value.Patents, kv.Value.ValidInventions, kv.Value.First, kv.Value.Last, kv.Value.Variants, kv.Value.Displays, kv.Value.Countries));
        return Ranking(total, without, byKey.Count, synthetic, options, ordered);
    }

    /// <summary>The ranking from the counts of its top applicants (in rank order), whether counted here or by the
    /// analytical store's SQL: names, type, origin, variants, shares and notes are decided in this one place.</summary>
    internal static ApplicantRanking Ranking(long total, long without, int distinct, bool synthetic, ApplicantRankOptions options, IEnumerable<ApplicantTally> top)
    {
        var ordered = top
            .Select((t, i) =>
            {
                var display = MostFrequent(t.Displays);
                var country = t.Countries.Count == 0 ? null : MostFrequent(t.Countries);
                var cls = ApplicantNames.Classify(display, country);
                var variants = t.Variants.OrderByDescending(v => v.Value).ThenBy(v => v.Key, StringComparer.Ordinal).Select(v => v.Key).ToList();
                return new ApplicantRank(
                    i + 1, t.Key, display, variants, cls.Type, cls.TypeRule, cls.Origin, cls.OriginBasis, t.Patents,
                    total == 0 ? 0 : (double)t.Patents / total, t.First, t.Last, t.ValidInventions);
            })
            .ToList();

        var counting = options.FirstApplicantOnly
            ? "first applicant only: each patent counts once, for its lead applicant; shares add up to at most 100 %"
            : "all applicants: each co-applicant counts the patent once, so shares can add up to more than 100 %";
        var notes = new List<string>();
        if (without > 0)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"{without} patents have no applicant and are not counted for anyone (they stay in the share's denominator)."));
        }

        if (synthetic)
        {
            notes.Add("Some records carry synthetic demonstration applicants (names prefixed (示例)); do not read them as real companies.");
        }

        return new ApplicantRanking(total, without, distinct, options.FirstApplicantOnly, counting, ordered, synthetic, notes);
    }

    private static string MostFrequent(IReadOnlyDictionary<string, long> counts) =>
        counts.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).First().Key;

    private sealed class Tally
    {
        public long Patents { get; set; }

        public long ValidInventions { get; set; }

        public int? First { get; set; }

        public int? Last { get; set; }

        public Dictionary<string, long> Variants { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, long> Displays { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, long> Countries { get; } = new(StringComparer.Ordinal);
    }
}

/// <summary>The counts of one applicant in a ranking, before its names and class are decided.</summary>
/// <param name="Key">The merge key.</param>
/// <param name="Patents">Patents counted for it.</param>
/// <param name="ValidInventions">Valid invention patents among them.</param>
/// <param name="First">Earliest year.</param>
/// <param name="Last">Latest year.</param>
/// <param name="Variants">Each name as written, with its occurrences.</param>
/// <param name="Displays">Each normalised spelling, with the patents it was the applicant's name on.</param>
/// <param name="Countries">Applicant country codes of the patents it led, with their counts.</param>
internal sealed record ApplicantTally(
    string Key,
    long Patents,
    long ValidInventions,
    int? First,
    int? Last,
    IReadOnlyDictionary<string, long> Variants,
    IReadOnlyDictionary<string, long> Displays,
    IReadOnlyDictionary<string, long> Countries);

/// <summary>A normalised applicant name.</summary>
/// <param name="Key">The merge key: legal forms stripped, upper-cased; names with equal keys are one applicant.</param>
/// <param name="DisplayName">The name as written, NFKC-normalised and with white space collapsed.</param>
public readonly record struct ApplicantName(string Key, string DisplayName);

/// <summary>Applicant type (申请人类型).</summary>
public enum ApplicantType
{
    /// <summary>Anything else: hospitals, government bodies, associations, unrecognised names (其他).</summary>
    Other = 0,

    /// <summary>Company (企业).</summary>
    Enterprise,

    /// <summary>University or college (高校).</summary>
    University,

    /// <summary>Research institute (科研院所).</summary>
    ResearchInstitute,

    /// <summary>Individual (个人).</summary>
    Individual,
}

/// <summary>Domestic or foreign applicant (国内/国外).</summary>
public enum ApplicantOrigin
{
    /// <summary>Neither a country code nor the name tells.</summary>
    Unknown = 0,

    /// <summary>Chinese applicant (国内), including 港澳台.</summary>
    Domestic,

    /// <summary>Foreign applicant (国外).</summary>
    Foreign,
}

/// <summary>An applicant's type and origin, with the rule that decided each.</summary>
/// <param name="Type">The applicant type (申请人类型).</param>
/// <param name="TypeRule">The rule that decided the type, e.g. <c>university: contains '大学'</c>.</param>
/// <param name="Origin">Domestic or foreign (国内/国外).</param>
/// <param name="OriginBasis">What decided the origin, e.g. <c>applicant country DE</c>.</param>
public sealed record ApplicantClass(ApplicantType Type, string TypeRule, ApplicantOrigin Origin, string OriginBasis);

/// <summary>Options of an applicant ranking (申请人排名).</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record ApplicantRankOptions
{
    /// <summary>How many applicants to return (at least 1); default 20.</summary>
    public int Top { get; init; } = 20;

    /// <summary>Count only the first (lead) applicant of each patent; by default every co-applicant counts it once.</summary>
    public bool FirstApplicantOnly { get; init; }
}

/// <summary>An applicant ranking (申请人排名).</summary>
/// <param name="Patents">Patents (documents) in the ranked set: the share's denominator.</param>
/// <param name="PatentsWithoutApplicant">Patents with no applicant name, counted for nobody.</param>
/// <param name="DistinctApplicants">Applicants after merging name variants (before <see cref="ApplicantRankOptions.Top"/>).</param>
/// <param name="FirstApplicantOnly">Whether only lead applicants were counted.</param>
/// <param name="Counting">The counting convention in words.</param>
/// <param name="Applicants">The ranked applicants, most patents first.</param>
/// <param name="Synthetic">Whether some records carry synthetic demonstration data.</param>
/// <param name="Notes">Caveats about the counts.</param>
public sealed record ApplicantRanking(
    long Patents,
    long PatentsWithoutApplicant,
    int DistinctApplicants,
    bool FirstApplicantOnly,
    string Counting,
    IReadOnlyList<ApplicantRank> Applicants,
    bool Synthetic,
    IReadOnlyList<string> Notes)
{
    /// <summary>The SQL that counted a workspace ranking over the analytical store, with its parameters (empty for a
    /// ranking of records in memory).</summary>
    public IReadOnlyList<SqlStatement> Statements { get; init; } = [];
}

/// <summary>One applicant in a ranking.</summary>
/// <param name="Rank">1-based position.</param>
/// <param name="Key">The merge key (see <see cref="ApplicantNames.Normalize"/>).</param>
/// <param name="Name">The most frequent normalised spelling.</param>
/// <param name="Variants">The names as written that were merged into this applicant, most frequent first.</param>
/// <param name="Type">Applicant type (申请人类型).</param>
/// <param name="TypeRule">The rule that decided the type.</param>
/// <param name="Origin">Domestic or foreign (国内/国外).</param>
/// <param name="OriginBasis">What decided the origin.</param>
/// <param name="Patents">Patents (documents) counted for the applicant.</param>
/// <param name="Share">Patents ÷ all patents in the set (0–1).</param>
/// <param name="FirstFilingYear">Earliest filing year (publication year when the filing date is unknown); <c>null</c> when undated.</param>
/// <param name="LastFilingYear">Latest filing year, likewise.</param>
/// <param name="ValidInventions">Valid invention patents (有效发明专利): invention documents whose legal status is valid.</param>
public sealed record ApplicantRank(
    int Rank,
    string Key,
    string Name,
    IReadOnlyList<string> Variants,
    ApplicantType Type,
    string TypeRule,
    ApplicantOrigin Origin,
    string OriginBasis,
    long Patents,
    double Share,
    int? FirstFilingYear,
    int? LastFilingYear,
    long ValidInventions);
