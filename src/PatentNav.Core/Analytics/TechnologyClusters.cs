using System.Globalization;
using System.Text.Json.Serialization;
using PatentNav.Analytics.Internal;
using PatentNav.Records;
using PatentNav.Search;
using PatentNav.Text;
using PatentNav.Text.Internal;

namespace PatentNav.Analytics;

/// <summary>
/// Technology clusters (技术聚类) and the landscape map (专利地图) of any record set: what technologies make up an industry or
/// a search result, each with a label of distinctive terms, size, representative patents, top applicants, growth, and a
/// 2-D position for every cluster and patent.
/// </summary>
/// <remarks>
/// <para>Each record's title and abstract (<see cref="AnalysisText.Of"/>) is segmented by a <see cref="FeatureTokenizer"/>,
/// weighted by sublinear TF-IDF and clustered by ML.NET k-means refined by spherical (cosine) k-means, so that no
/// catch-all cluster collects the patents that resemble no topic; k is given (<see cref="ClusterOptions.K"/>) or chosen
/// by the mean cosine silhouette. Records without a vocabulary token are not clustered
/// (<see cref="ClusterReport.Unclustered"/>). The method step by step, and why: docs/clusters.md.</para>
/// <para>Pure function, thread-safe: records are taken in publication-number order, so the same records, tokenizer lexicon
/// and options give the same report whatever their order or the core count.</para>
/// </remarks>
public static class TechnologyClusters
{
    /// <summary>The largest k that can be asked for.</summary>
    public const int MaxClusters = 50;

    /// <summary>Temperature of the softmax that places patents on the map: a patent's weight on centroid j is
    /// proportional to exp(cos_j / 0.05), so a 0.1 higher cosine weighs e² ≈ 7.4 times more.</summary>
    public const double MapTemperature = 0.05;

    /// <summary>A patent is placed among its this many most similar clusters.</summary>
    public const int MapNeighbours = 3;

    /// <summary>The criterion used when k is chosen automatically, in words (also in every report).</summary>
    public const string SilhouetteCriterion =
        "highest mean cosine silhouette (Rousseeuw 1987: s = (b − a)/max(a, b) with a = mean cosine distance to the own cluster, b = to the nearest other cluster), rounded to 3 decimals, on a seeded sample; ties go to the smaller k";

    /// <summary>Clusters <paramref name="records"/> (method: docs/clusters.md).</summary>
    /// <param name="records">The records; read once.</param>
    /// <param name="tokenizer">The feature tokenizer (in a workspace: <see cref="Workspace.TextService.GetFeatureTokenizerAsync"/>).</param>
    /// <param name="options">Options; defaults when null.</param>
    /// <param name="progress">Receives the stage and its progress.</param>
    /// <param name="cancellationToken">Stops the computation (between batches, candidate ks and k-means passes).</param>
    /// <exception cref="ArgumentException">An option is out of range, or there are too few records with text features for
    /// the k asked (the message says how many).</exception>
    public static ClusterReport Compute(
        IEnumerable<PatentRecord> records,
        FeatureTokenizer tokenizer,
        ClusterOptions? options = null,
        IProgress<AnalysisProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(tokenizer);
        options ??= new ClusterOptions();
        options.Validate();
        var corpus = Prepare(records, tokenizer, progress, cancellationToken);
        return Compute(corpus, tokenizer, options, options.Cutoff is null ? null : "given", progress, cancellationToken);
    }

    internal static ClusterCorpus Prepare(IEnumerable<PatentRecord> records, FeatureTokenizer tokenizer, IProgress<AnalysisProgress>? progress, CancellationToken cancellationToken) =>
        ClusterCorpus.Build(records, tokenizer, n => progress?.Report(new AnalysisProgress(ClusterStages.Reading, n, null)), cancellationToken);

