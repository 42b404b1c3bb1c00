using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using PatentNav.Records;
using PatentNav.Text;
using PatentNav.Text.Internal;

namespace PatentNav.Taxonomy;

/// <summary>
/// The industry text classifier (产业分类模型): for a text without IPC codes (a record from an export without them, a typed
/// technology need) the probability of each first-level SEI industry (战略性新兴产业) and each city chain (重点产业链),
/// learnt from the IPC-labelled records of a workspace. Immutable and thread-safe.
/// </summary>
/// <remarks>
/// <para>Labels are the industries <see cref="IndustryTaxonomies"/> derives from a record's IPC codes (<see cref="LabelsOf"/>).
/// A record can be in several industries or none, so each industry has its own binary model (one-vs-rest): a probability
/// means "would the taxonomies put this patent in the industry", probabilities need not add up to 1, and all low means
/// none.</para>
/// <para>Features are <see cref="FeatureTokenizer"/> words weighted by sublinear TF-IDF; the model keeps the lexicon it was
/// trained with, so a text is always read as its training texts were. Training (ML.NET L-BFGS, single-threaded) is
/// deterministic; prediction evaluates the weights on the sparse features, which also gives each feature's contribution.
/// Method: docs/taxonomy.md.</para>
/// </remarks>
public sealed class IndustryClassifier
{
    private const int MaxContributions = 8;
    private readonly Dictionary<string, int> _index;
    private readonly float[] _idf;
    private readonly ClassModel?[] _models;
    private readonly FeatureTokenizer _tokenizer;
    private readonly IReadOnlyList<(string Id, string Name)> _taxonomies;

    private IndustryClassifier(
        IReadOnlyList<string> vocabulary,
        float[] idf,
        IReadOnlyList<IndustryClass> classes,
        ClassModel?[] models,
        FeatureTokenizer tokenizer,
        IReadOnlyList<(string Id, string Name)> taxonomies,
        IndustryClassifierOptions options,
        int trainingRecords,
        DateTimeOffset trainedAt,
        string? stamp,
        ClassifierQuality? quality)
    {
        Vocabulary = vocabulary;
        _index = new Dictionary<string, int>(vocabulary.Count, StringComparer.Ordinal);
        for (var i = 0; i < vocabulary.Count; i++)
        {
            _index[vocabulary[i]] = i;
        }

        _idf = idf;
        Classes = classes;
        _models = models;
        Lexicon = tokenizer.Lexicon;
        _tokenizer = tokenizer;
        _taxonomies = taxonomies;
        Options = options;
        TrainingRecords = trainingRecords;
        TrainedAt = trainedAt;
        Stamp = stamp;
        Quality = quality;
    }

    /// <summary>The features (words) the model knows, in ordinal order.</summary>
    public IReadOnlyList<string> Vocabulary { get; }

    /// <summary>Every industry of both taxonomies, SEI first, with its positives and whether it has a model.</summary>
    public IReadOnlyList<IndustryClass> Classes { get; }

    /// <summary>The discovered domain terms the model's tokenizer joins (those of its training data).</summary>
    public TermLexicon Lexicon { get; }

    /// <summary>The settings it was trained with.</summary>
    public IndustryClassifierOptions Options { get; }

    /// <summary>Records it was fitted on.</summary>
    public int TrainingRecords { get; }

    /// <summary>When it was trained.</summary>
    public DateTimeOffset TrainedAt { get; }

    /// <summary>What data it was trained from (opaque; the workspace uses its index version and taxonomy fingerprint).</summary>
    public string? Stamp { get; }

    /// <summary>Quality measured on held-out records (<see cref="Evaluate"/>), when known.</summary>
    public ClassifierQuality? Quality { get; }

    /// <summary>How labels, features and models are made (shown with every prediction).</summary>
    public static string Method =>
        "Labels: the industries the SEI–IPC 2021 table and the city taxonomy assign to a record from its IPC codes (first-level SEI industries; city chains). " +
        "Features: SmartCn words with the patent stop list and the workspace's discovered domain terms re-joined (碳纤维, 石墨烯), single characters and numbers dropped; sublinear TF × IDF, L2-normalised. " +
        "Model: one ML.NET L-BFGS logistic regression per industry (one-vs-rest), so each probability is that industry's own and they need not add up to 1.";

