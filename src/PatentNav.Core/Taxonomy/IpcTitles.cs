using System.Collections.Frozen;
using System.Globalization;
using System.Text;
using PatentNav.Records;

namespace PatentNav.Taxonomy;

/// <summary>
/// WIPO's English IPC titles (sections, classes, every subclass, and the main groups the bundled list carries), so that an
/// IPC unit shown anywhere carries words and not only a code. See <c>Resources/ipc-titles/SOURCE.md</c>.
/// </summary>
public static class IpcTitles
{
    private const int ShortLength = 60;
    private static readonly int[] LevelLengths = [4, 3, 1]; // subclass C08K, class C08, section C
    private static readonly Lazy<FrozenDictionary<string, string>> Titles = new(Load);

    /// <summary>
    /// The title of an IPC code in any written form (<c>C08K</c>, <c>C08K 3/00</c>, <c>C08K3/04</c>): the main group's
    /// title when the list has it, else the subclass's, class's or section's; <c>null</c> for a code the IPC does not have.
    /// </summary>
    public static string? Title(string? code)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return null;
        }

        var titles = Titles.Value;
        var compact = code.Replace(" ", string.Empty, StringComparison.Ordinal).ToUpperInvariant();
        if (IpcCode.TryParseCanonical(code) is { MainGroup: { } group } parsed
            && titles.TryGetValue(string.Create(CultureInfo.InvariantCulture, $"{parsed.Subclass}{group}/00"), out var groupTitle))
        {
            return groupTitle;
        }

        foreach (var length in LevelLengths)
        {
            if (compact.Length >= length && titles.TryGetValue(compact[..length], out var title))
            {
                return title;
            }
        }

        return null;
    }

    /// <summary>
    /// A short label for tables and charts: the title's first clause (up to the first ';'), at most 60 characters (cut at
    /// a word, with '…'); <c>null</c> when the code has no title.
    /// </summary>
    public static string? ShortTitle(string? code)
    {
        var title = Title(code);
        if (title is null)
        {
            return null;
        }

        var semicolon = title.IndexOf(';', StringComparison.Ordinal);
        var clause = semicolon > 0 ? title[..semicolon] : title;
        if (clause.Length <= ShortLength)
        {
            return clause;
        }

        var cut = clause.LastIndexOf(' ', ShortLength - 1);
        return clause[..(cut > ShortLength / 2 ? cut : ShortLength - 1)].TrimEnd(',', ' ') + "…";
    }

    /// <summary>A code with its short title, <c>C08K 3/00 Use of inorganic substances …</c>, or the code alone.</summary>
    public static string Labelled(string code) => ShortTitle(code) is { } title ? $"{code} {title}" : code;

    private static FrozenDictionary<string, string> Load()
    {
        const string name = "PatentNav.ipc-titles/ipc-titles-en.tsv";
        using var stream = typeof(IpcTitles).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded resource '{name}' is missing from {typeof(IpcTitles).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var titles = new Dictionary<string, string>(StringComparer.Ordinal);
        reader.ReadLine(); // header: code, title
        while (reader.ReadLine() is { } line)
        {
            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            if (tab > 0)
            {
                titles[line[..tab]] = line[(tab + 1)..];
            }
        }

        return titles.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