    internal static ClusterReport Compute(ClusterCorpus corpus, FeatureTokenizer tokenizer, ClusterOptions options, string? cutoffSource, IProgress<AnalysisProgress>? progress, CancellationToken cancellationToken)
    {
        options.Validate();
        var notes = new List<string>();
        progress?.Report(new AnalysisProgress(ClusterStages.Vectors, 0, corpus.Records.Length));
        var space = TfIdfSpace.Build(corpus, options.MinDocumentFrequency, options.MaxDocumentFrequency, options.MaxVocabulary, options.ExcludeGenericTerms ? GenericPatentTerms.Contains : null, cancellationToken);
        var featured = Enumerable.Range(0, corpus.Records.Length).Where(i => space.Vectors[i] is not null).ToArray();
        var docs = Array.ConvertAll(featured, i => space.Vectors[i]!.Value);
        var n = docs.Length;
        var unclustered = corpus.Records.Length - n;
        if (unclustered > 0)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"{unclustered} of {corpus.Records.Length} patents have no term in the vocabulary (no title or abstract, or only rare words) and are not clustered."));
        }

        var features = new ClusterFeatures(
            "FeatureTokenizer: SmartCn words with the patent stop list, discovered domain terms re-joined, single characters and numbers dropped; title + abstract",
            tokenizer.Lexicon.Terms.Count,
            corpus.Tokens.Length,
            corpus.TokenCount,
            space.Vocabulary.Length,
            options.MinDocumentFrequency,
            options.MaxDocumentFrequency,
            options.MaxVocabulary,
            options.ExcludeGenericTerms,
            space.PrunedGeneric,
            space.PrunedRare,
            space.PrunedCommon,
            space.PrunedCap,
            "sublinear TF-IDF (1 + ln tf)·(ln((1 + N)/(1 + df)) + 1), L2-normalised");

        var minimum = (options.K ?? options.MinK) + 1;
        if (n < Math.Max(3, minimum))
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"only {n} of {corpus.Records.Length} patents have text features; {(options.K is { } k ? $"k = {k} needs at least {k + 1}" : $"clustering needs at least {Math.Max(3, minimum)}")}: widen the filters or ask for a smaller k"));
        }

        // k-means (and every candidate k) trains on a seeded sample; the spherical passes then run over every record.
        var dimension = Math.Max(1, space.Vocabulary.Length);
        var rng = new Random(options.Seed);
        var sampleIdx = Sample(n, options.TrainingSample, rng);
        var sampleDocs = sampleIdx.Length == n ? docs : Array.ConvertAll(sampleIdx, i => docs[i]);
        KSelection selection;
        float[][] start;
        if (options.K is { } given)
        {
            selection = new KSelection("given", "k given by the caller", given, [], sampleDocs.Length, 0, given, given);
            progress?.Report(new AnalysisProgress(ClusterStages.Clustering, 0, 2));
            start = ClusterMath.TrainKMeans(sampleDocs, dimension, given, options.Seed, options.MaxIterations, cancellationToken);
        }
        else
        {
            (selection, start) = ChooseK(sampleDocs, n, dimension, rng, options, progress, cancellationToken);
            progress?.Report(new AnalysisProgress(ClusterStages.Clustering, 0, 2));
        }

        progress?.Report(new AnalysisProgress(ClusterStages.Clustering, 1, 2));
        var refined = ClusterMath.Refine(docs, start, dimension, options.RefineIterations, cancellationToken);

        // A catch-all cluster tells a reader nothing: none may hold more than max(MaxShare, 2/k) unless the data leave no
        // other split (then the notes say so, below).
        var maxShare = Math.Max(options.MaxShare, 2.0 / refined.Centroids.Length);
        var (centroids, splits, stuck) = ClusterMath.BalanceOversized(docs, refined.Centroids, refined.Labels, dimension, maxShare, options.RefineIterations, options.Seed, cancellationToken);
        progress?.Report(new AnalysisProgress(ClusterStages.Clustering, 2, 2));
        cancellationToken.ThrowIfCancellationRequested();

        // Cosine similarity to every (unit) centroid and the most similar one (ties to the lower index), for each record.
        var labels = new int[n];
        var cosines = new float[n][];
        Parallel.For(
            0,
            n,
            new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount },
            i =>
            {
                var dots = new float[centroids.Length];
                var best = 0;
                for (var c = 0; c < dots.Length; c++)
                {
                    dots[c] = docs[i].Dot(centroids[c]);
                    if (dots[c] > dots[best])
                    {
                        best = c;
                    }
                }

                labels[i] = best;
                cosines[i] = dots;
            });

        // Clusters ordered by size (largest first), ties by their first record in publication-number order; empty ones dropped.
        var sizes = new int[centroids.Length];
        var first = Enumerable.Repeat(int.MaxValue, centroids.Length).ToArray();
        for (var i = 0; i < n; i++)
        {
            sizes[labels[i]]++;
            first[labels[i]] = Math.Min(first[labels[i]], i);
        }

        var order = Enumerable.Range(0, centroids.Length).Where(c => sizes[c] > 0).OrderByDescending(c => sizes[c]).ThenBy(c => first[c]).ToArray();
        if (order.Length < centroids.Length)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"k-means left {centroids.Length - order.Length} of {centroids.Length} clusters empty; they are not reported."));
        }

        var rank = new int[centroids.Length];
        for (var r = 0; r < order.Length; r++)
        {
            rank[order[r]] = r;
        }

        progress?.Report(new AnalysisProgress(ClusterStages.Describing, 0, order.Length));
        var (mx, my, explained) = order.Length >= 2 ? ClusterMath.ClassicalMds(order.Select(c => centroids[c]).ToArray()) : ([0.0], [0.0], 1.0);
        var members = order.Select(c => new List<int>()).ToArray();
        for (var i = 0; i < n; i++)
        {
            members[rank[labels[i]]].Add(i);
        }

        var cutoff = options.Cutoff ?? LatestDate(corpus.Records);
        cutoffSource ??= cutoff is null ? "none (no dated records)" : "latest filing, publication or grant date among the clustered records";
        var clusters = new List<TechnologyCluster>(order.Length);
        var termShares = TermDocumentCounts(docs, labels, rank, order.Length, space.Vocabulary.Length);
        for (var r = 0; r < order.Length; r++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var c = order[r];
            var memberRecords = members[r].Select(i => corpus.Records[featured[i]]).ToList();
            var terms = DistinctiveTerms(termShares, r, members[r].Count, n, space.Vocabulary, options.Terms);
            var label = Label(terms, options.LabelTerms);
            var representatives = members[r]
                .OrderByDescending(i => cosines[i][c])
                .ThenBy(i => corpus.Records[featured[i]].PublicationNumber.Value, StringComparer.Ordinal)
                .Take(options.Representatives)
                .Select(i => new RepresentativePatent(corpus.Records[featured[i]].PublicationNumber.Value, corpus.Records[featured[i]].Title, Math.Round(cosines[i][c], 4)))
                .ToList();
            var applicants = Applicants.Rank(memberRecords, new ApplicantRankOptions { Top = options.TopApplicants });
            var years = Trends.CountByYear(memberRecords, DateField.Filing, out _);
            var growth = Trends.Analyze(years, DateField.Filing, cutoff, cutoffSource);
            var cohesion = members[r].Average(i => (double)cosines[i][c]);
            clusters.Add(new TechnologyCluster(
                r + 1,
                label,
                terms,
                members[r].Count,
                Math.Round((double)members[r].Count / n, 4),
                Math.Round(cohesion, 4),
                representatives,
                applicants.Applicants,
                growth,
                years.Count > 0 ? years.Keys.Min() : null,
                years.Count > 0 ? years.Keys.Max() : null,
                Math.Round(mx[r], 4),
                Math.Round(my[r], 4)));
            progress?.Report(new AnalysisProgress(ClusterStages.Describing, r + 1, order.Length));
        }

        if (splits > 0)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"A cluster held more than {maxShare:0%} of the patents: it was split {splits} time(s) in two (k-means++ and spherical 2-means inside it), each time merging the two most similar other clusters so that k stays {centroids.Length}, then refined over all patents."));
        }

        if (clusters.Count > 0 && clusters[0].Share > maxShare)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"Cluster 1 ({clusters[0].Label}) holds {clusters[0].Share:0.0%} of the patents, more than {maxShare:0%}: {stuck ?? "splitting it does not last"}, so the data leave no other split at k = {centroids.Length} (ask for a larger k)."));
        }

        var map = Map(corpus, featured, labels, rank, cosines, order, mx, my, explained, options, notes);
        if (corpus.Records.Any(r => r.Synthetic))
        {
            notes.Add("Some records carry synthetic demonstration applicants, places or dates (synthetic: true); applicants and growth of such clusters are not real.");
        }

        return new ClusterReport(
            corpus.Records.Length,
            n,
            unclustered,
            clusters.Count,
            selection,
            features,
            new ClusterSettings(options.Seed, options.MaxIterations, options.RefineIterations, "k-means++", "ML.NET KMeansTrainer (one thread, seeded), then spherical k-means refinement", cutoff, cutoffSource),
            clusters,
            map,
            corpus.Records.Any(r => r.Synthetic),
            notes);
    }

    /// <summary>ML.NET k-means, then spherical refinement: unit centroids and the assignment of <paramref name="docs"/>.</summary>
    private static (float[][] Centroids, int[] Labels) Fit(SparseVector[] docs, int dimension, int k, ClusterOptions options, CancellationToken cancellationToken)
    {
        var start = ClusterMath.TrainKMeans(docs, dimension, k, options.Seed, options.MaxIterations, cancellationToken);
        var (centroids, labels, _) = ClusterMath.Refine(docs, start, dimension, options.RefineIterations, cancellationToken);
        return (centroids, labels);
    }

    private static (KSelection Selection, float[][] Centroids) ChooseK(SparseVector[] sampleDocs, int n, int dimension, Random rng, ClusterOptions options, IProgress<AnalysisProgress>? progress, CancellationToken cancellationToken)
    {
        var upper = Math.Min(Math.Min(options.MaxK, (int)Math.Floor(Math.Sqrt(n / 2.0))), n - 1);
        upper = Math.Max(upper, Math.Min(options.MinK, n - 1));
        var candidates = Enumerable.Range(options.MinK, Math.Max(1, upper - options.MinK + 1)).ToArray();
        var silhouetteIdx = Sample(sampleDocs.Length, options.SilhouetteSample, rng);
        var silhouetteDocs = Array.ConvertAll(silhouetteIdx, i => sampleDocs[i]);
        var distances = ClusterMath.CosineDistances(silhouetteDocs, dimension, cancellationToken);

        var scored = new List<KCandidate>();
        float[][] best = [];
        var bestK = 0;
        var bestScore = double.NegativeInfinity;
        for (var ci = 0; ci < candidates.Length; ci++)
        {
            var k = candidates[ci];
            progress?.Report(new AnalysisProgress(ClusterStages.ChoosingK, ci, candidates.Length));
            var (centroids, labels) = Fit(sampleDocs, dimension, k, options, cancellationToken);
            var score = ClusterMath.MeanSilhouette(distances, silhouetteDocs.Length, Array.ConvertAll(silhouetteIdx, i => labels[i]), centroids.Length);
            scored.Add(new KCandidate(k, Math.Round(score, 4)));
            if (Math.Round(score, 3) > Math.Round(bestScore, 3))
            {
                bestScore = score;
                bestK = k;
                best = centroids;
            }
        }

        progress?.Report(new AnalysisProgress(ClusterStages.ChoosingK, candidates.Length, candidates.Length));
        var criterion = SilhouetteCriterion + string.Create(CultureInfo.InvariantCulture, $"; candidates k = {candidates[0]}–{candidates[^1]} (at most min(maxK = {options.MaxK}, ⌊√(n/2)⌋) for n = {n} patents with features)");
        return (new KSelection("silhouette", criterion, bestK, scored, sampleDocs.Length, silhouetteDocs.Length, candidates[0], candidates[^1]), best);
    }

    /// <summary>A seeded sample of at most <paramref name="size"/> of 0..n−1 (partial Fisher–Yates), in ascending order.</summary>
    private static int[] Sample(int n, int size, Random rng)
    {
        if (n <= size)
        {
            return Enumerable.Range(0, n).ToArray();
        }

        var all = Enumerable.Range(0, n).ToArray();
        for (var i = 0; i < size; i++)
        {
            var j = i + rng.Next(n - i);
            (all[i], all[j]) = (all[j], all[i]);
        }

        var sample = all[..size];
        Array.Sort(sample);
        return sample;
    }

    /// <summary>For each cluster (by rank) and vocabulary term: the cluster's records containing it; last row: all records.</summary>
    private static int[][] TermDocumentCounts(SparseVector[] docs, int[] labels, int[] rank, int clusters, int vocabulary)
    {
        var counts = new int[clusters + 1][];
        for (var r = 0; r <= clusters; r++)
        {
            counts[r] = new int[vocabulary];
        }

        for (var i = 0; i < docs.Length; i++)
        {
            var row = counts[rank[labels[i]]];
            foreach (var t in docs[i].Indices)
            {
                row[t]++;
                counts[clusters][t]++;
            }
        }

        return counts;
    }

    private static List<ClusterTerm> DistinctiveTerms(int[][] counts, int r, int size, int n, string[] vocabulary, int top)
    {
        var all = counts[^1];
        var inside = counts[r];
        var outside = n - size;
        var scored = new List<ClusterTerm>();
        for (var t = 0; t < vocabulary.Length; t++)
        {
            if (inside[t] == 0 || (size >= 4 && inside[t] < 2) || !IsLabelTerm(vocabulary[t]))
            {
                continue;
            }

            var p = (double)inside[t] / size;
            var q = (all[t] - inside[t] + 0.5) / (outside + 1.0);
            if (p <= q)
            {
                continue;
            }

            scored.Add(new ClusterTerm(vocabulary[t], p * Math.Log(p / q), p, (double)(all[t] - inside[t]) / Math.Max(1, outside)));
        }

        return scored
            .OrderByDescending(s => s.Score)
            .ThenBy(s => s.Term, StringComparer.Ordinal)
            .Take(top)
            .Select(s => s with { Score = Math.Round(s.Score, 4), Share = Math.Round(s.Share, 4), OutsideShare = Math.Round(s.OutsideShare, 4) })
            .ToList();
    }

    /// <summary>Two or more characters, at least one of them Chinese, not on the patent stop list.</summary>
    internal static bool IsLabelTerm(string term) =>
        term.Length >= 2
        && term.Any(ch => ch is >= '\u4E00' and <= '\u9FFF' or >= '\u3400' and <= '\u4DBF')
        && !StopWords.Contains(term)
        && !GenericPatentTerms.Contains(term);

    private static readonly HashSet<string> StopWords = PatentStopWords.Words.ToHashSet(StringComparer.Ordinal);

    private static string Label(List<ClusterTerm> terms, int count)
    {
        var chosen = new List<string>();
        foreach (var t in terms)
        {
            if (chosen.Count == count)
            {
                break;
            }

            if (!chosen.Any(c => c.Contains(t.Term, StringComparison.Ordinal) || t.Term.Contains(c, StringComparison.Ordinal)))
            {
                chosen.Add(t.Term);
            }
        }

        return chosen.Count == 0 ? "(无显著术语)" : string.Join("、", chosen);
    }

    private static LandscapeMap Map(
        ClusterCorpus corpus,
        int[] featured,
        int[] labels,
        int[] rank,
        float[][] cosines,
        int[] order,
        double[] mx,
        double[] my,
        double explained,
        ClusterOptions options,
        List<string> notes)
    {
        var n = featured.Length;
        var shown = Sample(n, options.MaxMapPatents, new Random(options.Seed + 1));
        string? note = null;
        if (shown.Length < n)
        {
            note = string.Create(CultureInfo.InvariantCulture, $"{n:N0} patents were clustered; the map lists a seeded random sample of {shown.Length:N0} (maxMapPatents). Cluster sizes count them all.");
            notes.Add(note);
        }

        var points = new List<MapPoint>(shown.Length);
        var nearest = new int[Math.Min(MapNeighbours, order.Length)];
        foreach (var i in shown)
        {
            // The most similar centroids (ties to the larger cluster), then softmax weights over them.
            var ranked = Enumerable.Range(0, order.Length).OrderByDescending(r => cosines[i][order[r]]).ThenBy(r => r);
            var m = 0;
            foreach (var r in ranked.Take(nearest.Length))
            {
                nearest[m++] = r;
            }

            var top = cosines[i][order[nearest[0]]];
            double sum = 0, x = 0, y = 0;
            foreach (var r in nearest)
            {
                var w = Math.Exp((cosines[i][order[r]] - top) / MapTemperature);
                sum += w;
                x += w * mx[r];
                y += w * my[r];
            }

            var own = labels[i];
            points.Add(new MapPoint(corpus.Records[featured[i]].PublicationNumber.Value, rank[own] + 1, Math.Round(x / sum, 4), Math.Round(y / sum, 4), Math.Round(cosines[i][own], 4)));
        }

        const string Method =
            "Clusters: classical (Torgerson) MDS of the L2-normalised centroids — distances on the map approximate the Euclidean distances between them (√(2 − 2·cosine)); axes oriented so that the largest coordinate is positive. " +
            "Patents: the average of the positions of the patent's 3 most similar clusters, weighted by softmax(cosine similarity to their centroids / 0.05): a patent close to one topic sits near it, one between two topics between them.";
        return new LandscapeMap(Method, Math.Round(explained, 4), n, points.Count, points, note);
    }

    private static DateOnly? LatestDate(IEnumerable<PatentRecord> records)
    {
        DateOnly? latest = null;
        foreach (var r in records)
        {
            foreach (var d in new[] { r.FilingDate, r.PublicationDate, r.GrantDate })
            {
                if (d is { } v && (latest is null || v > latest))
                {
                    latest = v;
                }
            }
        }

        return latest;
    }
}

