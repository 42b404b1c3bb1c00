using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using PatentNav.Internal;
using PatentNav.Records;
using PatentNav.Storage;
using PatentNav.Taxonomy;
using PatentNav.Text;

namespace PatentNav.Workspace;

/// <summary>The industry text classifier (产业分类模型): trained on this workspace's IPC-labelled records, cached per index
/// version and taxonomy in <c>&lt;data&gt;/classifier/model.json</c>.</summary>
/// <remarks>Thread safety: every member is safe to call concurrently; one training runs at a time.</remarks>
public sealed class ClassifierService
{
    private readonly WorkspaceCore _core;
    private readonly PatentWorkspaceOptions _options;
    private readonly PatentIndex _index;
    private readonly ILogger _logger;
    private readonly TextService _text;
    private readonly SearchService _search;

    internal ClassifierService(WorkspaceCore core, TextService text, SearchService search)
    {
        _core = core;
        _options = core.Options;
        _index = core.Index;
        _logger = core.Logger;
        _text = text;
        _search = search;
    }

    private IndustryTaxonomies Taxonomies => _core.Taxonomies;

    private readonly SemaphoreSlim _classifierGate = new(1, 1);
    private IndustryClassifier? _classifier;
    private int _classifierTrainings;

    private string ClassifierPath => Path.Combine(_options.DataDirectory, "classifier", "model.json");

    private IndustryClassifierOptions ClassifierOptions => _options.Classifier ?? DefaultClassifierOptions;

    private static readonly IndustryClassifierOptions DefaultClassifierOptions = new();

    /// <summary>
    /// The industry classifier, current for the index and taxonomies as they are now: trained when records were added,
    /// changed or deleted, or the city taxonomy changed, since the last training; else read from
    /// <c>&lt;data&gt;/classifier/model.json</c>.
    /// </summary>
    /// <remarks>
    /// <para>Training reads every record with IPC codes (the labelled records; labels are
    /// <see cref="IndustryClassifier.LabelsOf"/>), holds out a fixed share of them by a hash of the publication number
    /// (<see cref="IndustryClassifierOptions.HoldOutFraction"/>, 20 %), trains on the rest and measures accuracy and F1 on
    /// the held-out part (<see cref="IndustryClassifier.Quality"/>), then fits the served model on all labelled records with
    /// the same settings. Features use the workspace's discovered terms (<see cref="TextService.GetTermLexiconAsync"/>), which come
    /// from all records' text (no labels).</para>
    /// <para>While an import is running an existing model is returned as it is (like the lexicon). The same records and
    /// taxonomies give the same model and the same probabilities.</para>
    /// </remarks>
    /// <param name="progress">Receives the stage and its progress while a training runs.</param>
    /// <param name="cancellationToken">Abandons a training (the previous model stays).</param>
    /// <exception cref="InsufficientTrainingDataException">Too few records with IPC codes, or no industry with enough of them.</exception>
    public async Task<IndustryClassifier> TrainClassifierAsync(IProgress<AnalysisProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        _core.ThrowIfDisposed();
        var current = Volatile.Read(ref _classifier);
        if (current is not null && (current.Stamp == ClassifierStamp() || _core.PendingImports > 0))
        {
            return current;
        }

        await _classifierGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        Interlocked.Increment(ref _classifierTrainings);
        try
        {
            current = _classifier ?? await ReadClassifierFileAsync(cancellationToken).ConfigureAwait(false);
            if (current is not null && (current.Stamp == ClassifierStamp() || _core.PendingImports > 0))
            {
                Volatile.Write(ref _classifier, current);
                return current;
            }

            var lexicon = await _text.GetTermLexiconAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            var stamp = ClassifierStamp();
            var built = await Task.Run(() => BuildClassifier(lexicon, stamp, progress, cancellationToken), cancellationToken).ConfigureAwait(false);
            await WriteClassifierFileAsync(built, cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _classifier, built);
            return built;
        }
        finally
        {
            Interlocked.Decrement(ref _classifierTrainings);
            _classifierGate.Release();
        }
    }

    /// <summary>Whether a classifier exists and is current, without training one.</summary>
    public async Task<ClassifierStatus> GetClassifierStatusAsync(CancellationToken cancellationToken = default)
    {
        _core.ThrowIfDisposed();
        var model = Volatile.Read(ref _classifier);
        if (model is null && Volatile.Read(ref _classifierTrainings) == 0)
        {
            model = await ReadClassifierFileAsync(cancellationToken).ConfigureAwait(false);
            if (model is not null)
            {
                Interlocked.CompareExchange(ref _classifier, model, null);
                model = Volatile.Read(ref _classifier);
            }
        }

        return new ClassifierStatus(
            model is not null,
            model is not null && model.Stamp == ClassifierStamp(),
            Volatile.Read(ref _classifierTrainings) > 0,
            model?.Summary());
    }

