using System.Text.Json;
using System.Text.Json.Serialization;

namespace PatentNav.Text;

/// <summary>
/// A domain term found by <see cref="TermDiscovery"/> (新词发现): a run of SmartCn tokens that belongs together, e.g.
/// 碳纤维 from 碳 + 纤维, with the statistics that admitted it.
/// </summary>
/// <param name="Text">The term as written, e.g. <c>碳纤维</c>.</param>
/// <param name="Parts">The SmartCn tokens it joins, in order, e.g. <c>碳</c>, <c>纤维</c>.</param>
/// <param name="Count">Occurrences in the texts it was discovered from.</param>
/// <param name="Documents">Texts it occurs in.</param>
/// <param name="Cohesion">The weakest split's pointwise mutual information (natural log): how much more often the parts
/// occur together than chance predicts.</param>
/// <param name="LeftEntropy">Entropy (nats) of the tokens seen before it: high when it is used in many contexts, as a word is.</param>
/// <param name="RightEntropy">Entropy (nats) of the tokens seen after it.</param>
public sealed record DiscoveredTerm(
    string Text,
    IReadOnlyList<string> Parts,
    int Count,
    int Documents,
    double Cohesion,
    double LeftEntropy,
    double RightEntropy);

/// <summary>
/// The domain terms of a collection of patent texts, used by <see cref="FeatureTokenizer"/> to re-join the pieces SmartCn
/// splits unknown words into. Immutable and thread-safe.
/// </summary>
public sealed class TermLexicon
{
    private const char KeySeparator = '\u0001';
    private readonly Dictionary<string, DiscoveredTerm> _byParts;
    private readonly Dictionary<string, DiscoveredTerm> _byText;

    /// <summary>Creates a lexicon from terms (duplicates by parts: the first wins).</summary>
    /// <param name="terms">The terms; each must have at least two parts.</param>
    /// <param name="documents">How many texts they were discovered from (0 when unknown).</param>
    /// <param name="stamp">An opaque description of the data they came from (e.g. the index version), or null.</param>
    public TermLexicon(IEnumerable<DiscoveredTerm> terms, int documents = 0, string? stamp = null)
    {
        ArgumentNullException.ThrowIfNull(terms);
        _byParts = new Dictionary<string, DiscoveredTerm>(StringComparer.Ordinal);
        _byText = new Dictionary<string, DiscoveredTerm>(StringComparer.Ordinal);
        var list = new List<DiscoveredTerm>();
        foreach (var term in terms)
        {
            if (term.Parts.Count < 2)
            {
                throw new ArgumentException($"term '{term.Text}' must join at least two tokens", nameof(terms));
            }

            if (_byParts.TryAdd(Key(term.Parts), term))
            {
                _byText.TryAdd(term.Text, term);
                list.Add(term);
                MaxParts = Math.Max(MaxParts, term.Parts.Count);
            }
        }

        Terms = list;
        Documents = documents;
        Stamp = stamp;
    }

    /// <summary>A lexicon without terms: SmartCn's segmentation unchanged.</summary>
    public static TermLexicon Empty { get; } = new([]);

    /// <summary>The terms, most frequent first.</summary>
    public IReadOnlyList<DiscoveredTerm> Terms { get; }

    /// <summary>How many texts the terms were discovered from.</summary>
    public int Documents { get; }

    /// <summary>What data the lexicon was built from (opaque; the workspace uses its index version).</summary>
    public string? Stamp { get; }

    /// <summary>The most tokens any term joins.</summary>
    public int MaxParts { get; }

    /// <summary>The term written <paramref name="text"/>, or null.</summary>
    public DiscoveredTerm? Find(string text) => _byText.GetValueOrDefault(text);

    /// <summary>Whether the lexicon knows <paramref name="text"/>.</summary>
    public bool Contains(string text) => _byText.ContainsKey(text);

    /// <summary>The term joining exactly these tokens, or null.</summary>
    internal DiscoveredTerm? FindParts(IReadOnlyList<string> tokens, int start, int count)
    {
        if (count < 2 || count > MaxParts)
        {
            return null;
        }

        var key = Key(Enumerable.Range(start, count).Select(i => tokens[i]).ToList());
        return _byParts.GetValueOrDefault(key);
    }

    /// <summary>Writes the lexicon as JSON (UTF-8, Chinese unescaped).</summary>
    public string ToJson() => JsonSerializer.Serialize(new LexiconFile(Stamp, Documents, Terms), JsonOptions);

    /// <summary>Reads a lexicon written by <see cref="ToJson"/>.</summary>
    /// <exception cref="JsonException">The text is not such a document.</exception>
    public static TermLexicon FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var file = JsonSerializer.Deserialize<LexiconFile>(json, JsonOptions) ?? throw new JsonException("empty lexicon document");
        return new TermLexicon(file.Terms ?? [], file.Documents, file.Stamp);
    }

    /// <summary>Parts joined, Latin letters in lower case (the search analyzer lower-cases them; the complete segmentation
    /// keeps them as written).</summary>
    private static string Key(IReadOnlyList<string> parts) => string.Join(KeySeparator, parts).ToLowerInvariant();

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private sealed record LexiconFile(string? Stamp, int Documents, IReadOnlyList<DiscoveredTerm>? Terms);
}
