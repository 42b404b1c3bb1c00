using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using PatentNav.Records;
using PatentNav.Taxonomy;
using PatentNav.Text;

namespace PatentNav.Core.Tests.Taxonomy;

/// <summary>The bundled sample's labelled records (real titles and IPC subclasses), its lexicon, and one model trained on
/// them, shared by the classifier tests (training takes a few seconds).</summary>
public sealed class SampleClassifier
{
    public SampleClassifier()
    {
        var records = File.ReadLines(Path.Combine(AppContext.BaseDirectory, "data-samples", "patents.jsonl")).Select(PatentJson.Deserialize).ToList();
        Lexicon = TermDiscovery.Discover(records.Select(AnalysisText.Of));
        Examples = records.Where(r => r.Ipc.Count > 0)
            .Select(r => new ClassifierExample(AnalysisText.Of(r), IndustryClassifier.LabelsOf(r, IndustryTaxonomies.Default)))
            .ToList();
        Model = IndustryClassifier.Train(Examples, IndustryTaxonomies.Default, Lexicon);
    }

    public TermLexicon Lexicon { get; }

    public IReadOnlyList<ClassifierExample> Examples { get; }

    public IndustryClassifier Model { get; }
}

public sealed class IndustryClassifierTests(SampleClassifier sample) : IClassFixture<SampleClassifier>
{
    private static readonly string[] Texts =
    [
        "一种基于深度学习的图像识别方法、装置、电子设备及存储介质",
        "一种治疗糖尿病的中药组合物及其制备方法",
        "一种催化裂化汽油加氢脱硫催化剂",
        "一种石墨烯改性碳纤维增强复合材料及其制备方法",
    ];

    [Fact]
    public void Train_SameData_GivesIdenticalProbabilities()
    {
        var again = IndustryClassifier.Train(sample.Examples, IndustryTaxonomies.Default, sample.Lexicon);

        Assert.Equal(sample.Model.Vocabulary, again.Vocabulary);
        foreach (var text in Texts)
        {
            Assert.Equal(sample.Model.Probabilities(text), again.Probabilities(text));
        }
    }

    [Fact]
    public void ToJson_RoundTrip_KeepsProbabilitiesAndClasses()
    {
        var read = IndustryClassifier.FromJson(sample.Model.ToJson());

        Assert.Equal(sample.Model.Classes, read.Classes);
        Assert.Equal(sample.Model.Lexicon.Terms.Count, read.Lexicon.Terms.Count);
        foreach (var text in Texts)
        {
            Assert.Equal(sample.Model.Probabilities(text), read.Probabilities(text));
        }
    }

    [Theory]
    [InlineData("一种基于深度学习的图像识别方法、装置、电子设备及存储介质", "sei:1", "city:新一代信息技术")]
    [InlineData("一种治疗糖尿病的中药组合物及其制备方法", "sei:4", "city:新医药")]
    public void Predict_ClearText_TopIndustryIsTheRightOne(string text, string sei, string city)
    {
        var prediction = sample.Model.Predict(text, top: 2);

        var seiTop = prediction.Taxonomies.Single(t => t.TaxonomyId == "sei").Industries[0];
        var cityTop = prediction.Taxonomies.Single(t => t.TaxonomyId == "city").Industries[0];
        Assert.Equal(sei, seiTop.Key);
        Assert.Equal(city, cityTop.Key);
        Assert.True(seiTop.Predicted, $"{seiTop.Key} {seiTop.Probability}");
        Assert.True(cityTop.Probability > 0.9, $"{cityTop.Key} {cityTop.Probability}");
        Assert.All(prediction.Taxonomies, t => Assert.Equal(2, t.Industries.Count));
        Assert.True(seiTop.Contributions[0].Contribution > 0);
    }

    [Fact]
    public void Predict_PetrochemicalCatalyst_IsCityHighEndPetrochemicalsBecauseOfItsWords()
    {
        var city = sample.Model.Predict("一种催化裂化汽油加氢脱硫催化剂").Taxonomies.Single(t => t.TaxonomyId == "city");

        Assert.Equal("city:高端石化", city.Industries[0].Key);
        Assert.Contains(city.Industries[0].Contributions, c => c.Feature == "催化剂" && c.Contribution > 0);
    }

    [Fact]
    public void DiscoveredTerms_AreFeaturesAndContributions()
    {
        foreach (var term in new[] { "区块链", "云计算" })
        {
            Assert.True(sample.Lexicon.Contains(term), term);
            Assert.Contains(term, sample.Model.Vocabulary);
            Assert.True(sample.Model.WeightsOf("sei:1")!.ContainsKey(term), term);
        }

        var prediction = sample.Model.Predict("一种基于区块链和云计算的数据共享方法", top: 9);

        Assert.Contains("区块链", prediction.Features);
        Assert.DoesNotContain("区块", prediction.Features); // joined, not split as the dictionary alone would
        var it = prediction.Taxonomies.Single(t => t.TaxonomyId == "sei").Industries.Single(i => i.Key == "sei:1");
        Assert.Contains(it.Contributions, c => c.Feature == "区块链");

        // Words of the patent vocabulary are whole features without discovery.
        var materials = sample.Model.Predict("一种石墨烯改性碳纤维增强复合材料及其制备方法", top: 9).Features;
        Assert.Contains("石墨烯", materials);
        Assert.Contains("碳纤维", materials);
        Assert.DoesNotContain("纤维", materials);
    }