    /// <summary>The industry keys (<c>sei:3</c>, <c>city:新材料</c>) the taxonomies give <paramref name="record"/>: the training
    /// label. First-level SEI industries only (branches are too sparse to learn from most workspaces).</summary>
    public static IReadOnlyList<string> LabelsOf(PatentRecord record, IndustryTaxonomies taxonomies)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(taxonomies);
        return taxonomies.IndexValues(record).Tokens
            .Where(t => t.StartsWith("city:", StringComparison.Ordinal) || (t.StartsWith("sei:", StringComparison.Ordinal) && !t.Contains('.', StringComparison.Ordinal)))
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Trains a model on labelled texts.</summary>
    /// <param name="examples">Texts with their industry keys (<see cref="LabelsOf"/>); records in no industry are negatives.</param>
    /// <param name="taxonomies">The taxonomies whose industries are the classes.</param>
    /// <param name="lexicon">The discovered terms the tokenizer joins (<see cref="TermLexicon.Empty"/> for SmartCn's words alone).</param>
    /// <param name="options">Settings; defaults when null.</param>
    /// <param name="progress">Receives <c>segmenting</c> and <c>training</c> progress.</param>
    /// <param name="stamp">Stored as <see cref="Stamp"/>.</param>
    /// <param name="trainedAt">Stored as <see cref="TrainedAt"/> (the workspace passes its clock's time).</param>
    /// <param name="userWords">The user's words the tokenizer knows (stored with the model); none when null.</param>
    /// <param name="cancellationToken">Stops between industries.</param>
    /// <exception cref="InsufficientTrainingDataException">Fewer examples than <see cref="IndustryClassifierOptions.MinLabelledRecords"/>,
    /// or no industry with <see cref="IndustryClassifierOptions.MinPositives"/> positives and negatives.</exception>
    public static IndustryClassifier Train(
        IReadOnlyList<ClassifierExample> examples,
        IndustryTaxonomies taxonomies,
        TermLexicon lexicon,
        IndustryClassifierOptions? options = null,
        IProgress<AnalysisProgress>? progress = null,
        string? stamp = null,
        DateTimeOffset? trainedAt = null,
        UserDictionary? userWords = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(examples);
        ArgumentNullException.ThrowIfNull(taxonomies);
        ArgumentNullException.ThrowIfNull(lexicon);
        options ??= new IndustryClassifierOptions();
        options.Validate();
        if (examples.Count < options.MinLabelledRecords)
        {
            throw new InsufficientTrainingDataException(
                FormattableString.Invariant($"{examples.Count} labelled records (records with IPC codes) are available; the industry classifier needs at least {options.MinLabelledRecords}. Import records with IPC codes first."),
                examples.Count,
                options.MinLabelledRecords,
                options.MinPositives);
        }

        var tokenizer = new FeatureTokenizer(lexicon, userWords ?? UserDictionary.Empty);
        var tokens = Tokenize(tokenizer, examples.Select(e => e.Text).ToList(), progress, "segmenting", cancellationToken);

        // Vocabulary: document frequency ≥ min, at most MaxFeatures by frequency, then ordinal order (deterministic).
        var df = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var doc in tokens)
        {
            foreach (var w in doc.Distinct(StringComparer.Ordinal))
            {
                CollectionsMarshal.GetValueRefOrAddDefault(df, w, out _)++;
            }
        }

