using System.Globalization;
using System.Text;
using PatentNav.Records;
using PatentNav.Search;
using PatentNav.Text.Internal;

namespace PatentNav.Text;

/// <summary>A word a user adds to the segmenter's dictionary (用户词典), and how strongly the segmenter prefers it.</summary>
/// <param name="Word">Two to <see cref="UserDictionary.MaxWordLength"/> Chinese characters (U+4E00–U+9FA5), e.g. 氧阱胶.</param>
/// <param name="Frequency">Its weight as a count in SmartCn's 2.16-million-word corpus (1–100,000, default 100): 100
/// beats the split into single characters; a few thousand also beat most splits into two common words.</param>
public sealed record UserWord(string Word, int Frequency = UserDictionary.DefaultFrequency);

/// <summary>A line of the user dictionary file that was skipped, and why.</summary>
/// <param name="Line">1-based line number.</param>
/// <param name="Text">The line as written.</param>
/// <param name="Reason">What is wrong with it.</param>
public sealed record UserDictionaryProblem(int Line, string Text, string Reason);

/// <summary>
/// A workspace's own words for the segmenter (用户词典): loaded into the SmartCn dictionary, on top of jieba's vocabulary and
/// the patent vocabulary, for the text analytics (technology clusters, the industry classifier, need matching) and the
/// segmentation the text service shows. Immutable.
/// </summary>
/// <remarks>
/// <para>Stored as <c>&lt;data&gt;/text/user-words.txt</c>, UTF-8: one word a line, optionally followed by white space and
/// its frequency (<c>氧阱胶 200</c>); empty lines and lines starting with <c>#</c> are ignored. The file may be edited by
/// hand (it is read again when it changes; lines that cannot be used are skipped and listed in <see cref="Problems"/>) or
/// replaced through the text service.</para>
/// <para>The search index's word fields are not affected: a document is indexed once, and words added later would make
/// older documents and new queries disagree. Search finds any contiguous Chinese string through the bigram fields
/// anyway.</para>
/// </remarks>
public sealed class UserDictionary
{
    /// <summary>The frequency of a word given without one.</summary>
    public const int DefaultFrequency = 100;

    /// <summary>The largest frequency accepted.</summary>
    public const int MaxFrequency = 100_000;

    /// <summary>The longest word accepted, in characters.</summary>
    public const int MaxWordLength = 20;

    /// <summary>The most words a user dictionary holds.</summary>
    public const int MaxWords = 100_000;

    private UserDictionary(IReadOnlyList<UserWord> words, IReadOnlyList<UserDictionaryProblem> problems)
    {
        Words = words;
        Problems = problems;
        Version = words.Count == 0 ? "none" : Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(ToText())))[..16].ToLowerInvariant();
    }

    /// <summary>No words.</summary>
    public static UserDictionary Empty { get; } = new([], []);

    /// <summary>The words, in the order given.</summary>
    public IReadOnlyList<UserWord> Words { get; }

    /// <summary>Lines of a hand-edited file that were skipped (always empty for a dictionary built by <see cref="Create"/>).</summary>
    public IReadOnlyList<UserDictionaryProblem> Problems { get; }

    /// <summary>A short hash of the words and frequencies ("none" when empty): what analyses cached over the dictionary key on.</summary>
    public string Version { get; }

    /// <summary>A dictionary of <paramref name="words"/>, checked strictly.</summary>
    /// <exception cref="InvalidRequestException">A word is not 2–20 Chinese characters, a frequency is outside 1–100,000, a
    /// word repeats, or there are more than 100,000 words; <see cref="InvalidRequestException.Parameter"/> names the entry
    /// (<c>words[3]</c>).</exception>
    public static UserDictionary Create(IEnumerable<UserWord> words)
    {
        ArgumentNullException.ThrowIfNull(words);
        var list = new List<UserWord>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var entry in words)
        {
            var at = list.Count;
            var parameter = string.Create(CultureInfo.InvariantCulture, $"words[{at}]");
            if (at >= MaxWords)
            {
                throw new InvalidRequestException(string.Create(CultureInfo.InvariantCulture, $"a user dictionary holds at most {MaxWords:N0} words"), "words");
            }

            var word = entry?.Word?.Trim() ?? string.Empty;
            if (Check(word, entry?.Frequency ?? DefaultFrequency) is { } reason)
            {
                throw new InvalidRequestException($"words[{at}] ('{entry?.Word}'): {reason}", parameter);
            }

            if (seen.TryGetValue(word, out var first))
            {
                throw new InvalidRequestException(string.Create(CultureInfo.InvariantCulture, $"words[{at}] ('{word}') repeats words[{first}]"), parameter);
            }

            seen.Add(word, at);
            list.Add(new UserWord(word, entry!.Frequency));
        }

        return new UserDictionary(list, []);
    }

    /// <summary>Reads the file format (see remarks), skipping the lines that cannot be used and saying why.</summary>
    public static UserDictionary Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var words = new List<UserWord>();
        var problems = new List<UserDictionaryProblem>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var lineNumber = 0;
        foreach (var raw in text.Split('\n'))
        {
            lineNumber++;
            var line = raw.TrimEnd('\r').Trim().TrimStart('\uFEFF');
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var parts = line.Split([' ', '\t', '\u3000'], StringSplitOptions.RemoveEmptyEntries);
            var frequency = DefaultFrequency;
            string? reason = null;
            if (parts.Length > 2)
            {
                reason = "expected a word and at most a frequency";
            }
            else if (parts.Length == 2 && !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out frequency))
            {
                reason = $"the frequency '{parts[1]}' is not a whole number";
            }

            reason ??= Check(parts[0], frequency);
            if (reason is null && seen.TryGetValue(parts[0], out var first))
            {
                reason = string.Create(CultureInfo.InvariantCulture, $"repeats line {first}");
            }

            if (reason is null && words.Count >= MaxWords)
            {
                reason = string.Create(CultureInfo.InvariantCulture, $"a user dictionary holds at most {MaxWords:N0} words");
            }

            if (reason is not null)
            {
                problems.Add(new UserDictionaryProblem(lineNumber, raw.TrimEnd('\r'), reason));
                continue;
            }

            seen.Add(parts[0], lineNumber);
            words.Add(new UserWord(parts[0], frequency));
        }

        return new UserDictionary(words, problems);
    }

    /// <summary>The file format: a header comment, then one word and its frequency a line.</summary>
    public string ToText()
    {
        var text = new StringBuilder("# PatentNav user dictionary (用户词典): one word a line, optionally followed by its frequency (1-100000, default 100).\n");
        foreach (var w in Words)
        {
            text.Append(w.Word).Append(' ').Append(w.Frequency.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        return text.ToString();
    }

    private static string? Check(string word, int frequency)
    {
        if (word.Length is < 2 or > MaxWordLength)
        {
            return string.Create(CultureInfo.InvariantCulture, $"a word has 2 to {MaxWordLength} characters, this one {word.Length}");
        }

        if (!SmartCnDictionaries.IsDictionaryWord(word))
        {
            return "only Chinese characters (U+4E00-U+9FA5) can be dictionary words; letters, digits and symbols are segmented by their class";
        }

        return frequency is < 1 or > MaxFrequency
            ? string.Create(CultureInfo.InvariantCulture, $"the frequency is between 1 and {MaxFrequency:N0}, got {frequency}")
            : null;
    }
}