/// <summary>Stages a clustering reports progress in.</summary>
public static class ClusterStages
{
    /// <summary>Discovering the workspace's domain terms (done = records segmented).</summary>
    public const string Terms = "terms";

    /// <summary>Reading and segmenting the matching records (done = records read).</summary>
    public const string Reading = "reading";

    /// <summary>Building the TF-IDF vectors.</summary>
    public const string Vectors = "vectors";

    /// <summary>Trying candidate ks (done = candidates tried).</summary>
    public const string ChoosingK = "choosingK";

    /// <summary>The final k-means run.</summary>
    public const string Clustering = "clustering";

    /// <summary>Labels, representatives, applicants, growth (done = clusters described).</summary>
    public const string Describing = "describing";
}

/// <summary>Options of a technology clustering (技术聚类).</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record ClusterOptions
{
    /// <summary>The most patents a workspace clustering reads by default; above, a seeded sample of this many (see <see cref="ClusterSampling"/>).</summary>
    public const int DefaultMaxPatents = 200_000;

    /// <summary>Number of clusters, 2–<see cref="TechnologyClusters.MaxClusters"/>; null (default) chooses k automatically (see <see cref="TechnologyClusters"/>).</summary>
    public int? K { get; init; }

    /// <summary>Smallest k tried when k is chosen automatically; default 2.</summary>
    public int MinK { get; init; } = 2;

    /// <summary>Largest k tried when k is chosen automatically (also capped at ⌊√(n/2)⌋); default 20.</summary>
    public int MaxK { get; init; } = 20;

    /// <summary>The most matching patents a workspace clustering reads; when more match, a seeded sample of this many is
    /// clustered (<see cref="ClusterReport.Sampling"/>). Default <see cref="DefaultMaxPatents"/>.</summary>
    public int MaxPatents { get; init; } = DefaultMaxPatents;

    /// <summary>Seed of k-means and of the samples; default 42. The same seed, data and options give the same clusters.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Iterations of ML.NET's k-means at most; default 100.</summary>
    public int MaxIterations { get; init; } = 100;

    /// <summary>Passes of spherical (cosine) k-means after ML.NET's k-means at most; default 30. 0 only assigns each
    /// patent to the centroid of highest cosine similarity.</summary>
    public int RefineIterations { get; init; } = 30;

    /// <summary>The largest share of the patents one cluster may hold before it is split in two (and two similar clusters
    /// merged, so that k stays); default 0.25, and never below 2/k. 1 turns the split off.</summary>
    public double MaxShare { get; init; } = 0.25;

    /// <summary>A token enters the vocabulary when at least this many records contain it; default 2.</summary>
    public int MinDocumentFrequency { get; init; } = 2;

    /// <summary>A token is left out when more than this share of the records contain it (it cannot separate topics); default 0.5.</summary>
    public double MaxDocumentFrequency { get; init; } = 0.5;

    /// <summary>Leave <see cref="GenericPatentTerms"/> (用于, 制备, 提高 …) out of the vocabulary and labels; default true.</summary>
    public bool ExcludeGenericTerms { get; init; } = true;

    /// <summary>Vocabulary size at most (the most frequent admitted tokens); default 20,000.</summary>
    public int MaxVocabulary { get; init; } = 20_000;

    /// <summary>Records ML.NET's k-means trains on, and on which candidate ks are tried (a seeded sample when there are
    /// more); the spherical passes that follow cover every record. Default 10,000.</summary>
    public int TrainingSample { get; init; } = 10_000;

    /// <summary>Records on which the silhouette is computed (a seeded sub-sample of the selection sample); default 2,000.</summary>
    public int SilhouetteSample { get; init; } = 2_000;

    /// <summary>Representative patents per cluster (closest to the centroid); default 5.</summary>
    public int Representatives { get; init; } = 5;

    /// <summary>Top applicants per cluster; default 5.</summary>
    public int TopApplicants { get; init; } = 5;

    /// <summary>Terms joined into a cluster's label; default 3.</summary>
    public int LabelTerms { get; init; } = 3;

    /// <summary>Distinctive terms listed per cluster; default 10.</summary>
    public int Terms { get; init; } = 10;

    /// <summary>Patents listed on the map at most (a seeded sample when more are clustered); default 10,000.</summary>
    public int MaxMapPatents { get; init; } = 10_000;

    /// <summary>The data cut-off for each cluster's growth; default (in a workspace) the latest date in the workspace, else
    /// the latest date among the records.</summary>
    public DateOnly? Cutoff { get; init; }

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first option out of range.</summary>
    internal void Validate()
    {
        if (Check() is { } p)
        {
            throw new ArgumentOutOfRangeException(p.Parameter, p.Message);
        }
    }

    /// <summary>The first option out of range, with its camelCase name and the allowed range, or null when all are valid.</summary>
    public ClusterOptionProblem? Check()
    {
        static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
        if (K is { } k && (k < 2 || k > TechnologyClusters.MaxClusters))
        {
            return new("k", F($"k must be between 2 and {TechnologyClusters.MaxClusters}, got {k}"));
        }

        if (MinK < 2 || MaxK > TechnologyClusters.MaxClusters || MinK > MaxK)
        {
            return new(MinK < 2 ? "minK" : "maxK", F($"the automatic range must satisfy 2 ≤ minK ≤ maxK ≤ {TechnologyClusters.MaxClusters}, got minK = {MinK}, maxK = {MaxK}"));
        }

        return 0 switch
        {
            _ when MaxPatents < 1 => new ClusterOptionProblem("maxPatents", F($"maxPatents must be at least 1, got {MaxPatents}")),
            _ when MaxIterations < 1 => new ClusterOptionProblem("maxIterations", F($"maxIterations must be at least 1, got {MaxIterations}")),
            _ when MaxShare is not (> 0 and <= 1) => new ClusterOptionProblem("maxShare", F($"maxShare must be a share in (0, 1], got {MaxShare}")),
            _ when RefineIterations < 0 => new ClusterOptionProblem("refineIterations", F($"refineIterations must be 0 or more, got {RefineIterations}")),
            _ when MinDocumentFrequency < 1 => new ClusterOptionProblem("minDocumentFrequency", F($"minDocumentFrequency must be at least 1, got {MinDocumentFrequency}")),
            _ when MaxDocumentFrequency is not (> 0 and <= 1) => new ClusterOptionProblem("maxDocumentFrequency", F($"maxDocumentFrequency must be a share in (0, 1], got {MaxDocumentFrequency}")),
            _ when MaxVocabulary < 1 => new ClusterOptionProblem("maxVocabulary", F($"maxVocabulary must be at least 1, got {MaxVocabulary}")),
            _ when TrainingSample < 10 => new ClusterOptionProblem("trainingSample", F($"trainingSample must be at least 10, got {TrainingSample}")),
            _ when SilhouetteSample is < 10 or > 20_000 => new ClusterOptionProblem("silhouetteSample", F($"silhouetteSample must be between 10 and 20,000 (an n² distance matrix), got {SilhouetteSample}")),
            _ when Representatives < 0 => new ClusterOptionProblem("representatives", F($"representatives must be 0 or more, got {Representatives}")),
            _ when TopApplicants < 1 => new ClusterOptionProblem("topApplicants", F($"topApplicants must be at least 1, got {TopApplicants}")),
            _ when LabelTerms < 1 || Terms < LabelTerms => new ClusterOptionProblem("terms", F($"need 1 ≤ labelTerms ≤ terms, got labelTerms = {LabelTerms}, terms = {Terms}")),
            _ when MaxMapPatents < 0 => new ClusterOptionProblem("maxMapPatents", F($"maxMapPatents must be 0 or more, got {MaxMapPatents}")),
            _ => null,
        };
    }
}

