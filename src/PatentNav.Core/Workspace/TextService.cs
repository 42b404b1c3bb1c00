using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using PatentNav.Internal;
using PatentNav.Records;
using PatentNav.Search;
using PatentNav.Storage;
using PatentNav.Text;

namespace PatentNav.Workspace;

/// <summary>Text features (文本): the workspace's own domain terms (新词发现), its user dictionary and the segmenter as the
/// analytics see it.</summary>
/// <remarks>Thread safety: every member is safe to call concurrently.</remarks>
public sealed class TextService
{
    private readonly WorkspaceCore _core;
    private readonly PatentWorkspaceOptions _options;
    private readonly PatentIndex _index;
    private readonly ILogger _logger;

    internal TextService(WorkspaceCore core)
    {
        _core = core;
        _options = core.Options;
        _index = core.Index;
        _logger = core.Logger;
    }

    private readonly SemaphoreSlim _lexiconGate = new(1, 1);
    internal const int LexiconSeed = 42;
    private TermLexicon? _lexicon;
    private readonly SemaphoreSlim _userWordsGate = new(1, 1);
    private UserWordsFile? _userWords;
    private FeatureTokenizer? _featureTokenizer;

    private string LexiconPath => Path.Combine(_options.DataDirectory, "text", "lexicon.json");

    private string UserWordsPath => Path.Combine(_options.DataDirectory, "text", "user-words.txt");

    /// <summary>
    /// The workspace's user dictionary (用户词典, <c>&lt;data&gt;/text/user-words.txt</c>; see <see cref="UserDictionary"/>):
    /// read again whenever the file changed, so a hand edit counts from the next analysis on. Lines that cannot be used
    /// are skipped and listed in <see cref="UserDictionary.Problems"/>.
    /// </summary>
    public UserDictionary GetUserWords()
    {
        _core.ThrowIfDisposed();
        var file = new FileInfo(UserWordsPath);
        var current = Volatile.Read(ref _userWords);
        if (!file.Exists)
        {
            return UserDictionary.Empty;
        }

        if (current is not null && current.WrittenAt == file.LastWriteTimeUtc && current.Length == file.Length)
        {
            return current.Words;
        }

        var words = UserDictionary.Parse(File.ReadAllText(UserWordsPath));
        if (words.Problems.Count > 0)
        {
            _logger.LogWarning("{Count} lines of {Path} were skipped, the first: line {Line}: {Reason}", words.Problems.Count, UserWordsPath, words.Problems[0].Line, words.Problems[0].Reason);
        }

        Volatile.Write(ref _userWords, new UserWordsFile(file.LastWriteTimeUtc, file.Length, words));
        return words;
    }

    private sealed record UserWordsFile(DateTime WrittenAt, long Length, UserDictionary Words);