    /// <summary>The classifier as it is now (current or not), or null when none has been trained; never trains.</summary>
    public async Task<IndustryClassifier?> GetClassifierAsync(CancellationToken cancellationToken = default)
    {
        await GetClassifierStatusAsync(cancellationToken).ConfigureAwait(false);
        return Volatile.Read(ref _classifier);
    }

    /// <summary>
    /// Classifies a text without IPC codes (a typed technology need, a title and abstract) into the SEI first-level
    /// industries and the city chains, with probabilities and the features that moved each (文本产业分类); trains the
    /// classifier first when it is missing or stale (<see cref="TrainClassifierAsync"/>).
    /// </summary>
    /// <param name="text">The text, 1 to 10,000 characters.</param>
    /// <param name="top">Industries per taxonomy, 1 to 50.</param>
    /// <param name="cancellationToken">Cancels a training this call started waiting for.</param>
    /// <exception cref="ArgumentException">The text is empty or longer than 10,000 characters, or top is out of range.</exception>
    /// <exception cref="InsufficientTrainingDataException">No model can be trained from this workspace.</exception>
    public async Task<IndustryPrediction> ClassifyAsync(string text, int top = 3, CancellationToken cancellationToken = default)
    {
        ValidateClassifyArguments(text, top);
        var model = await TrainClassifierAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        return model.Predict(text, top);
    }

