using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using PatentNav.Records;
using PatentNav.Taxonomy.Internal;

namespace PatentNav.Taxonomy;

/// <summary>The JSON document of a city taxonomy (see docs/taxonomy.md).</summary>
public sealed record CityTaxonomyDefinition
{
    /// <summary>A readable name, e.g. 连云港市重点产业链.</summary>
    public string? Name { get; init; }

    /// <summary>A version label chosen by the editor.</summary>
    public string? Version { get; init; }

    /// <summary>Where the chain list comes from (a plan, a decision).</summary>
    public string? Source { get; init; }

    /// <summary>Free text for editors.</summary>
    public string? Description { get; init; }

    /// <summary>The chains (产业链), at least one.</summary>
    public IReadOnlyList<CityChainDefinition>? Chains { get; init; }
}

/// <summary>One priority chain (重点产业链) of a city taxonomy.</summary>
public sealed record CityChainDefinition
{
    /// <summary>The chain's code, its filter value after <c>city:</c> (e.g. 高端石化); unique; no <c>:</c> or <c>|</c>.</summary>
    public string? Code { get; init; }

    /// <summary>The display name; the code when absent.</summary>
    public string? Name { get; init; }

    /// <summary>Other names the chain is found by in filters (新医药 → 生物医药).</summary>
    public IReadOnlyList<string>? Aliases { get; init; }

    /// <summary>Free text for editors.</summary>
    public string? Description { get; init; }

    /// <summary>The rules; a patent belongs to the chain when any rule matches it.</summary>
    public IReadOnlyList<CityRuleDefinition>? Rules { get; init; }
}

/// <summary>One rule of a chain: every condition it states must hold (AND); a rule states at least one of
/// <see cref="Sei"/>, <see cref="Ipc"/>, <see cref="Keywords"/>.</summary>
public sealed record CityRuleDefinition
{
    /// <summary>An id shown in reasons and errors; <c>rules[i]</c> when absent.</summary>
    public string? Id { get; init; }

    /// <summary>Free text for editors.</summary>
    public string? Note { get; init; }

    /// <summary>SEI branches (<c>3.3</c>) or whole industries (<c>3</c>): the patent has an SEI assignment to one of them.</summary>
    public IReadOnlyList<string>? Sei { get; init; }

    /// <summary>IPC patterns (<see cref="IpcPattern"/> syntax): one of the patent's codes falls under one, and under no <see cref="Exclude"/>.</summary>
    public IReadOnlyList<string>? Ipc { get; init; }

    /// <summary>IPC patterns removed from this rule, code by code (for <see cref="Sei"/> and <see cref="Ipc"/>); for a
    /// keyword-only rule, a patent with any code under them is not taken.</summary>
    public IReadOnlyList<string>? Exclude { get; init; }

    /// <summary>Words of which one must occur in the title or abstract (case-insensitive).</summary>
    public IReadOnlyList<string>? Keywords { get; init; }

    /// <summary>Words of which none may occur in the title or abstract.</summary>
    public IReadOnlyList<string>? ExcludeKeywords { get; init; }
}

/// <summary>
/// The city's priority industry chains (重点产业链), defined in a JSON file on top of the SEI–IPC concordance: rules refer to
/// SEI branches, add IPC patterns (e.g. C10G* for 高端石化, which has no SEI branch of its own) and keyword rules, with
/// exclusions. The default for 连云港 ships in Core (Resources/taxonomy/lianyungang-chains.json).
/// </summary>
/// <remarks>Thread safety: immutable; safe for concurrent use. Build one with <see cref="Parse"/>, which validates.</remarks>
public sealed class CityTaxonomy : IIndustryTaxonomy
{
    /// <summary>The taxonomy id and filter prefix.</summary>
    public const string TaxonomyId = "city";