/// <summary>An option of <see cref="ClusterOptions"/> out of range.</summary>
/// <param name="Parameter">Its name in camelCase (as the Api's parameter), e.g. <c>k</c>.</param>
/// <param name="Message">What was given and what is allowed.</param>
public sealed record ClusterOptionProblem(string Parameter, string Message);

/// <summary>Technology clusters (技术聚类) of a record set, with the landscape map (专利地图).</summary>
/// <param name="Patents">Records read.</param>
/// <param name="Clustered">Records with text features, all assigned to a cluster.</param>
/// <param name="Unclustered">Records without any vocabulary term (no title or abstract, or only rare words): not clustered.</param>
/// <param name="K">Clusters reported (k, less any cluster k-means left empty).</param>
/// <param name="Selection">How k was chosen: given, or the criterion with the score of every candidate.</param>
/// <param name="Features">The text features: tokenizer, vocabulary and its pruning, weighting.</param>
/// <param name="Settings">Seed and k-means settings (reproduce a result with the same data and these).</param>
/// <param name="Clusters">The clusters, largest first; <see cref="TechnologyCluster.Id"/> is the position (1-based).</param>
/// <param name="Map">Every clustered patent's map position (or a seeded sample of them, as the map says).</param>
/// <param name="Synthetic">True when some records carry synthetic demonstration data.</param>
/// <param name="Notes">Statements about what was left out or capped.</param>
public sealed record ClusterReport(
    int Patents,
    int Clustered,
    int Unclustered,
    int K,
    KSelection Selection,
    ClusterFeatures Features,
    ClusterSettings Settings,
    IReadOnlyList<TechnologyCluster> Clusters,
    LandscapeMap Map,
    bool Synthetic,
    IReadOnlyList<string> Notes)
{
    /// <summary>How the clustered patents were drawn from the matches when more matched than
    /// <see cref="ClusterOptions.MaxPatents"/>; null when every match was read.</summary>
    public ClusterSampling? Sampling { get; init; }
}