    private static void ValidateClassifyArguments(string text, int top)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new ArgumentException("text is empty", nameof(text));
        }

        if (text.Length > Text.TextSegmentation.MaxLength)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"text has {text.Length} characters; at most {Text.TextSegmentation.MaxLength} are classified at once"), nameof(text));
        }

        if (top is < 1 or > 50)
        {
            throw new ArgumentOutOfRangeException(nameof(top), top, string.Create(CultureInfo.InvariantCulture, $"top must be between 1 and 50, got {top}"));
        }
    }

    /// <summary>
    /// The industries the classifier predicts for a stored patent from its title and abstract, or null when the number is
    /// unknown. Meant for records imported without IPC codes; nothing is written to the index (their indexed industries
    /// stay those of their IPC codes, i.e. none).
    /// </summary>
    public async Task<(PatentRecord Record, IndustryPrediction Prediction)?> PredictIndustriesAsync(string publicationNumber, int top = 3, CancellationToken cancellationToken = default)
    {
        var record = await _search.GetAsync(publicationNumber, cancellationToken).ConfigureAwait(false);
        if (record is null)
        {
            return null;
        }

        var text = AnalysisText.Of(record);
        var model = await TrainClassifierAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        return (record, model.Predict(text, top));
    }

    /// <summary>Whether a record is held out of training to measure quality: a stable hash of its publication number.</summary>
    internal static bool IsHeldOut(PublicationNumber number, double fraction) => Bucket(number.Value) < fraction * 10_000;

    /// <summary>Whether a record is in the training sample of a large workspace (a hash independent of the held-out one).</summary>
    internal static bool IsSampled(PublicationNumber number, double fraction) => fraction >= 1 || Bucket("sample:" + number.Value) < fraction * 10_000;

    /// <summary>FNV-1a over UTF-8, modulo 10,000: stable across processes and runtimes (string.GetHashCode is randomised
    /// per process).</summary>
    private static uint Bucket(string key)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(key))
        {
            hash = (hash ^ b) * 16777619u;
        }

        return hash % 10_000;
    }

    /// <summary>What the model must have been trained from to be current: the last commit (every import and re-apply ends
    /// with one, naming itself and its time), the document count, the taxonomies and the settings.</summary>
    /// <remarks>Not the reader's version: background segment merges change it without changing a single record, which
    /// would retrain a model for nothing (and did, in a test under load).</remarks>
    private string ClassifierStamp()
    {
        var commit = _index.LastCommitData;
        string Get(string key) => commit.TryGetValue(key, out var v) ? v : "-";
        return string.Create(
            CultureInfo.InvariantCulture,
            $"commit:{Get("import")}@{Get("committedAt")};documents:{_index.DocumentCount};taxonomy:{Taxonomies.Fingerprint};{ClassifierOptions.Fingerprint};userWords:{_text.GetUserWords().Version}");
    }

    private IndustryClassifier BuildClassifier(Text.TermLexicon lexicon, string stamp, IProgress<AnalysisProgress>? progress, CancellationToken cancellationToken)
    {
        var started = _options.TimeProvider.GetTimestamp();
        var options = ClassifierOptions;
        var taxonomies = Taxonomies;
        var userWords = _text.GetUserWords();
        var train = new List<ClassifierExample>();
        var heldOut = new List<ClassifierExample>();
        var read = 0;
        var documents = _index.DocumentCount;
        var sample = Math.Min(1.0, options.MaxTrainingRecords / (double)Math.Max(1, documents));
        foreach (var record in _index.ReadAll(cancellationToken))
        {
            if (++read % 5000 == 0)
            {
                progress?.Report(new AnalysisProgress("reading", read, documents));
            }

            if ((record.Ipc.Count == 0 && record.MainIpc is null) || !IsSampled(record.PublicationNumber, sample))
            {
                continue;
            }

            var example = new ClassifierExample(AnalysisText.Of(record), IndustryClassifier.LabelsOf(record, taxonomies));
            (IsHeldOut(record.PublicationNumber, options.HoldOutFraction) ? heldOut : train).Add(example);
        }

        var all = train.Concat(heldOut).ToList();
        if (all.Count < options.MinLabelledRecords)
        {
            throw new InsufficientTrainingDataException(
                string.Create(CultureInfo.InvariantCulture, $"the workspace has {all.Count} records with IPC codes (of {read} records); the industry classifier needs at least {options.MinLabelledRecords} to learn from. Import records with IPC codes first."),
                all.Count,
                options.MinLabelledRecords,
                options.MinPositives);
        }

        ClassifierQuality? quality = null;
        try
        {
            var evaluation = IndustryClassifier.Train(train, taxonomies, lexicon, options with { MinLabelledRecords = 1 }, Stage(progress, "evaluating: "), userWords: userWords, cancellationToken: cancellationToken);
            quality = evaluation.Evaluate(heldOut, string.Create(
                CultureInfo.InvariantCulture,
                $"{(sample < 1 ? string.Create(CultureInfo.InvariantCulture, $"a {sample:P1} sample of the {documents} records (MaxTrainingRecords {options.MaxTrainingRecords}); ") : string.Empty)}{heldOut.Count} of {all.Count} labelled records held out by an FNV-1a hash of the publication number (≈{options.HoldOutFraction:P0}); the model measured was trained on the other {train.Count}; the served model is then fitted on all {all.Count} with the same settings"));
        }
        catch (InsufficientTrainingDataException ex)
        {
            _logger.LogInformation("Classifier quality not measured: {Reason}", ex.Message);
        }

        var model = IndustryClassifier.Train(all, taxonomies, lexicon, options, Stage(progress, string.Empty), stamp, _options.TimeProvider.GetUtcNow(), userWords, cancellationToken);
        if (quality is not null)
        {
            model = model.WithQuality(quality);
        }

        _logger.LogInformation(
            "Trained the industry classifier on {Records} labelled records ({Features} features) in {Elapsed}",
            all.Count,
            model.Vocabulary.Count,
            _options.TimeProvider.GetElapsedTime(started));
        return model;
    }

    private static IProgress<AnalysisProgress>? Stage(IProgress<AnalysisProgress>? progress, string prefix) =>
        progress is null ? null : new StageProgress(progress, prefix);

    private async Task<IndustryClassifier?> ReadClassifierFileAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(ClassifierPath))
        {
            return null;
        }

        try
        {
            return IndustryClassifier.FromJson(await File.ReadAllTextAsync(ClassifierPath, cancellationToken).ConfigureAwait(false));
        }
        catch (JsonException ex)
        {
            // A damaged or outdated cache is retrained, never trusted.
            _logger.LogWarning(ex, "Ignoring the unreadable classifier model {Path}; it will be retrained", ClassifierPath);
            return null;
        }
    }

    private Task WriteClassifierFileAsync(IndustryClassifier model, CancellationToken cancellationToken) =>
        DataFiles.WriteAtomicallyAsync(ClassifierPath, model.ToJson(), cancellationToken);

    private sealed class StageProgress(IProgress<AnalysisProgress> inner, string prefix) : IProgress<AnalysisProgress>
    {
        public void Report(AnalysisProgress value) => inner.Report(value with { Stage = prefix + value.Stage });
    }
}
