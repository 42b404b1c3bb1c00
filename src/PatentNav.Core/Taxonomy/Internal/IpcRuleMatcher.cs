using PatentNav.Records;

namespace PatentNav.Taxonomy.Internal;

/// <summary>The include and exclude patterns of one rule.</summary>
internal sealed record IpcRule(IReadOnlyList<IpcPattern> Include, IReadOnlyList<IpcPattern> Exclude);

/// <summary>A code that a rule took (<see cref="Pattern"/> included it) or lost (<see cref="Pattern"/> excluded it).</summary>
internal readonly record struct CodeMatch(IpcCode Code, IpcPattern Pattern);

/// <summary>What one rule found in a record's codes.</summary>
internal sealed class RuleHit(int rule)
{
    public int Rule { get; } = rule;

    /// <summary>Codes the rule took, with the include pattern that took each.</summary>
    public List<CodeMatch> Matched { get; } = [];

    /// <summary>Codes an include pattern took but an exclusion removed (explain mode only).</summary>
    public List<CodeMatch> Excluded { get; } = [];

    /// <summary>Subclass-level codes that matched a subclass pattern while the rule has finer (group-level) patterns in that
    /// subclass which could not be checked (explain mode only).</summary>
    public List<(IpcCode Code, int FinerPatterns)> Coarse { get; } = [];
}

/// <summary>
/// Rules compiled for lookup by a code's subclass, class and section, so that a record is checked against the few patterns
/// of its own subclasses instead of all of them.
/// </summary>
/// <remarks>Exclusions override inclusions per code and within a rule: a code under an include and an exclude pattern of
/// the same rule does not count for it, while the rule may still match through another code. Immutable, thread-safe.</remarks>
internal sealed class IpcRuleMatcher
{
    private readonly Dictionary<string, Entry[]> _bySubclass;
    private readonly Dictionary<string, Entry[]> _byClass;
    private readonly Dictionary<string, Entry[]> _bySection;

    public IpcRuleMatcher(IReadOnlyList<IpcRule> rules)
    {
        Rules = rules;
        var sub = new Dictionary<string, List<Entry>>(StringComparer.Ordinal);
        var cls = new Dictionary<string, List<Entry>>(StringComparer.Ordinal);
        var sec = new Dictionary<string, List<Entry>>(StringComparer.Ordinal);
        for (var r = 0; r < rules.Count; r++)
        {
            foreach (var (patterns, exclude) in new[] { (rules[r].Include, false), (rules[r].Exclude, true) })
            {
                foreach (var p in patterns)
                {
                    var map = p.Prefix.Length switch { 1 => sec, 3 => cls, _ => sub };
                    if (!map.TryGetValue(p.Prefix, out var list))
                    {
                        map[p.Prefix] = list = [];
                    }

                    list.Add(new Entry(r, p, exclude));
                }
            }
        }

        _bySubclass = sub.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray(), StringComparer.Ordinal);
        _byClass = cls.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray(), StringComparer.Ordinal);
        _bySection = sec.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray(), StringComparer.Ordinal);
    }

    public IReadOnlyList<IpcRule> Rules { get; }

    /// <summary>The rules the codes match, in rule order. With <paramref name="explain"/>, also exclusions and coarse codes.</summary>
    public List<RuleHit> Match(IEnumerable<IpcCode> codes, bool explain)
    {
        var hits = new Dictionary<int, RuleHit>();
        var perCode = new Dictionary<int, (IpcPattern? Include, IpcPattern? Exclude)>();
        foreach (var code in codes)
        {
            perCode.Clear();
            Collect(code.Subclass is { } s ? _bySubclass.GetValueOrDefault(s) : null, code, perCode);
            Collect(code.Class is { } c ? _byClass.GetValueOrDefault(c) : null, code, perCode);
            Collect(_bySection.GetValueOrDefault(code.Section), code, perCode);
            foreach (var (rule, (include, exclude)) in perCode)
            {
                if (include is not { } inc)
                {
                    continue;
                }

                if (exclude is { } exc)
                {
                    if (explain)
                    {
                        Hit(hits, rule).Excluded.Add(new CodeMatch(code, exc));
                    }

                    continue;
                }

                var hit = Hit(hits, rule);
                hit.Matched.Add(new CodeMatch(code, inc));
                if (explain && code.MainGroup is null && code.Subclass is { } subclass && _bySubclass.TryGetValue(subclass, out var entries))
                {
                    var finer = entries.Count(e => e.Rule == rule && e.Pattern.IsFinerWithin(code));
                    if (finer > 0)
                    {
                        hit.Coarse.Add((code, finer));
                    }
                }
            }
        }

        var result = hits.Values.Where(h => h.Matched.Count > 0 || h.Excluded.Count > 0).ToList();
        result.Sort((a, b) => a.Rule.CompareTo(b.Rule));
        return result;
    }

    /// <summary>The group-level patterns of <paramref name="rule"/> inside the subclass of <paramref name="code"/> (for reasons).</summary>
    public IEnumerable<IpcPattern> FinerPatterns(int rule, IpcCode code) =>
        code.Subclass is { } s && _bySubclass.TryGetValue(s, out var entries)
            ? entries.Where(e => e.Rule == rule && e.Pattern.IsFinerWithin(code)).Select(e => e.Pattern)
            : [];

    private static RuleHit Hit(Dictionary<int, RuleHit> hits, int rule)
    {
        if (!hits.TryGetValue(rule, out var hit))
        {
            hits[rule] = hit = new RuleHit(rule);
        }

        return hit;
    }

    private static void Collect(Entry[]? entries, IpcCode code, Dictionary<int, (IpcPattern? Include, IpcPattern? Exclude)> perCode)
    {
        if (entries is null)
        {
            return;
        }

        foreach (var e in entries)
        {
            if (!e.Pattern.Matches(code))
            {
                continue;
            }

            var state = perCode.GetValueOrDefault(e.Rule);
            if (e.Exclude)
            {
                state.Exclude ??= e.Pattern;
            }
            else
            {
                state.Include ??= e.Pattern;
            }

            perCode[e.Rule] = state;
        }
    }

    private readonly record struct Entry(int Rule, IpcPattern Pattern, bool Exclude);
}