/// <summary>The seeded sample a clustering read when more patents matched than it reads.</summary>
/// <param name="Matching">Patents matching the filter.</param>
/// <param name="Read">Patents read (<see cref="ClusterOptions.MaxPatents"/>).</param>
/// <param name="Seed">The seed (<see cref="ClusterOptions.Seed"/>).</param>
/// <param name="Rule">How the sample is drawn, in words an analyst can repeat.</param>
public sealed record ClusterSampling(int Matching, int Read, int Seed, string Rule);

/// <summary>How k was chosen.</summary>
/// <param name="Method"><c>given</c> or <c>silhouette</c>.</param>
/// <param name="Criterion">The rule, in words, with the candidate range.</param>
/// <param name="K">The k used.</param>
/// <param name="Candidates">Every candidate k with its mean silhouette (empty when k was given).</param>
/// <param name="SamplePatents">Records k-means trained on, and the candidates were tried on (a seeded sample of at most <see cref="ClusterOptions.TrainingSample"/>).</param>
/// <param name="SilhouettePatents">Records the silhouette was computed on.</param>
/// <param name="MinK">Smallest candidate.</param>
/// <param name="MaxK">Largest candidate.</param>
public sealed record KSelection(string Method, string Criterion, int K, IReadOnlyList<KCandidate> Candidates, int SamplePatents, int SilhouettePatents, int MinK, int MaxK);