    [Fact]
    public void Classes_WithoutEnoughLabels_AreListedNotTrainedAndNeverPredicted()
    {
        // The sample's IPC codes are subclasses only: SEI 6 (新能源) has group-level patterns only, so no record is labelled.
        var newEnergy = sample.Model.Classes.Single(c => c.Key == "sei:6");
        Assert.False(newEnergy.Trained);
        Assert.Equal(0, newEnergy.Positives);
        Assert.Contains("at least 10", newEnergy.NotTrainedReason, StringComparison.Ordinal);

        var prediction = sample.Model.Predict("一种光伏发电太阳能电池组件", top: 50);
        var sei = prediction.Taxonomies.Single(t => t.TaxonomyId == "sei");
        Assert.DoesNotContain(sei.Industries, i => i.Key == "sei:6");
        Assert.Contains(sei.NotTrained, c => c.Key == "sei:6");
        Assert.Equal(sample.Model.Classes.Count(c => c.TaxonomyId == "sei" && c.Trained), sei.Industries.Count);
    }

    [Fact]
    public void Train_TooFewLabelledRecords_SaysHowManyAreNeeded()
    {
        var ex = Assert.Throws<InsufficientTrainingDataException>(() =>
            IndustryClassifier.Train(sample.Examples.Take(150).ToList(), IndustryTaxonomies.Default, sample.Lexicon));

        Assert.Equal(150, ex.LabelledRecords);
        Assert.Equal(200, ex.RequiredRecords);
        Assert.Contains("at least 200", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Train_NoIndustryWithEnoughPositives_Throws()
    {
        var unlabelled = sample.Examples.Where(e => e.Labels.Count == 0).Take(300).ToList();

        var ex = Assert.Throws<InsufficientTrainingDataException>(() => IndustryClassifier.Train(unlabelled, IndustryTaxonomies.Default, sample.Lexicon));
        Assert.Contains("no industry has at least 10", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_HeldOut_ReportsPerTaxonomyFigures()
    {
        var train = sample.Examples.Where((_, i) => i % 5 != 0).ToList();
        var heldOut = sample.Examples.Where((_, i) => i % 5 == 0).ToList();
        var model = IndustryClassifier.Train(train, IndustryTaxonomies.Default, sample.Lexicon);

        var quality = model.Evaluate(heldOut, "every fifth record");

        Assert.Equal(heldOut.Count, quality.HeldOutRecords);
        Assert.Equal(["sei", "city"], quality.Taxonomies.Select(t => t.TaxonomyId));
        var sei = quality.Taxonomies[0];
        Assert.Equal(9, sei.Classes.Count);
        Assert.Equal(heldOut.Count(e => e.Labels.Contains("sei:1")), sei.Classes.Single(c => c.Key == "sei:1").Support);
        Assert.Equal(sei.Classes.Count(c => c.Support > 0), sei.ClassesEvaluated);
        Assert.InRange(sei.MacroF1, 0.05, 1);
        Assert.InRange(sei.Accuracy, 0.3, 1);
        Assert.True(sei.Classes.Single(c => c.Key == "sei:1").F1 > 0.4);
    }

    [Fact]
    public void Metrics_FollowTheirDefinitions()
    {
        (string, string, bool)[] classes = [("a", "A", true), ("b", "B", true), ("c", "C", false)];
        IReadOnlyCollection<string>[] truth = [["a"], ["a", "b"], [], ["b"]];
        IReadOnlyCollection<string>[] predicted = [["a"], ["a"], ["b"], []];

        var q = ClassifierMetrics.Compute("t", classes, truth, predicted);

        // a: TP 2, FP 0, FN 0 → F1 1; b: TP 0, FP 1, FN 2 → F1 0; c has no support → not averaged.
        Assert.Equal(0.5, q.MacroF1);
        Assert.Equal(0.25, q.Accuracy); // only the first record matches exactly
        Assert.Equal(Math.Round(2.0 * 2 / (3 + 4), 4), q.MicroF1);
        Assert.Equal(2, q.ClassesEvaluated);
    }

    [Fact]
    public void SigmoidOfTheLinearScore_IsMlNetsLogisticRegressionProbability()
    {
        // Predictions evaluate the extracted weights directly; this pins the assumption that ML.NET's L-BFGS logistic
        // regression is calibrated by the identity Platt sigmoid (slope -1, offset 0).
        var ml = new MLContext(seed: 1);
        var random = new Random(3);
        var rows = Enumerable.Range(0, 400).Select(_ =>
        {
            var f = Enumerable.Range(0, 12).Select(_ => (float)random.NextDouble()).ToArray();
            return new Row { Features = f, Label = f[0] + f[1] - f[2] + (0.3 * random.NextDouble()) > 0.9 };
        }).ToList();
        var data = ml.Data.LoadFromEnumerable(rows);
        var model = ml.BinaryClassification.Trainers.LbfgsLogisticRegression(new LbfgsLogisticRegressionBinaryTrainer.Options { L2Regularization = 0.01f, NumberOfThreads = 1 }).Fit(data);
        var output = ml.Data.CreateEnumerable<Output>(model.Transform(data), reuseRowObject: false).ToList();
        var w = model.Model.SubModel.Weights.ToArray();

        for (var i = 0; i < rows.Count; i++)
        {
            var score = model.Model.SubModel.Bias + rows[i].Features.Select((x, j) => x * (double)w[j]).Sum();
            Assert.InRange(Math.Abs(output[i].Probability - (1 / (1 + Math.Exp(-score)))), 0, 1e-5); // float vs double
        }
    }

    private sealed class Row
    {
        [VectorType(12)]
        public float[] Features { get; set; } = [];

        public bool Label { get; set; }
    }

    private sealed class Output
    {
        public float Probability { get; set; }
    }
}
