namespace PatentNav.Taxonomy;

/// <summary>Precision, recall and F1 of one industry on held-out records.</summary>
/// <param name="Key"><c>sei:3</c>, <c>city:新材料</c>.</param>
/// <param name="Name">Industry or chain name.</param>
/// <param name="Support">Held-out records that truly belong to it (by their IPC codes).</param>
/// <param name="PredictedCount">Held-out records the model put in it.</param>
/// <param name="TruePositives">Both.</param>
/// <param name="Precision">TP ÷ predicted (0 when nothing was predicted).</param>
/// <param name="Recall">TP ÷ support (0 when the support is 0).</param>
/// <param name="F1">2·P·R ÷ (P + R) (0 when both are 0).</param>
/// <param name="Trained">Whether the model had this industry; an industry without a model is never predicted.</param>
public sealed record ClassMetrics(string Key, string Name, int Support, int PredictedCount, int TruePositives, double Precision, double Recall, double F1, bool Trained);

/// <summary>The quality of the classifier over one taxonomy's industries.</summary>
/// <param name="TaxonomyId"><c>sei</c> (first-level industries) or <c>city</c> (chains).</param>
/// <param name="Records">Held-out records evaluated.</param>
/// <param name="Accuracy">Exact-match (subset) accuracy: the share of records whose predicted set of this taxonomy's
/// industries equals their true set, the empty set included (scikit-learn's <c>accuracy_score</c> on multi-label indicators).</param>
/// <param name="MacroF1">Mean F1 over the industries with at least one held-out record (<see cref="ClassesEvaluated"/>);
/// an industry without a model counts with F1 = 0.</param>
/// <param name="MicroF1">F1 of all (record, industry) decisions pooled.</param>
/// <param name="ClassesEvaluated">Industries in the macro average.</param>
/// <param name="Classes">Per industry, with support 0 ones too (they are not averaged).</param>
public sealed record TaxonomyQuality(string TaxonomyId, int Records, double Accuracy, double MacroF1, double MicroF1, int ClassesEvaluated, IReadOnlyList<ClassMetrics> Classes);

/// <summary>The classifier's quality measured on records it was not trained on.</summary>
/// <param name="TrainRecords">Records the evaluated model was trained on.</param>
/// <param name="HeldOutRecords">Records it was tested on.</param>
/// <param name="Split">How the split was made.</param>
/// <param name="Threshold">Probability from which an industry counts as predicted.</param>
/// <param name="Taxonomies">SEI first-level industries, then the city chains.</param>
/// <param name="Notes">What the figures mean and what they cannot say.</param>
public sealed record ClassifierQuality(int TrainRecords, int HeldOutRecords, string Split, double Threshold, IReadOnlyList<TaxonomyQuality> Taxonomies, IReadOnlyList<string> Notes);

/// <summary>Multi-label metrics (accuracy, macro- and micro-F1, per-class precision/recall) used for the classifier's quality
/// report and, with the same code, for any peer's predictions in the benchmark.</summary>
public static class ClassifierMetrics
{
    /// <summary>Computes the quality of predicted label sets against true ones over one taxonomy's classes.</summary>
    /// <param name="taxonomyId">The taxonomy the classes belong to.</param>
    /// <param name="classes">The taxonomy's classes (key, name, whether a model exists); labels outside them are ignored.</param>
    /// <param name="truth">Per record, the true keys.</param>
    /// <param name="predicted">Per record, the predicted keys (same order and count as <paramref name="truth"/>).</param>
    public static TaxonomyQuality Compute(
        string taxonomyId,
        IReadOnlyList<(string Key, string Name, bool Trained)> classes,
        IReadOnlyList<IReadOnlyCollection<string>> truth,
        IReadOnlyList<IReadOnlyCollection<string>> predicted)
    {
        ArgumentNullException.ThrowIfNull(classes);
        ArgumentNullException.ThrowIfNull(truth);
        ArgumentNullException.ThrowIfNull(predicted);
        if (truth.Count != predicted.Count)
        {
            throw new ArgumentException(FormattableString.Invariant($"{truth.Count} true label sets but {predicted.Count} predicted ones"), nameof(predicted));
        }

        var keys = classes.Select(c => c.Key).ToHashSet(StringComparer.Ordinal);
        var tp = new int[classes.Count];
        var support = new int[classes.Count];
        var predictedCount = new int[classes.Count];
        var exact = 0;
        for (var r = 0; r < truth.Count; r++)
        {
            var t = truth[r].Where(keys.Contains).ToHashSet(StringComparer.Ordinal);
            var p = predicted[r].Where(keys.Contains).ToHashSet(StringComparer.Ordinal);
            if (t.SetEquals(p))
            {
                exact++;
            }

            for (var c = 0; c < classes.Count; c++)
            {
                var inT = t.Contains(classes[c].Key);
                var inP = p.Contains(classes[c].Key);
                support[c] += inT ? 1 : 0;
                predictedCount[c] += inP ? 1 : 0;
                tp[c] += inT && inP ? 1 : 0;
            }
        }

        var metrics = new List<ClassMetrics>(classes.Count);
        for (var c = 0; c < classes.Count; c++)
        {
            var precision = predictedCount[c] == 0 ? 0 : tp[c] / (double)predictedCount[c];
            var recall = support[c] == 0 ? 0 : tp[c] / (double)support[c];
            var f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            metrics.Add(new ClassMetrics(classes[c].Key, classes[c].Name, support[c], predictedCount[c], tp[c], Round(precision), Round(recall), Round(f1), classes[c].Trained));
        }

        var evaluated = metrics.Where(m => m.Support > 0).ToList();
        var macro = evaluated.Count == 0 ? 0 : Enumerable.Range(0, classes.Count).Where(c => support[c] > 0).Average(c => F1(tp[c], predictedCount[c], support[c]));
        var micro = F1(tp.Sum(), predictedCount.Sum(), support.Sum());
        return new TaxonomyQuality(taxonomyId, truth.Count, Round(truth.Count == 0 ? 0 : exact / (double)truth.Count), Round(macro), Round(micro), evaluated.Count, metrics);
    }

    private static double F1(int tp, int predicted, int support) => predicted + support == 0 ? 0 : 2.0 * tp / (predicted + support);

    private static double Round(double value) => Math.Round(value, 4);
}