/// <summary>A candidate k and its score.</summary>
/// <param name="K">The number of clusters tried.</param>
/// <param name="Silhouette">Mean cosine silhouette, −1…1 (higher: tighter, better separated clusters; text clusters typically score 0.01–0.1).</param>
public sealed record KCandidate(int K, double Silhouette);

/// <summary>The text features the clustering used.</summary>
/// <param name="Tokenizer">What produced the tokens.</param>
/// <param name="LexiconTerms">Discovered domain terms the tokenizer re-joins.</param>
/// <param name="DistinctTokens">Distinct feature tokens in the records.</param>
/// <param name="Tokens">Feature tokens in the records (repeats counted).</param>
/// <param name="Vocabulary">Tokens kept as dimensions.</param>
/// <param name="MinDocumentFrequency">Least records a kept token occurs in.</param>
/// <param name="MaxDocumentFrequency">Largest share of records a kept token occurs in.</param>
/// <param name="MaxVocabulary">The vocabulary cap.</param>
/// <param name="GenericTermsExcluded">Whether <see cref="GenericPatentTerms"/> were left out.</param>
/// <param name="PrunedGeneric">Distinct tokens dropped as generic words.</param>
/// <param name="PrunedRare">Distinct tokens dropped as too rare.</param>
/// <param name="PrunedCommon">Distinct tokens dropped as too common.</param>
/// <param name="PrunedByCap">Distinct tokens dropped by the cap.</param>
/// <param name="Weighting">The weighting, in words.</param>
public sealed record ClusterFeatures(
    string Tokenizer,
    int LexiconTerms,
    int DistinctTokens,
    long Tokens,
    int Vocabulary,
    int MinDocumentFrequency,
    double MaxDocumentFrequency,
    int MaxVocabulary,
    bool GenericTermsExcluded,
    int PrunedGeneric,
    int PrunedRare,
    int PrunedCommon,
    int PrunedByCap,
    string Weighting);

