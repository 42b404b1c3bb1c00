using PatentNav.Records;

namespace PatentNav.Taxonomy;

/// <summary>Settings of the industry text classifier (产业分类模型); the defaults are what the workspace trains with.</summary>
public sealed record IndustryClassifierOptions
{
    /// <summary>L2 regularisation of each one-vs-rest logistic regression (ML.NET's <c>L2Regularization</c>); the default
    /// was tuned with <see cref="PositiveWeightExponent"/> on training data only (docs/taxonomy.md).</summary>
    public float L2Regularization { get; init; } = 0.3f;

    /// <summary>How strongly an industry's few positive examples are weighted against its many negatives: each positive
    /// counts (negatives / positives)^exponent times; 0 leaves them as they are, 1 balances the two. Without it the small
    /// industries are rarely predicted at all, which is what macro-F1 punishes.</summary>
    public double PositiveWeightExponent { get; init; } = 0.5;

    /// <summary>Least training texts a feature must occur in to enter the vocabulary.</summary>
    public int MinDocumentFrequency { get; init; } = 2;

    /// <summary>Most features kept (the most frequent by document frequency, ties in ordinal order); bounds the model's
    /// size at about 4 bytes × features × industries.</summary>
    public int MaxFeatures { get; init; } = 50_000;

    /// <summary>Least positive (and least negative) training records an industry needs to get a model; industries with
    /// fewer are listed as not trained, with their count, and never predicted.</summary>
    public int MinPositives { get; init; } = 10;

    /// <summary>Least records with IPC codes (labelled records) a workspace needs before a model is trained at all.</summary>
    public int MinLabelledRecords { get; init; } = 200;

    /// <summary>Most records a workspace trains on: above this many documents, a fixed sample (by a hash of the publication
    /// number) is read, so that memory and time stay bounded (training holds every sampled text and its tokens).</summary>
    public int MaxTrainingRecords { get; init; } = 100_000;

    /// <summary>Share of the labelled records held out to measure the model's quality (by a hash of the publication
    /// number, so the split does not depend on index order).</summary>
    public double HoldOutFraction { get; init; } = 0.2;

    /// <summary>Probability from which an industry counts as predicted (for <see cref="IndustryScore.Predicted"/> and the
    /// quality report).</summary>
    public double Threshold { get; init; } = 0.5;

    /// <summary>Seed of the ML.NET contexts (L-BFGS itself is deterministic; the seed is fixed for good measure).</summary>
    public int Seed { get; init; } = 20_240_101;

    /// <summary>A short description of the settings, part of the model's stamp (a change retrains).</summary>
    internal string Fingerprint => FormattableString.Invariant(
        $"l2={L2Regularization};pwe={PositiveWeightExponent};mindf={MinDocumentFrequency};maxf={MaxFeatures};minpos={MinPositives};max={MaxTrainingRecords};holdout={HoldOutFraction};t={Threshold};seed={Seed};v=2");

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(L2Regularization);
        if (PositiveWeightExponent is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(PositiveWeightExponent), PositiveWeightExponent, "expected an exponent between 0 and 1");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(MinDocumentFrequency, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxFeatures, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(MinPositives, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(MinLabelledRecords, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxTrainingRecords, 1);
        if (HoldOutFraction is <= 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(HoldOutFraction), HoldOutFraction, "expected a fraction strictly between 0 and 1");
        }

        if (Threshold is <= 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Threshold), Threshold, "expected a probability strictly between 0 and 1");
        }
    }
}

/// <summary>One text with the industries it belongs to, for training or evaluating the classifier.</summary>
/// <param name="Text">The text (title and abstract of a patent, or a title alone).</param>
/// <param name="Labels">Industry keys (<c>sei:3</c>, <c>city:新材料</c>), from <see cref="IndustryClassifier.LabelsOf"/>;
/// empty when the record belongs to none of them (a negative for every industry).</param>
public sealed record ClassifierExample(string Text, IReadOnlyCollection<string> Labels);

/// <summary>An industry the classifier knows: a first-level SEI industry or a city chain.</summary>
/// <param name="Key">Its key: <c>sei:3</c> or <c>city:新材料</c> (the filter value of the search API).</param>
/// <param name="TaxonomyId"><c>sei</c> or <c>city</c>.</param>
/// <param name="Code">SEI industry code (<c>3</c>) or chain code (<c>新材料</c>).</param>
/// <param name="Name">新材料产业, 新材料 …</param>
/// <param name="Positives">Training records labelled with it.</param>
/// <param name="Trained">Whether it has a model; false when it had too few positives or negatives.</param>
/// <param name="NotTrainedReason">Why not, e.g. "only 4 labelled records; at least 10 are needed".</param>
public sealed record IndustryClass(string Key, string TaxonomyId, string Code, string Name, int Positives, bool Trained, string? NotTrainedReason);