    private static readonly JsonSerializerOptions ReadOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        PropertyNameCaseInsensitive = false,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    private static readonly JsonSerializerOptions WriteOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    private static readonly Lazy<CityTaxonomy> LazyDefault = new(() => Parse(DefaultJson, SeiIpcTaxonomy.Default), LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly SeiIpcTaxonomy _sei;
    private readonly CompiledRule[] _rules;
    private readonly IpcRuleMatcher _ipc;

    private CityTaxonomy(CityTaxonomyDefinition definition, SeiIpcTaxonomy sei, CompiledRule[] rules)
    {
        Definition = definition;
        _sei = sei;
        _rules = rules;
        _ipc = new IpcRuleMatcher(rules.Select(r => new IpcRule(r.Ipc, r.Exclude)).ToList());
        Chains = definition.Chains!.Select(c => new CityChain(c.Code!.Trim(), string.IsNullOrWhiteSpace(c.Name) ? c.Code!.Trim() : c.Name.Trim(), c.Aliases?.Select(a => a.Trim()).ToList() ?? [])).ToList();
    }

    /// <summary>The embedded default: 连云港's chains (Resources/taxonomy/lianyungang-chains.json).</summary>
    public static CityTaxonomy Default => LazyDefault.Value;

    /// <summary>The JSON text of the embedded default.</summary>
    public static string DefaultJson
    {
        get
        {
            const string name = "PatentNav.taxonomy/lianyungang-chains.json";
            using var stream = typeof(CityTaxonomy).Assembly.GetManifestResourceStream(name)
                ?? throw new InvalidOperationException($"Embedded resource '{name}' is missing.");
            using var reader = new StreamReader(stream, Encoding.UTF8);
            return reader.ReadToEnd();
        }
    }

    /// <inheritdoc/>
    public string Id => TaxonomyId;

    /// <inheritdoc/>
    public string Name => Definition.Name ?? "city chains";

    /// <summary>The validated document this taxonomy was built from.</summary>
    public CityTaxonomyDefinition Definition { get; }

    /// <summary>The chains: code, display name, aliases.</summary>
    public IReadOnlyList<CityChain> Chains { get; }

    /// <summary>The number of rules over all chains.</summary>
    public int RuleCount => _rules.Length;

    /// <summary>Parses and validates a city taxonomy document.</summary>
    /// <param name="json">The JSON text (comments and trailing commas allowed).</param>
    /// <param name="sei">The SEI table that <c>sei</c> references resolve against; <see cref="SeiIpcTaxonomy.Default"/> when null.</param>
    /// <exception cref="TaxonomyValidationException">The document is not valid; every problem is listed with its path, chain and rule.</exception>
    public static CityTaxonomy Parse(string json, SeiIpcTaxonomy? sei = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        sei ??= SeiIpcTaxonomy.Default;
        CityTaxonomyDefinition? definition;
        try
        {
            definition = JsonSerializer.Deserialize<CityTaxonomyDefinition>(json, ReadOptions);
        }
        catch (JsonException ex)
        {
            var path = string.IsNullOrEmpty(ex.Path) ? "$" : ex.Path.StartsWith("$.", StringComparison.Ordinal) ? ex.Path[2..] : ex.Path;
            var where = ex.LineNumber is { } line ? string.Create(CultureInfo.InvariantCulture, $" (line {line + 1}, position {ex.BytePositionInLine + 1})") : string.Empty;
            var unknown = UnknownJsonProperty.TryFrom(ex, typeof(CityTaxonomyDefinition), ReadOptions);
            path = unknown?.Path ?? path;
            var message = unknown?.Message ?? "not valid JSON for a city taxonomy: " + ex.Message.Split(" Path:", 2)[0];
            throw new TaxonomyValidationException([new TaxonomyError(path, message + where)]);
        }

        if (definition is null)
        {
            throw new TaxonomyValidationException([new TaxonomyError("$", "expected a JSON object with 'chains', got null")]);
        }

        var errors = new List<TaxonomyError>();
        var rules = Validate(definition, sei, errors);
        if (errors.Count > 0)
        {
            throw new TaxonomyValidationException(errors);
        }

        return new CityTaxonomy(definition, sei, rules);
    }

    /// <summary>The document as indented JSON (Chinese unescaped), as stored in the data directory.</summary>
    public string ToJson() => JsonSerializer.Serialize(Definition, WriteOptions);

    /// <inheritdoc/>
    public IReadOnlyList<IndustryAssignment> Assign(PatentRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var codes = SeiIpcTaxonomy.RecordCodes(record).ToList();
        return Assign(record, codes, _sei.MatchBranches(codes));
    }

    /// <summary>Assigns with the SEI branches already computed (the set computes them once for both taxonomies).</summary>
    internal IReadOnlyList<IndustryAssignment> Assign(PatentRecord record, List<IpcCode> codes, Dictionary<string, List<IpcCode>> seiBranches)
    {
        var result = new List<IndustryAssignment>();
        foreach (var (chain, reasons, matchedCodes) in Evaluate(record, codes, seiBranches, explain: true))
        {
            var c = Chains[chain];
            result.Add(new IndustryAssignment(TaxonomyId, c.Code, c.Name, null, null, $"{c.Name}: " + string.Join("; ", reasons), matchedCodes.Select(x => x.ToString()).ToList()));
        }

        return result;
    }

    /// <summary>The chain indexes a record belongs to (the indexing path: no reasons).</summary>
    internal IEnumerable<int> MatchChains(PatentRecord record, List<IpcCode> codes, Dictionary<string, List<IpcCode>> seiBranches) =>
        Evaluate(record, codes, seiBranches, explain: false).Select(e => e.Chain);

    private List<(int Chain, List<string> Reasons, List<IpcCode> Codes)> Evaluate(PatentRecord record, List<IpcCode> codes, Dictionary<string, List<IpcCode>> seiBranches, bool explain)
    {
        var result = new List<(int Chain, List<string> Reasons, List<IpcCode> Codes)>();
        List<RuleHit>? ipcHits = null;
        for (var i = 0; i < _rules.Length; i++)
        {
            var rule = _rules[i];
            if (result.Count > 0 && result[^1].Chain == rule.Chain && !explain)
            {
                continue; // the chain is already taken; reasons are not needed
            }

            var parts = explain ? new List<string>() : null;
            var ruleCodes = new List<IpcCode>();
            if (rule.Sei.Length > 0)
            {
                var taken = new List<string>();
                foreach (var branch in rule.Sei)
                {
                    if (seiBranches.TryGetValue(branch, out var branchCodes))
                    {
                        var kept = branchCodes.Where(c => !rule.Exclude.Any(x => x.Matches(c))).ToList();
                        if (kept.Count > 0)
                        {
                            taken.Add(branch);
                            ruleCodes.AddRange(kept);
                        }
                    }
                }

                if (taken.Count == 0)
                {
                    continue;
                }

                parts?.Add("SEI " + string.Join(", ", taken.Select(b => $"{b} {_sei.FindBranch(b)!.Name}")) + $" ({string.Join(", ", ruleCodes.Distinct())})");
            }

            if (rule.Ipc.Count > 0)
            {
                ipcHits ??= _ipc.Match(codes, explain);
                var hit = ipcHits.FirstOrDefault(h => h.Rule == i);
                if (hit is null || hit.Matched.Count == 0)
                {
                    continue;
                }

                ruleCodes.AddRange(hit.Matched.Select(m => m.Code));
                if (parts is not null)
                {
                    var text = "IPC " + string.Join(", ", hit.Matched.Select(m => $"{m.Code} by {m.Pattern}"));
                    if (hit.Excluded.Count > 0)
                    {
                        text += ", while " + string.Join(", ", hit.Excluded.Select(m => $"{m.Code} was excluded by {m.Pattern}"));
                    }

                    parts.Add(text);
                }
            }

            if (rule.Keywords.Length > 0)
            {
                var word = rule.Keywords.FirstOrDefault(k => Contains(record, k));
                if (word is null)
                {
                    continue;
                }

                if (rule.Sei.Length == 0 && rule.Ipc.Count == 0 && codes.Any(c => rule.Exclude.Any(x => x.Matches(c))))
                {
                    continue;
                }

                parts?.Add($"title/abstract contains '{word}'");
            }

            if (rule.ExcludeKeywords.FirstOrDefault(k => Contains(record, k)) is not null)
            {
                continue;
            }

            if (result.Count > 0 && result[^1].Chain == rule.Chain)
            {
                result[^1].Reasons.Add($"rule '{rule.Id}': " + string.Join(" and ", parts ?? []));
                result[^1].Codes.AddRange(ruleCodes.Where(c => !result[^1].Codes.Contains(c)));
            }
            else
            {
                result.Add((rule.Chain, [$"rule '{rule.Id}': " + string.Join(" and ", parts ?? [])], ruleCodes.Distinct().ToList()));
            }
        }

        return result;
    }

    private static bool Contains(PatentRecord record, string word)
    {
        // A word of caseless letters (Han) matches exactly what an ordinal search matches, and that search is vectorised,
        // unlike the case-insensitive one.
        var comparison = IsCaseless(word) ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;
        return (record.Title?.Contains(word, comparison) ?? false)
            || (record.Abstract?.Contains(word, comparison) ?? false);
    }

    /// <summary>True when every character is a letter without case (其他字母: Han, kana …): no other character upper- or
    /// lower-cases to it, so ignoring case cannot change a match.</summary>
    private static bool IsCaseless(string word)
    {
        foreach (var c in word)
        {
            if (char.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.OtherLetter)
            {
                return false;
            }
        }

        return word.Length > 0;
    }

    private static CompiledRule[] Validate(CityTaxonomyDefinition d, SeiIpcTaxonomy sei, List<TaxonomyError> errors)
    {
        var compiled = new List<CompiledRule>();
        if (d.Chains is null || d.Chains.Count == 0)
        {
            errors.Add(new TaxonomyError("chains", "expected at least one chain, e.g. {\"code\": \"高端石化\", \"rules\": [{\"sei\": [\"3.3\"]}]}"));
            return [];
        }

        var codes = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var c = 0; c < d.Chains.Count; c++)
        {
            var chain = d.Chains[c];
            var cp = $"chains[{c}]";
            if (chain is null)
            {
                errors.Add(new TaxonomyError(cp, "expected a chain object, got null"));
                continue;
            }

            var code = chain.Code?.Trim();
            var label = string.IsNullOrEmpty(code) ? cp : $"chain '{code}'";
            if (string.IsNullOrEmpty(code))
            {
                errors.Add(new TaxonomyError(cp + ".code", "chain has no code; expected a short name such as 高端石化"));
            }
            else if (code.IndexOfAny([':', '|', '\u001F']) >= 0)
            {
                errors.Add(new TaxonomyError(cp + ".code", $"{label}: the code may not contain ':' or '|' (they separate filter and facet values)"));
            }
            else if (!codes.Add(code))
            {
                errors.Add(new TaxonomyError(cp + ".code", $"{label}: the code is used by an earlier chain; codes must be unique"));
            }

            if (chain.Rules is null || chain.Rules.Count == 0)
            {
                errors.Add(new TaxonomyError(cp + ".rules", $"{label} has no rules; expected at least one, e.g. {{\"sei\": [\"3.3\"]}} or {{\"ipc\": [\"C10G*\"]}}"));
                continue;
            }

            for (var r = 0; r < chain.Rules.Count; r++)
            {
                var rule = chain.Rules[r];
                var rp = $"{cp}.rules[{r}]";
                if (rule is null)
                {
                    errors.Add(new TaxonomyError(rp, $"{label}: expected a rule object, got null"));
                    continue;
                }

                var id = string.IsNullOrWhiteSpace(rule.Id) ? $"rules[{r}]" : rule.Id.Trim();
                var where = $"{label} rule '{id}'";
                var before = errors.Count;
                if ((rule.Sei?.Count ?? 0) + (rule.Ipc?.Count ?? 0) + (rule.Keywords?.Count ?? 0) == 0)
                {
                    errors.Add(new TaxonomyError(rp, $"{where}: states no condition; give at least one of 'sei' (e.g. [\"3.3\"]), 'ipc' (e.g. [\"C10G*\"]) or 'keywords'"));
                }

                var seiBranches = new List<string>();
                for (var i = 0; i < (rule.Sei?.Count ?? 0); i++)
                {
                    var s = rule.Sei![i]?.Trim() ?? string.Empty;
                    if (sei.FindBranch(s) is { } b)
                    {
                        seiBranches.Add(b.Code);
                    }
                    else if (sei.FindIndustry(s) is { } ind)
                    {
                        seiBranches.AddRange(ind.Branches.Select(x => x.Code));
                    }
                    else
                    {
                        errors.Add(new TaxonomyError($"{rp}.sei[{i}]", $"{where}: field 'sei': '{s}' is not an SEI industry (1–9) or branch (e.g. 3.3) of the 2021 table"));
                    }
                }

                List<IpcPattern> Patterns(IReadOnlyList<string>? list, string field)
                {
                    var result = new List<IpcPattern>();
                    for (var i = 0; i < (list?.Count ?? 0); i++)
                    {
                        var p = IpcPattern.TryParse(list![i]);
                        if (p.Success)
                        {
                            result.Add(p.Value);
                        }
                        else
                        {
                            errors.Add(new TaxonomyError($"{rp}.{field}[{i}]", $"{where}: field '{field}': {p.Error}"));
                        }
                    }

                    return result;
                }

                var ipc = Patterns(rule.Ipc, "ipc");
                var exclude = Patterns(rule.Exclude, "exclude");
                string[] Words(IReadOnlyList<string>? list, string field)
                {
                    for (var i = 0; i < (list?.Count ?? 0); i++)
                    {
                        if (string.IsNullOrWhiteSpace(list![i]))
                        {
                            errors.Add(new TaxonomyError($"{rp}.{field}[{i}]", $"{where}: field '{field}': empty word"));
                        }
                    }

                    return list?.Where(w => !string.IsNullOrWhiteSpace(w)).Select(w => TextNormalizer.Clean(w)).ToArray() ?? [];
                }

                var keywords = Words(rule.Keywords, "keywords");
                var excludeKeywords = Words(rule.ExcludeKeywords, "excludeKeywords");
                if (errors.Count == before)
                {
                    compiled.Add(new CompiledRule(c, id, seiBranches.Distinct(StringComparer.Ordinal).ToArray(), ipc, exclude, keywords, excludeKeywords));
                }
            }
        }

        return compiled.ToArray();
    }

    private sealed record CompiledRule(int Chain, string Id, string[] Sei, IReadOnlyList<IpcPattern> Ipc, IReadOnlyList<IpcPattern> Exclude, string[] Keywords, string[] ExcludeKeywords);
}

/// <summary>A chain of a city taxonomy.</summary>
/// <param name="Code">The code (filter value after <c>city:</c>).</param>
/// <param name="Name">The display name.</param>
/// <param name="Aliases">Other names filters accept.</param>
public sealed record CityChain(string Code, string Name, IReadOnlyList<string> Aliases);
