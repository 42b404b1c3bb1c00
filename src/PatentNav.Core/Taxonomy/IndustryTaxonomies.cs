using System.Security.Cryptography;
using System.Text;
using PatentNav.Records;
using PatentNav.Search;

namespace PatentNav.Taxonomy;

/// <summary>
/// The taxonomies a workspace indexes with: the CNIPA SEI–IPC concordance and the city's chains. Industries are derived
/// from a record's IPC codes and text, never stored in the record: changing the city taxonomy and re-applying it
/// re-indexes the stored records (<see cref="Workspace.SettingsService.ReapplyTaxonomyAsync"/>).
/// </summary>
/// <remarks>Thread safety: immutable; safe for concurrent use.</remarks>
public sealed class IndustryTaxonomies
{
    private static readonly Lazy<IndustryTaxonomies> LazyDefault = new(() => new IndustryTaxonomies(SeiIpcTaxonomy.Default, CityTaxonomy.Default));

    /// <summary>Creates the set.</summary>
    public IndustryTaxonomies(SeiIpcTaxonomy sei, CityTaxonomy city)
    {
        ArgumentNullException.ThrowIfNull(sei);
        ArgumentNullException.ThrowIfNull(city);
        Sei = sei;
        City = city;
        Fingerprint = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("sei-ipc-2021\n" + city.ToJson())))[..16];
    }

    /// <summary>The embedded SEI table and the embedded default city taxonomy (连云港).</summary>
    public static IndustryTaxonomies Default => LazyDefault.Value;

    /// <summary>The CNIPA SEI–IPC 2021 concordance.</summary>
    public SeiIpcTaxonomy Sei { get; }

    /// <summary>The city's chains.</summary>
    public CityTaxonomy City { get; }

    /// <summary>Both taxonomies, SEI first.</summary>
    public IReadOnlyList<IIndustryTaxonomy> All => [Sei, City];

    /// <summary>A short hash of the taxonomies' content: it changes when the city taxonomy changes (stored with index commits).</summary>
    public string Fingerprint { get; }

    /// <summary>The taxonomy with an id (<c>sei</c>, <c>city</c>), or <c>null</c>.</summary>
    public IIndustryTaxonomy? Find(string id) => All.FirstOrDefault(t => string.Equals(t.Id, id, StringComparison.OrdinalIgnoreCase));

    /// <summary>Every assignment of a record with its reason: SEI branches, then city chains.</summary>
    public IReadOnlyList<IndustryAssignment> Assign(PatentRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var codes = SeiIpcTaxonomy.RecordCodes(record).ToList();
        var branches = Sei.MatchBranches(codes);
        return [.. Sei.Assign(record), .. City.Assign(record, codes, branches)];
    }

    /// <summary>The index tokens and facet values of a record (no reasons: the indexing path, kept cheap).</summary>
    internal IndustryIndexValues IndexValues(PatentRecord record)
    {
        var codes = SeiIpcTaxonomy.RecordCodes(record).ToList();
        var branches = Sei.MatchBranches(codes);
        var tokens = new List<string>();
        var industries = new List<string>();
        var branchFacets = new List<string>();
        var chainFacets = new List<string>();
        foreach (var code in branches.Keys)
        {
            var branch = Sei.FindBranch(code)!;
            var industryToken = "sei:" + branch.IndustryCode;
            if (!tokens.Contains(industryToken))
            {
                tokens.Add(industryToken);
                industries.Add(industryToken + "|" + Sei.FindIndustry(branch.IndustryCode)!.Name);
            }

            tokens.Add("sei:" + code);
            branchFacets.Add("sei:" + code + "|" + branch.Name);
        }

        foreach (var chain in City.MatchChains(record, codes, branches))
        {
            var c = City.Chains[chain];
            tokens.Add("city:" + c.Code);
            chainFacets.Add("city:" + c.Code + "|" + c.Name);
        }

        return new IndustryIndexValues(tokens, industries, branchFacets, chainFacets);
    }

    /// <summary>
    /// The index tokens a filter value stands for: <c>sei:3</c>, <c>sei:3.3</c>, <c>city:高端石化</c>, a bare SEI code
    /// (<c>3.3</c>), or a name (新材料产业, 先进石化化工新材料, 高端石化, an alias such as 生物医药).
    /// </summary>
    /// <exception cref="InvalidRequestException">The value names no industry, branch or chain.</exception>
    public IReadOnlyList<string> ResolveFilter(string value, string parameter = "industry")
    {
        var text = TextNormalizer.Clean(value);
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0)
        {
            var prefix = text[..colon].ToLowerInvariant();
            var rest = text[(colon + 1)..].Trim();
            var resolved = prefix switch
            {
                SeiIpcTaxonomy.TaxonomyId => Sei.FindBranch(rest) is not null || Sei.FindIndustry(rest) is not null ? ["sei:" + rest] : SeiByName(rest),
                CityTaxonomy.TaxonomyId => CityByName(rest),
                _ => throw new InvalidRequestException($"unknown taxonomy '{text[..colon]}' in '{value}'; use sei: or city:", parameter: parameter),
            };
            return resolved.Count > 0 ? resolved : throw Unknown(value, parameter);
        }

        var result = new List<string>();
        if (Sei.FindBranch(text) is not null || Sei.FindIndustry(text) is not null)
        {
            result.Add("sei:" + text);
        }

        result.AddRange(SeiByName(text));
        result.AddRange(CityByName(text));
        return result.Count > 0 ? result.Distinct(StringComparer.Ordinal).ToList() : throw Unknown(value, parameter);
    }

    private List<string> SeiByName(string name) =>
    [
        .. Sei.Industries.Where(i => string.Equals(i.Name, name, StringComparison.OrdinalIgnoreCase)).Select(i => "sei:" + i.Code),
        .. Sei.Branches.Where(b => string.Equals(b.Name, name, StringComparison.OrdinalIgnoreCase)).Select(b => "sei:" + b.Code),
    ];

    private List<string> CityByName(string name) =>
        City.Chains.Where(c => string.Equals(c.Code, name, StringComparison.OrdinalIgnoreCase)
                || string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase)
                || c.Aliases.Contains(name, StringComparer.OrdinalIgnoreCase))
            .Select(c => "city:" + c.Code)
            .ToList();

    private InvalidRequestException Unknown(string value, string parameter) =>
        new($"unknown industry '{value}'; use sei:<industry or branch> (sei:3, sei:3.3), city:<chain> ({string.Join(", ", City.Chains.Select(c => "city:" + c.Code))}) or one of their names", parameter: parameter);
}

/// <summary>What the index stores about a record's industries.</summary>
/// <param name="Tokens">Filter tokens: <c>sei:3</c>, <c>sei:3.3</c>, <c>city:高端石化</c>.</param>
/// <param name="Industries">Facet values <c>sei:3|新材料产业</c>.</param>
/// <param name="Branches">Facet values <c>sei:3.3|先进石化化工新材料</c>.</param>
/// <param name="Chains">Facet values <c>city:高端石化|高端石化</c>.</param>
internal sealed record IndustryIndexValues(IReadOnlyList<string> Tokens, IReadOnlyList<string> Industries, IReadOnlyList<string> Branches, IReadOnlyList<string> Chains)
{
    public static readonly IndustryIndexValues Empty = new([], [], [], []);
}
