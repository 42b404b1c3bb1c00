using System.Globalization;
using System.Reflection;
using System.Text;
using PatentNav.Records;
using PatentNav.Taxonomy.Internal;
using Sylvan.Data.Csv;

namespace PatentNav.Taxonomy;

/// <summary>A first-level strategic emerging industry (战略性新兴产业), e.g. 3 新材料产业.</summary>
/// <param name="Code">The code, <c>1</c> … <c>9</c>.</param>
/// <param name="Name">The name.</param>
/// <param name="Branches">Its branches (<c>3.1</c> … <c>3.7</c>).</param>
public sealed record SeiIndustry(string Code, string Name, IReadOnlyList<SeiBranch> Branches);

/// <summary>A second-level branch, e.g. 3.3 先进石化化工新材料.</summary>
/// <param name="Code">The branch number, e.g. <c>3.3</c>.</param>
/// <param name="Name">The name.</param>
/// <param name="IndustryCode">The first-level code, e.g. <c>3</c>.</param>
/// <param name="Rules">The concordance rows of the branch.</param>
public sealed record SeiBranch(string Code, string Name, string IndustryCode, IReadOnlyList<SeiRule> Rules);

/// <summary>One row of the concordance: IPC patterns with exclusions, and the official sub-industry wording.</summary>
/// <param name="BranchCode">The branch, e.g. <c>1.1</c>.</param>
/// <param name="Index">The row's 0-based index within its branch (<c>rule_idx</c>).</param>
/// <param name="Page">The page of the CNIPA publication the row is on.</param>
/// <param name="Include">Include patterns (see <see cref="IpcPattern"/>).</param>
/// <param name="Exclude">Exclusions; they override the includes of this row, code by code.</param>
/// <param name="Keywords">The sub-industry and key-product wording (重点产品和服务) of the row, or <c>null</c> for IPC-only rows.</param>
/// <param name="IpcOnly">True when the table gives no wording for the row (15 rows): the IPC alone defines it.</param>
public sealed record SeiRule(string BranchCode, int Index, int? Page, IReadOnlyList<string> Include, IReadOnlyList<string> Exclude, string? Keywords, bool IpcOnly);

/// <summary>
/// CNIPA's concordance of strategic emerging industries and IPC (战略性新兴产业分类与国际专利分类参照关系表（2021）):
/// 9 industries, 40 branches, 303 rules, embedded in Core (Resources/sei-ipc-2021, with its SOURCE.md).
/// </summary>
/// <remarks>
/// <para><b>Assignment.</b> A patent belongs to a branch when one of its IPC codes (main and others) falls under an include
/// pattern of one of the branch's rules and under none of that rule's exclusions (<see cref="IpcPattern"/> gives the pattern
/// semantics). Its first-level industry follows from the branch.</para>
/// <para><b>Keywords.</b> The <c>keywords</c> column is evidence, not a text condition: it names economic activities
/// (海洋工程装备制造), not terms patents are written in, so the IPC match assigns the branch and the reason quotes the
/// wording, saying when a fragment of it (split at 、；) occurs in the title or abstract (docs/taxonomy.md).</para>
/// <para>Thread safety: immutable; safe for concurrent use.</para>
/// </remarks>
public sealed class SeiIpcTaxonomy : IIndustryTaxonomy
{
    /// <summary>The taxonomy id and filter prefix.</summary>
    public const string TaxonomyId = "sei";