    /// <summary>Replaces the user dictionary with <paramref name="words"/> (an empty list removes it) and returns it. The next
    /// analysis uses it: clusters and the classifier are computed again, the search index is not touched.</summary>
    /// <exception cref="InvalidRequestException">A word or frequency is not accepted (see <see cref="UserDictionary.Create"/>);
    /// nothing is changed then.</exception>
    public async Task<UserDictionary> SetUserWordsAsync(IEnumerable<UserWord> words, CancellationToken cancellationToken = default)
    {
        _core.ThrowIfDisposed();
        var dictionary = UserDictionary.Create(words);
        await _userWordsGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (dictionary.Words.Count == 0)
            {
                File.Delete(UserWordsPath);
            }
            else
            {
                await DataFiles.WriteAtomicallyAsync(UserWordsPath, dictionary.ToText(), cancellationToken).ConfigureAwait(false);
            }

            Volatile.Write(ref _userWords, null);
            _logger.LogInformation("User dictionary replaced: {Count} words", dictionary.Words.Count);
            return GetUserWords();
        }
        finally
        {
            _userWordsGate.Release();
        }
    }

    /// <summary>
    /// The domain terms discovered in this workspace's titles and abstracts (<see cref="TermDiscovery"/>), current for the
    /// index as it is now: rebuilt when documents were added, changed or deleted since the last build, else read from
    /// <c>&lt;data&gt;/text/lexicon.json</c>. "Changed" means a new commit (an import, a re-apply) or another document count.
    /// </summary>
    /// <remarks>
    /// <para>While an import is running the last lexicon built is returned as it is (rebuilding on every batch would be
    /// wasted work); <see cref="TermLexicon.Stamp"/> tells which index version it describes. An empty workspace has an
    /// empty lexicon.</para>
    /// <para>The lexicon depends only on the set of texts, not on their order, so the same records give the same terms.
    /// Building reads and segments every record once, at most
    /// <see cref="PatentWorkspaceOptions.MaxLexiconRecords"/> of them (a seeded sample above; <see cref="TermLexicon.Documents"/>
    /// says how many were read).</para>
    /// </remarks>
    /// <param name="progress">Receives the number of records segmented so far while a build runs.</param>
    /// <param name="cancellationToken">Abandons a build (the previous lexicon stays).</param>
    public async Task<TermLexicon> GetTermLexiconAsync(IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        _core.ThrowIfDisposed();
        var stamp = LexiconStamp();
        var current = Volatile.Read(ref _lexicon);
        if (current is not null && (current.Stamp == stamp || _core.PendingImports > 0))
        {
            return current;
        }

        await _lexiconGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            current = _lexicon ?? await ReadLexiconFileAsync(cancellationToken).ConfigureAwait(false);
            stamp = LexiconStamp();
            if (current is not null && (current.Stamp == stamp || _core.PendingImports > 0))
            {
                Volatile.Write(ref _lexicon, current);
                return current;
            }

            var built = await Task.Run(() => BuildLexicon(stamp, progress, cancellationToken), cancellationToken).ConfigureAwait(false);
            await WriteLexiconFileAsync(built, cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _lexicon, built);
            return built;
        }
        finally
        {
            _lexiconGate.Release();
        }
    }

    /// <summary>The feature tokenizer over the workspace's current lexicon (see <see cref="GetTermLexiconAsync"/>) and user
    /// dictionary (<see cref="GetUserWords"/>); the same instance while neither changes.</summary>
    public async Task<FeatureTokenizer> GetFeatureTokenizerAsync(IProgress<int>? progress = null, CancellationToken cancellationToken = default) =>
        TokenizerFor(await GetTermLexiconAsync(progress, cancellationToken).ConfigureAwait(false));

    /// <summary>The feature tokenizer over the lexicon already loaded (the last tokenizer's, or none), without building or
    /// reading a lexicon.</summary>
    internal FeatureTokenizer CurrentFeatureTokenizer() =>
        TokenizerFor(Volatile.Read(ref _lexicon) ?? Volatile.Read(ref _featureTokenizer)?.Lexicon ?? TermLexicon.Empty);

    /// <summary>The cached tokenizer for <paramref name="lexicon"/> and the current user dictionary: a new lexicon reuses the
    /// dictionary built with the user's words; only a change of the words builds it again.</summary>
    private FeatureTokenizer TokenizerFor(TermLexicon lexicon)
    {
        var userWords = GetUserWords();
        var current = Volatile.Read(ref _featureTokenizer);
        var tokenizer = current is not null && current.UserWords.Version == userWords.Version
            ? current.WithLexicon(lexicon)
            : new FeatureTokenizer(lexicon, userWords);
        if (!ReferenceEquals(tokenizer, current))
        {
            Volatile.Write(ref _featureTokenizer, tokenizer);
        }

        return tokenizer;
    }

    /// <summary>
    /// Shows how the engine reads <paramref name="text"/>: the tokens the text analytics count (with discovered terms
    /// joined and the reason for each token left out), the tokens the search index's word fields hold and a query is
    /// analysed into, and the character bigrams of the shadow fields that find words SmartCn does not know.
    /// </summary>
    /// <exception cref="ArgumentException">The text is empty or longer than 10,000 characters.</exception>
    public async Task<TextSegmentation> SegmentAsync(string text, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new ArgumentException("text is empty", nameof(text));
        }

        if (text.Length > TextSegmentation.MaxLength)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"text has {text.Length} characters; at most {TextSegmentation.MaxLength} are segmented at once"), nameof(text));
        }

        var tokenizer = await GetFeatureTokenizerAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        return TextSegmentation.Create(text, tokenizer);
    }

    /// <summary>What the lexicon describes: the last commit (import, time), the document count and the segmenter's dictionary.
    /// Not the reader version, which background merges change without changing any text.</summary>
    private string LexiconStamp()
    {
        IReadOnlyDictionary<string, string> commit = new Dictionary<string, string>(_index.LastCommitData, StringComparer.Ordinal);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"import:{commit.GetValueOrDefault("import")};committedAt:{commit.GetValueOrDefault("committedAt")};documents:{_index.DocumentCount};sample:{_options.MaxLexiconRecords}@{LexiconSeed};segmenter:{Text.Internal.PatentVocabulary.Version}");
    }

    private TermLexicon BuildLexicon(string stamp, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        var started = _options.TimeProvider.GetTimestamp();
        var lexicon = _index.ReadSample(
            new PatentFilter(),
            _options.MaxLexiconRecords,
            LexiconSeed,
            (records, _) => TermDiscovery.Discover(records.Select(AnalysisText.Of), stamp: stamp, progress: progress, cancellationToken: cancellationToken),
            cancellationToken);
        _logger.LogInformation(
            "Discovered {Terms} terms in {Documents} records in {Elapsed}",
            lexicon.Terms.Count,
            lexicon.Documents,
            _options.TimeProvider.GetElapsedTime(started));
        return lexicon;
    }

    private async Task<TermLexicon?> ReadLexiconFileAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(LexiconPath))
        {
            return null;
        }

        try
        {
            return TermLexicon.FromJson(await File.ReadAllTextAsync(LexiconPath, cancellationToken).ConfigureAwait(false));
        }
        catch (JsonException ex)
        {
            // A damaged cache is rebuilt, never trusted.
            _logger.LogWarning(ex, "Ignoring the unreadable term lexicon {Path}; it will be rebuilt", LexiconPath);
            return null;
        }
    }

    private Task WriteLexiconFileAsync(TermLexicon lexicon, CancellationToken cancellationToken) =>
        DataFiles.WriteAtomicallyAsync(LexiconPath, lexicon.ToJson(), cancellationToken);
}