/// <summary>The settings that reproduce a clustering (with the same records).</summary>
/// <param name="Seed">The seed of k-means and of the samples.</param>
/// <param name="MaxIterations">ML.NET k-means iterations at most.</param>
/// <param name="RefineIterations">Spherical refinement passes at most.</param>
/// <param name="Initialization">k-means initialisation.</param>
/// <param name="Trainer">The k-means implementation.</param>
/// <param name="Cutoff">The data cut-off (数据截止日) of the clusters' growth figures, or null when no record is dated.</param>
/// <param name="CutoffSource">Where the cut-off came from.</param>
public sealed record ClusterSettings(int Seed, int MaxIterations, int RefineIterations, string Initialization, string Trainer, DateOnly? Cutoff, string CutoffSource);

/// <summary>One technology cluster (技术簇).</summary>
/// <param name="Id">1-based position, largest cluster first.</param>
/// <param name="Label">The top distinctive terms joined by 、 (e.g. <c>锂离子电池、正极材料、电解液</c>).</param>
/// <param name="Terms">The most distinctive terms with their scores.</param>
/// <param name="Size">Patents in the cluster.</param>
/// <param name="Share">Size ÷ clustered patents.</param>
/// <param name="Cohesion">Mean cosine similarity of the members to the centroid (0–1; higher: more homogeneous).</param>
/// <param name="Representatives">The patents closest to the centroid.</param>
/// <param name="TopApplicants">Leading applicants of the cluster (names merged as in <see cref="Applicants.Rank"/>).</param>
/// <param name="Growth">Filing trend of the cluster: counts per year, Poisson growth rate with CI, CAGR, lifecycle (<see cref="Trends.Analyze"/>).</param>
/// <param name="FirstYear">First filing year in the cluster.</param>
/// <param name="LastYear">Last filing year in the cluster.</param>
/// <param name="X">Map position (classical MDS of the centroids).</param>
/// <param name="Y">Map position.</param>
public sealed record TechnologyCluster(
    int Id,
    string Label,
    IReadOnlyList<ClusterTerm> Terms,
    int Size,
    double Share,
    double Cohesion,
    IReadOnlyList<RepresentativePatent> Representatives,
    IReadOnlyList<ApplicantRank> TopApplicants,
    TrendReport Growth,
    int? FirstYear,
    int? LastYear,
    double X,
    double Y);