        var vocabulary = df.Where(kv => kv.Value >= options.MinDocumentFrequency)
            .OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal)
            .Take(options.MaxFeatures)
            .Select(kv => kv.Key)
            .Order(StringComparer.Ordinal)
            .ToList();
        var idf = vocabulary.Select(w => (float)TfIdf.Idf(examples.Count, df[w])).ToArray();

        var classes = ClassesOf(taxonomies);
        var positives = classes.Select(c => examples.Count(e => e.Labels.Contains(c.Key))).ToArray();
        var trainable = new bool[classes.Count];
        var described = new List<IndustryClass>(classes.Count);
        for (var c = 0; c < classes.Count; c++)
        {
            var negatives = examples.Count - positives[c];
            string? reason = null;
            if (positives[c] < options.MinPositives)
            {
                reason = FormattableString.Invariant($"only {positives[c]} labelled records belong to it; at least {options.MinPositives} are needed");
            }
            else if (negatives < options.MinPositives)
            {
                reason = FormattableString.Invariant($"only {negatives} labelled records do not belong to it; at least {options.MinPositives} are needed");
            }

            trainable[c] = reason is null;
            described.Add(new IndustryClass(classes[c].Key, classes[c].TaxonomyId, classes[c].Code, classes[c].Name, positives[c], trainable[c], reason));
        }

        if (!trainable.Any(t => t))
        {
            throw new InsufficientTrainingDataException(
                FormattableString.Invariant($"no industry has at least {options.MinPositives} of the {examples.Count} labelled records (the most any has is {positives.DefaultIfEmpty(0).Max()}); the classifier cannot be trained. Import more records with IPC codes in the SEI industries or city chains."),
                examples.Count,
                options.MinLabelledRecords,
                options.MinPositives);
        }

        var classifier = new IndustryClassifier(vocabulary, idf, described, new ClassModel?[classes.Count], tokenizer, taxonomies.All.Select(t => (t.Id, t.Name)).ToList(), options, examples.Count, trainedAt ?? DateTimeOffset.UnixEpoch, stamp, null);
        var vectors = tokens.Select(classifier.Vectorize).ToArray();

        var done = 0;
        var toTrain = Enumerable.Range(0, classes.Count).Where(c => trainable[c]).ToArray();
        progress?.Report(new AnalysisProgress("training", 0, toTrain.Length));
        Parallel.ForEach(
            toTrain,
            new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken },
            c =>
            {
                classifier._models[c] = Fit(vectors, examples, classes[c].Key, vocabulary.Count, options);
                progress?.Report(new AnalysisProgress("training", Interlocked.Increment(ref done), toTrain.Length));
            });
        return classifier;
    }

    /// <summary>The probability of every trained industry for <paramref name="text"/>, by key.</summary>
    public IReadOnlyDictionary<string, double> Probabilities(string? text)
    {
        var x = Vectorize(_tokenizer.Tokenize(text));
        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var c = 0; c < Classes.Count; c++)
        {
            if (_models[c] is { } m)
            {
                result[Classes[c].Key] = Sigmoid(m.Score(x));
            }
        }

        return result;
    }

    /// <summary>Classifies a text: per taxonomy the <paramref name="top"/> most probable industries with the features that
    /// moved each most.</summary>
    /// <param name="text">Any text; title and abstract of a patent or a typed technology need.</param>
    /// <param name="top">Industries per taxonomy (at least 1; more than there are gives all).</param>
    public IndustryPrediction Predict(string? text, int top = 3)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        var tokens = _tokenizer.Tokenize(text);
        var x = Vectorize(tokens);
        var known = new List<string>();
        var unknown = new List<string>();
        foreach (var t in tokens.Distinct(StringComparer.Ordinal))
        {
            (_index.ContainsKey(t) ? known : unknown).Add(t);
        }

        var taxonomies = new List<TaxonomyPrediction>();
        foreach (var (id, name) in _taxonomies)
        {
            var scores = new List<IndustryScore>();
            for (var c = 0; c < Classes.Count; c++)
            {
                if (Classes[c].TaxonomyId != id || _models[c] is not { } m)
                {
                    continue;
                }

                var p = Sigmoid(m.Score(x));
                var contributions = new List<FeatureContribution>();
                for (var k = 0; k < x.Indices.Length; k++)
                {
                    var w = m.Weights[x.Indices[k]];
                    var v = x.Values[k];
                    if (w != 0)
                    {
                        contributions.Add(new FeatureContribution(Vocabulary[x.Indices[k]], Math.Round(v, 4), Math.Round(w, 4), Math.Round(v * (double)w, 4)));
                    }
                }

                var best = contributions.OrderByDescending(f => Math.Abs(f.Contribution)).ThenBy(f => f.Feature, StringComparer.Ordinal).Take(MaxContributions).ToList();
                scores.Add(new IndustryScore(Classes[c].Key, Classes[c].Code, Classes[c].Name, Math.Round(p, 4), p >= Options.Threshold, best));
            }

            var ordered = scores.OrderByDescending(s => s.Probability).ThenBy(s => s.Key, StringComparer.Ordinal).Take(top).ToList();
            taxonomies.Add(new TaxonomyPrediction(id, name, ordered, Classes.Where(c => c.TaxonomyId == id && !c.Trained).ToList()));
        }

        return new IndustryPrediction(known, unknown, taxonomies, Summary());
    }

    /// <summary>The keys of the industries predicted for <paramref name="text"/> (probability ≥ the threshold).</summary>
    public IReadOnlyList<string> PredictedKeys(string? text) =>
        Probabilities(text).Where(kv => kv.Value >= Options.Threshold).Select(kv => kv.Key).ToList();

    /// <summary>Measures the model on held-out examples: accuracy, macro- and micro-F1 and per-class figures per taxonomy.</summary>
    /// <param name="heldOut">Examples the model was not trained on.</param>
    /// <param name="split">How they were chosen (reported).</param>
    public ClassifierQuality Evaluate(IReadOnlyList<ClassifierExample> heldOut, string split)
    {
        ArgumentNullException.ThrowIfNull(heldOut);
        var truth = heldOut.Select(e => e.Labels).ToList();
        var predicted = new IReadOnlyCollection<string>[heldOut.Count];
        Parallel.For(0, heldOut.Count, i => predicted[i] = PredictedKeys(heldOut[i].Text).ToList());
        var taxonomies = _taxonomies.Select(t => ClassifierMetrics.Compute(
                t.Id,
                Classes.Where(c => c.TaxonomyId == t.Id).Select(c => (c.Key, c.Name, c.Trained)).ToList(),
                truth,
                predicted))
            .ToList();
        var notes = new List<string>
        {
            FormattableString.Invariant($"An industry counts as predicted at probability ≥ {Options.Threshold}; accuracy is exact match of the predicted set of a taxonomy's industries (the empty set included); macro-F1 averages the industries with held-out records, those without a model counting 0."),
            "Labels are what the taxonomies derive from the records' IPC codes; codes given at subclass level only (e.g. G06F) cannot reach group-level patterns, so such industries have few or no labels.",
        };
        return new ClassifierQuality(TrainingRecords, heldOut.Count, split, Options.Threshold, taxonomies, notes);
    }

    /// <summary>The same model with a quality report attached.</summary>
    public IndustryClassifier WithQuality(ClassifierQuality quality) =>
        new(Vocabulary, _idf, Classes, _models, _tokenizer, _taxonomies, Options, TrainingRecords, TrainedAt, Stamp, quality);

    /// <summary>What the model is, without its weights.</summary>
    public ClassifierSummary Summary() =>
        new(Stamp, TrainedAt, TrainingRecords, Vocabulary.Count, Lexicon.Terms.Count, Method, Classes, Quality);

    /// <summary>The weights of the trained industry <paramref name="key"/> for each vocabulary word, or null when it has no model.</summary>
    public IReadOnlyDictionary<string, double>? WeightsOf(string key)
    {
        var c = Classes.ToList().FindIndex(x => x.Key == key);
        if (c < 0 || _models[c] is not { } m)
        {
            return null;
        }

        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var i = 0; i < m.Weights.Length; i++)
        {
            if (m.Weights[i] != 0)
            {
                result[Vocabulary[i]] = m.Weights[i];
            }
        }

        return result;
    }

    /// <summary>Writes the model (vocabulary, IDF, weights, lexicon, classes, quality) as JSON.</summary>
    public string ToJson()
    {
        var file = new ModelFile
        {
            Version = 1,
            Stamp = Stamp,
            TrainedAt = TrainedAt,
            TrainingRecords = TrainingRecords,
            Options = Options,
            Taxonomies = _taxonomies.Select(t => new TaxonomyName(t.Id, t.Name)).ToList(),
            Vocabulary = Vocabulary,
            Idf = Floats(_idf),
            Classes = Classes,
            Models = _models.Select(m => m is null ? null : new ModelWeights(m.Bias, Floats(m.Weights))).ToList(),
            Lexicon = JsonSerializer.Deserialize<JsonElement>(Lexicon.ToJson()),
            UserWords = _tokenizer.UserWords.Words.Count == 0 ? null : _tokenizer.UserWords.ToText(),
            Quality = Quality,
        };
        return JsonSerializer.Serialize(file, JsonOptions);
    }

    /// <summary>Reads a model written by <see cref="ToJson"/>.</summary>
    /// <exception cref="JsonException">The text is not such a model.</exception>
    public static IndustryClassifier FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        ModelFile file;
        try
        {
            file = JsonSerializer.Deserialize<ModelFile>(json, JsonOptions) ?? throw new JsonException("empty model document");
        }
        catch (FormatException ex)
        {
            throw new JsonException("the model's weights are not valid base64", ex);
        }

        if (file.Version != 1 || file.Vocabulary is null || file.Idf is null || file.Classes is null || file.Models is null || file.Taxonomies is null || file.Options is null)
        {
            throw new JsonException("not an industry classifier model (version 1)");
        }

        var idf = Floats(file.Idf);
        var models = file.Models.Select(m => m is null ? null : new ClassModel(Floats(m.Weights), m.Bias)).ToArray();
        if (idf.Length != file.Vocabulary.Count || models.Length != file.Classes.Count || models.Any(m => m is not null && m.Weights.Length != file.Vocabulary.Count))
        {
            throw new JsonException("the model's vocabulary, IDF and weights do not have matching sizes");
        }

        var lexicon = file.Lexicon is { ValueKind: JsonValueKind.Object } l ? TermLexicon.FromJson(l.GetRawText()) : TermLexicon.Empty;
        var userWords = file.UserWords is { } words ? UserDictionary.Parse(words) : UserDictionary.Empty;
        return new IndustryClassifier(file.Vocabulary, idf, file.Classes, models, new FeatureTokenizer(lexicon, userWords), file.Taxonomies.Select(t => (t.Id, t.Name)).ToList(), file.Options, file.TrainingRecords, file.TrainedAt, file.Stamp, file.Quality);
    }

    internal static List<(string Key, string TaxonomyId, string Code, string Name)> ClassesOf(IndustryTaxonomies taxonomies) =>
    [
        .. taxonomies.Sei.Industries.Select(i => ("sei:" + i.Code, SeiIpcTaxonomy.TaxonomyId, i.Code, i.Name)),
        .. taxonomies.City.Chains.Select(c => ("city:" + c.Code, CityTaxonomy.TaxonomyId, c.Code, c.Name)),
    ];

    private static List<IReadOnlyList<string>> Tokenize(FeatureTokenizer tokenizer, List<string> texts, IProgress<AnalysisProgress>? progress, string stage, CancellationToken cancellationToken)
    {
        var result = new IReadOnlyList<string>[texts.Count];
        var done = 0;
        progress?.Report(new AnalysisProgress(stage, 0, texts.Count));
        Parallel.For(
            0,
            texts.Count,
            new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken },
            i =>
            {
                result[i] = tokenizer.Tokenize(texts[i]);
                var n = Interlocked.Increment(ref done);
                if (n % 2000 == 0)
                {
                    progress?.Report(new AnalysisProgress(stage, n, texts.Count));
                }
            });
        progress?.Report(new AnalysisProgress(stage, texts.Count, texts.Count));
        return [.. result];
    }

    private SparseVector Vectorize(IReadOnlyList<string> tokens)
    {
        // Ascending term order, the order in which the norm has always been summed.
        var tf = new SortedDictionary<int, int>();
        foreach (var t in tokens)
        {
            if (_index.TryGetValue(t, out var i))
            {
                tf[i] = tf.GetValueOrDefault(i) + 1;
            }
        }

        return TfIdf.SingleVector([.. tf.Keys], [.. tf.Values], _idf);
    }

    private static ClassModel Fit(SparseVector[] vectors, IReadOnlyList<ClassifierExample> examples, string key, int dimension, IndustryClassifierOptions options)
    {
        // One context per industry: contexts are not meant to be shared across threads, and each fit is single-threaded.
        var ml = new MLContext(seed: options.Seed);
        var schema = SchemaDefinition.Create(typeof(TrainingRow));
        schema[nameof(TrainingRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, dimension);
        var rows = new TrainingRow[vectors.Length];
        var positives = 0;
        for (var i = 0; i < rows.Length; i++)
        {
            var label = examples[i].Labels.Contains(key);
            positives += label ? 1 : 0;
            rows[i] = new TrainingRow
            {
                Features = new VBuffer<float>(dimension, vectors[i].Indices.Length, vectors[i].Values, vectors[i].Indices),
                Label = label,
            };
        }

        // Positives weighted by (negatives / positives)^exponent: 0 leaves the classes as they are, 1 balances them.
        var positiveWeight = (float)Math.Pow((rows.Length - positives) / (double)Math.Max(1, positives), options.PositiveWeightExponent);
        for (var i = 0; i < rows.Length; i++)
        {
            rows[i].Weight = rows[i].Label ? positiveWeight : 1f;
        }

        var data = ml.Data.LoadFromEnumerable(rows, schema);
        var trainer = ml.BinaryClassification.Trainers.LbfgsLogisticRegression(new LbfgsLogisticRegressionBinaryTrainer.Options
        {
            L1Regularization = 0,
            L2Regularization = options.L2Regularization,
            NumberOfThreads = 1,
            LabelColumnName = nameof(TrainingRow.Label),
            FeatureColumnName = nameof(TrainingRow.Features),
            ExampleWeightColumnName = nameof(TrainingRow.Weight),
        });
        var model = trainer.Fit(data).Model.SubModel;
        var weights = model.Weights.ToArray();
        if (weights.Length != dimension)
        {
            throw new InvalidOperationException(FormattableString.Invariant($"ML.NET returned {weights.Length} weights for {dimension} features"));
        }

        return new ClassModel(weights, model.Bias);
    }

    private static double Sigmoid(double score) => 1 / (1 + Math.Exp(-score));

    private static string Floats(float[] values) => Convert.ToBase64String(MemoryMarshal.AsBytes(values.AsSpan()));

    private static float[] Floats(string base64)
    {
        var bytes = Convert.FromBase64String(base64);
        if (bytes.Length % sizeof(float) != 0)
        {
            throw new JsonException("a float array's byte length is not a multiple of 4");
        }

        return MemoryMarshal.Cast<byte, float>(bytes).ToArray();
    }

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private sealed class ClassModel(float[] weights, float bias)
    {
        public float[] Weights { get; } = weights;

        public float Bias { get; } = bias;

        public double Score(SparseVector x)
        {
            double s = Bias;
            for (var k = 0; k < x.Indices.Length; k++)
            {
                s += Weights[x.Indices[k]] * (double)x.Values[k];
            }

            return s;
        }
    }

    private sealed class TrainingRow
    {
        public VBuffer<float> Features { get; set; }

        public bool Label { get; set; }

        public float Weight { get; set; }
    }

    private sealed record TaxonomyName(string Id, string Name);

    private sealed record ModelWeights(float Bias, string Weights);

    private sealed class ModelFile
    {
        public int Version { get; init; }

        public string? Stamp { get; init; }

        public DateTimeOffset TrainedAt { get; init; }

        public int TrainingRecords { get; init; }

        public IndustryClassifierOptions? Options { get; init; }

        public IReadOnlyList<TaxonomyName>? Taxonomies { get; init; }

        public IReadOnlyList<string>? Vocabulary { get; init; }

        public string? Idf { get; init; }

        public IReadOnlyList<IndustryClass>? Classes { get; init; }

        public IReadOnlyList<ModelWeights?>? Models { get; init; }

        public JsonElement? Lexicon { get; init; }

        public string? UserWords { get; init; }

        public ClassifierQuality? Quality { get; init; }
    }
}