/// <summary>A feature (a word of the text) and how much it moved one industry's score.</summary>
/// <param name="Feature">The word, as the feature tokenizer produced it (discovered terms such as 碳纤维 included).</param>
/// <param name="Value">Its TF-IDF value in the text (L2-normalised over the text's features).</param>
/// <param name="Weight">The industry model's weight of the word.</param>
/// <param name="Contribution">Value × weight: what it adds to the log-odds; positive pushes towards the industry.</param>
public sealed record FeatureContribution(string Feature, double Value, double Weight, double Contribution);

/// <summary>The probability of one industry for a text.</summary>
/// <param name="Key"><c>sei:3</c>, <c>city:新材料</c>.</param>
/// <param name="Code">Industry or chain code.</param>
/// <param name="Name">Industry or chain name.</param>
/// <param name="Probability">P(the text's patent would be assigned this industry by its IPC codes), from the industry's own
/// logistic regression; industries are independent, so probabilities need not add up to 1.</param>
/// <param name="Predicted">Probability ≥ the threshold (0.5).</param>
/// <param name="Contributions">The features that moved the score most, largest absolute contribution first (at most 8).</param>
public sealed record IndustryScore(string Key, string Code, string Name, double Probability, bool Predicted, IReadOnlyList<FeatureContribution> Contributions);

/// <summary>The industries of one taxonomy for a text, most probable first.</summary>
/// <param name="TaxonomyId"><c>sei</c> (first-level strategic emerging industries) or <c>city</c> (the city's chains).</param>
/// <param name="Name">The taxonomy's name.</param>
/// <param name="Industries">The most probable industries (as many as asked).</param>
/// <param name="NotTrained">Industries of the taxonomy the model cannot predict (too few labelled records), with the reason.</param>
public sealed record TaxonomyPrediction(string TaxonomyId, string Name, IReadOnlyList<IndustryScore> Industries, IReadOnlyList<IndustryClass> NotTrained);

/// <summary>The classifier's answer for a text (文本产业分类).</summary>
/// <param name="Features">The text's features the model knows (its vocabulary), in order of first occurrence.</param>
/// <param name="UnknownFeatures">Feature tokens of the text the model has never seen in training (they count for nothing).</param>
/// <param name="Taxonomies">Per taxonomy, the most probable industries: SEI first, then the city chains.</param>
/// <param name="Model">The model that answered.</param>
public sealed record IndustryPrediction(
    IReadOnlyList<string> Features,
    IReadOnlyList<string> UnknownFeatures,
    IReadOnlyList<TaxonomyPrediction> Taxonomies,
    ClassifierSummary Model);

/// <summary>What a trained model is: its data, settings, classes and measured quality (no weights).</summary>
/// <param name="Stamp">What it was trained from (index version, documents, taxonomy fingerprint, settings).</param>
/// <param name="TrainedAt">When (UTC).</param>
/// <param name="TrainingRecords">Labelled records the served model was fitted on.</param>
/// <param name="Features">Vocabulary size.</param>
/// <param name="LexiconTerms">Discovered domain terms the feature tokenizer joins.</param>
/// <param name="Method">How features, labels and models are made, in one paragraph.</param>
/// <param name="Classes">Every industry with its positives and whether it has a model.</param>
/// <param name="Quality">The quality measured on held-out records, when measured.</param>
public sealed record ClassifierSummary(
    string? Stamp,
    DateTimeOffset TrainedAt,
    int TrainingRecords,
    int Features,
    int LexiconTerms,
    string Method,
    IReadOnlyList<IndustryClass> Classes,
    ClassifierQuality? Quality);

/// <summary>
/// The workspace has too few labelled records (records with IPC codes) to train the industry classifier, or no industry
/// has enough of them.
/// </summary>
public sealed class InsufficientTrainingDataException : PatentNavException
{
    /// <summary>Creates the exception.</summary>
    public InsufficientTrainingDataException(string message, int labelledRecords, int requiredRecords, int requiredPositives)
        : base(message)
    {
        LabelledRecords = labelledRecords;
        RequiredRecords = requiredRecords;
        RequiredPositives = requiredPositives;
    }

    /// <summary>Creates the exception with a message only.</summary>
    public InsufficientTrainingDataException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and inner exception.</summary>
    public InsufficientTrainingDataException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Records with IPC codes that were found.</summary>
    public int LabelledRecords { get; }

    /// <summary>Records with IPC codes that training needs.</summary>
    public int RequiredRecords { get; }

    /// <summary>Labelled records at least one industry needs.</summary>
    public int RequiredPositives { get; }
}

/// <summary>Whether the workspace has an industry classifier and whether it matches the data as it is now.</summary>
/// <param name="Trained">A model exists (in memory or in <c>&lt;data&gt;/classifier/model.json</c>).</param>
/// <param name="Current">It was trained on the index as it is now with the current taxonomies and settings.</param>
/// <param name="Training">A training is running now.</param>
/// <param name="Model">The model's summary and measured quality, when trained.</param>
public sealed record ClassifierStatus(bool Trained, bool Current, bool Training, ClassifierSummary? Model);