/// <summary>A distinctive term of a cluster.</summary>
/// <param name="Term">The term.</param>
/// <param name="Score">p·ln(p/q): how much the term sets the cluster apart.</param>
/// <param name="Share">p: share of the cluster's patents containing it.</param>
/// <param name="OutsideShare">Share of the other clustered patents containing it.</param>
public sealed record ClusterTerm(string Term, double Score, double Share, double OutsideShare);

/// <summary>A patent close to its cluster's centroid.</summary>
/// <param name="PublicationNumber">Publication number (公开号).</param>
/// <param name="Title">Title.</param>
/// <param name="Similarity">Cosine similarity to the centroid.</param>
public sealed record RepresentativePatent(string PublicationNumber, string? Title, double Similarity);

/// <summary>The landscape map (专利地图): 2-D positions of the clusters (on each <see cref="TechnologyCluster"/>) and patents.</summary>
/// <param name="Method">How positions were computed.</param>
/// <param name="ExplainedVariance">Share of the centroids' variance the two axes keep (1 = distances exact).</param>
/// <param name="PatentsTotal">Patents clustered.</param>
/// <param name="PatentsShown">Patents listed (all, unless more than <see cref="ClusterOptions.MaxMapPatents"/>).</param>
/// <param name="Patents">The patents' positions, in publication-number order.</param>
/// <param name="Note">Why not all patents are listed, or null.</param>
public sealed record LandscapeMap(string Method, double ExplainedVariance, int PatentsTotal, int PatentsShown, IReadOnlyList<MapPoint> Patents, string? Note);

/// <summary>A patent on the landscape map.</summary>
/// <param name="PublicationNumber">Publication number (公开号).</param>
/// <param name="Cluster">Its cluster's <see cref="TechnologyCluster.Id"/>.</param>
/// <param name="X">Position.</param>
/// <param name="Y">Position.</param>
/// <param name="Similarity">Cosine similarity to its cluster's centroid.</param>
public sealed record MapPoint(string PublicationNumber, int Cluster, double X, double Y, double Similarity);