    private static readonly Lazy<SeiIpcTaxonomy> LazyDefault = new(LoadEmbedded, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly SeiRule[] _rules;
    private readonly SeiBranch[] _ruleBranch;
    private readonly string[][] _wordingFragments;
    private readonly IpcRuleMatcher _matcher;
    private readonly Dictionary<string, SeiBranch> _branches = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SeiIndustry> _industries = new(StringComparer.Ordinal);

    private SeiIpcTaxonomy(IReadOnlyList<SeiIndustry> industries)
    {
        Industries = industries;
        var rules = new List<SeiRule>();
        var ruleBranch = new List<SeiBranch>();
        foreach (var industry in industries)
        {
            _industries[industry.Code] = industry;
            foreach (var branch in industry.Branches)
            {
                _branches[branch.Code] = branch;
                foreach (var rule in branch.Rules)
                {
                    rules.Add(rule);
                    ruleBranch.Add(branch);
                }
            }
        }

        _rules = rules.ToArray();
        _ruleBranch = ruleBranch.ToArray();
        _wordingFragments = _rules.Select(r => WordingFragments(r.Keywords)).ToArray();
        _matcher = new IpcRuleMatcher(_rules.Select(r => new IpcRule(r.Include.Select(IpcPattern.Parse).ToList(), r.Exclude.Select(IpcPattern.Parse).ToList())).ToList());
    }

    /// <summary>The embedded 2021 table.</summary>
    public static SeiIpcTaxonomy Default => LazyDefault.Value;

    /// <inheritdoc/>
    public string Id => TaxonomyId;

    /// <inheritdoc/>
    public string Name => "战略性新兴产业分类与国际专利分类参照关系表（2021）";

    /// <summary>The 9 first-level industries with their branches and rules.</summary>
    public IReadOnlyList<SeiIndustry> Industries { get; }

    /// <summary>The number of rules (rows of the table): 303.</summary>
    public int RuleCount => _rules.Length;

    /// <summary>The number of include and exclude patterns over all rules.</summary>
    public int PatternCount => _rules.Sum(r => r.Include.Count + r.Exclude.Count);

    /// <summary>All 40 branches in table order.</summary>
    public IEnumerable<SeiBranch> Branches => Industries.SelectMany(i => i.Branches);

    /// <summary>The branch with a number (<c>3.3</c>), or <c>null</c>.</summary>
    public SeiBranch? FindBranch(string code) => _branches.GetValueOrDefault(code);

    /// <summary>The first-level industry with a code (<c>3</c>), or <c>null</c>.</summary>
    public SeiIndustry? FindIndustry(string code) => _industries.GetValueOrDefault(code);

    /// <summary>Parses the table from its rules CSV (columns as in Resources/sei-ipc-2021/SOURCE.md).</summary>
    /// <exception cref="FormatException">A pattern or a number in the table cannot be parsed; the message names the row.</exception>
    public static SeiIpcTaxonomy FromCsv(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        using var csv = CsvDataReader.Create(reader);
        int Col(string name) => csv.GetOrdinal(name);
        int lv1Code = Col("lv1_code"), lv1Name = Col("lv1_name"), branchNo = Col("branch_no"), branchName = Col("branch_name"),
            page = Col("pdf_page"), ruleIdx = Col("rule_idx"), patterns = Col("ipc_patterns"), exclusions = Col("ipc_exclusions"),
            keywords = Col("keywords"), ipcOnly = Col("ipc_only");
        var industries = new List<(string Code, string Name, List<(string Code, string Name, List<SeiRule> Rules)> Branches)>();
        var row = 1;
        while (csv.Read())
        {
            row++;
            var ic = csv.GetString(lv1Code);
            if (industries.Count == 0 || industries[^1].Code != ic)
            {
                industries.Add((ic, csv.GetString(lv1Name), []));
            }

            var branches = industries[^1].Branches;
            var bc = csv.GetString(branchNo);
            if (branches.Count == 0 || branches[^1].Code != bc)
            {
                branches.Add((bc, csv.GetString(branchName), []));
            }

            static List<string> Split(string s) => s.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
            var include = Split(csv.GetString(patterns));
            var exclude = Split(csv.GetString(exclusions));
            foreach (var p in include.Concat(exclude))
            {
                var parsed = IpcPattern.TryParse(p);
                if (!parsed.Success)
                {
                    throw new FormatException($"SEI–IPC table row {row} (branch {bc}): {parsed.Error}");
                }
            }

            var wording = csv.GetString(keywords);
            branches[^1].Rules.Add(new SeiRule(
                bc,
                int.Parse(csv.GetString(ruleIdx), NumberStyles.None, CultureInfo.InvariantCulture),
                int.TryParse(csv.GetString(page), NumberStyles.None, CultureInfo.InvariantCulture, out var pg) ? pg : null,
                include,
                exclude,
                string.IsNullOrWhiteSpace(wording) ? null : wording.Trim(),
                csv.GetString(ipcOnly) is "1" or "true" or "True"));
        }

        return new SeiIpcTaxonomy(industries.Select(i => new SeiIndustry(
            i.Code,
            i.Name,
            i.Branches.Select(b => new SeiBranch(b.Code, b.Name, i.Code, b.Rules)).ToList())).ToList());
    }

    /// <inheritdoc/>
    public IReadOnlyList<IndustryAssignment> Assign(PatentRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var hits = _matcher.Match(RecordCodes(record), explain: true);
        var result = new List<IndustryAssignment>();
        foreach (var group in hits.GroupBy(h => _ruleBranch[h.Rule].Code, StringComparer.Ordinal))
        {
            var matched = group.Where(h => h.Matched.Count > 0).ToList();
            if (matched.Count == 0)
            {
                continue; // only exclusions fired in this branch: no assignment (the exclusions matter where a rule did match)
            }

            var branch = _branches[group.Key];
            var industry = _industries[branch.IndustryCode];
            var reason = new StringBuilder();
            reason.Append(CultureInfo.InvariantCulture, $"SEI {branch.Code} {branch.Name} ({industry.Name}): ");
            var first = true;
            foreach (var hit in group)
            {
                if (hit.Matched.Count == 0)
                {
                    continue;
                }

                var rule = _rules[hit.Rule];
                reason.Append(first ? string.Empty : "; ");
                first = false;
                reason.Append(CultureInfo.InvariantCulture, $"rule {rule.Index}{(rule.Page is { } p ? $" (p.{p})" : string.Empty)} matched ");
                reason.Append(string.Join(", ", hit.Matched.Select(m => $"{m.Code} by {m.Pattern}")));
                if (hit.Excluded.Count > 0)
                {
                    reason.Append(CultureInfo.InvariantCulture, $", while exclusion{(hit.Excluded.Count > 1 ? "s" : string.Empty)} removed ");
                    reason.Append(string.Join(", ", hit.Excluded.Select(m => $"{m.Code} ({m.Pattern})")));
                }

                foreach (var (code, finer) in hit.Coarse)
                {
                    var sample = string.Join(", ", _matcher.FinerPatterns(hit.Rule, code).Take(3));
                    reason.Append(CultureInfo.InvariantCulture, $" [{code} is given at subclass level only: it matches the subclass pattern, but the rule's {finer} group-level pattern{(finer > 1 ? "s" : string.Empty)} in {code.Subclass} ({sample}{(finer > 3 ? ", …" : string.Empty)}) cannot be checked at that precision]");
                }

                if (rule.IpcOnly)
                {
                    reason.Append(" [IPC-only row]");
                }
                else
                {
                    reason.Append(CultureInfo.InvariantCulture, $" — sub-industry wording: {Shorten(rule.Keywords!, 120)}");
                    var found = FoundFragments(hit.Rule, record);
                    if (found.Count > 0)
                    {
                        reason.Append(CultureInfo.InvariantCulture, $" (found in title/abstract: {string.Join("、", found.Take(3))})");
                    }
                }
            }

            var excludedOnly = group.Where(h => h.Matched.Count == 0 && h.Excluded.Count > 0).ToList();
            foreach (var hit in excludedOnly)
            {
                var rule = _rules[hit.Rule];
                reason.Append(CultureInfo.InvariantCulture, $"; rule {rule.Index} did not count: ");
                reason.Append(string.Join(", ", hit.Excluded.Select(m => $"{m.Code} excluded by {m.Pattern}")));
            }

            var codes = matched.SelectMany(h => h.Matched).Select(m => m.Code).Distinct().Select(c => c.ToString()).ToList();
            result.Add(new IndustryAssignment(TaxonomyId, industry.Code, industry.Name, branch.Code, branch.Name, reason.ToString(), codes));
        }

        return result;
    }

    /// <summary>Which rules a record's codes match and which exclusions applied, for callers that explain a non-assignment.</summary>
    internal List<RuleHit> Explain(PatentRecord record) => _matcher.Match(RecordCodes(record), explain: true);

    /// <summary>The branches a record belongs to and the codes that carry each (no reasons: the indexing path).</summary>
    internal Dictionary<string, List<IpcCode>> MatchBranches(IEnumerable<IpcCode> codes)
    {
        var result = new Dictionary<string, List<IpcCode>>(StringComparer.Ordinal);
        foreach (var hit in _matcher.Match(codes, explain: false))
        {
            if (hit.Matched.Count == 0)
            {
                continue;
            }

            var code = _ruleBranch[hit.Rule].Code;
            if (!result.TryGetValue(code, out var list))
            {
                result[code] = list = [];
            }

            foreach (var m in hit.Matched)
            {
                if (!list.Contains(m.Code))
                {
                    list.Add(m.Code);
                }
            }
        }

        return result;
    }

    /// <summary>The rule at a matcher index (for explanations).</summary>
    internal SeiRule RuleAt(int index) => _rules[index];

    /// <summary>The distinct codes of a record: main code first, then the others.</summary>
    internal static IEnumerable<IpcCode> RecordCodes(PatentRecord record) =>
        (record.MainIpc is { } m ? record.Ipc.Prepend(m) : record.Ipc).Distinct();

    private List<string> FoundFragments(int rule, PatentRecord record)
    {
        var found = new List<string>();
        foreach (var f in _wordingFragments[rule])
        {
            if ((record.Title?.Contains(f, StringComparison.OrdinalIgnoreCase) ?? false) || (record.Abstract?.Contains(f, StringComparison.OrdinalIgnoreCase) ?? false))
            {
                found.Add(f);
            }
        }

        return found;
    }

    private static string[] WordingFragments(string? wording) =>
        wording is null
            ? []
            : wording.Split(['；', ';', '、', '，', ',', '：'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(f => f.EndsWith('等') ? f[..^1] : f)
                .Where(f => f.Length >= 2)
                .Distinct(StringComparer.Ordinal)
                .ToArray();

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..max] + "…";

    private static SeiIpcTaxonomy LoadEmbedded()
    {
        const string name = "PatentNav.sei-ipc-2021/sei_ipc_2021_rules.csv";
        using var stream = typeof(SeiIpcTaxonomy).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded resource '{name}' is missing from {typeof(SeiIpcTaxonomy).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return FromCsv(reader);
    }
}
