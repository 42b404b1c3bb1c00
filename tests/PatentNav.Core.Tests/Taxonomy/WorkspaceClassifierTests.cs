using PatentNav.Records;
using PatentNav.Taxonomy;
using PatentNav.Workspace;

namespace PatentNav.Core.Tests.Taxonomy;

/// <summary>The workspace's classifier: trained from its own IPC-labelled records, measured on a held-out part, cached per
/// index version, retrained when the records change.</summary>
public sealed class WorkspaceClassifierTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "patentnav-classifier-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    [Fact]
    public async Task Classifier_IsTrainedMeasuredCachedAndRetrainedWhenRecordsChange()
    {
        string stamp;
        IReadOnlyDictionary<string, double> probabilities;
        using (var ws = Open())
        {
            await ws.Imports.ImportFileAsync(Sample("patents.jsonl"));
            Assert.False((await ws.Classifier.GetClassifierStatusAsync()).Trained);

            var stages = new List<string>();
            var model = await ws.Classifier.TrainClassifierAsync(new SyncProgress(p => stages.Add(p.Stage)));

            Assert.Equal(7838, model.TrainingRecords); // the sample's records with IPC codes; the 696 without are not labels
            Assert.Contains("training", stages);
            Assert.Contains("evaluating: training", stages);
            var quality = model.Quality!;
            Assert.Equal(model.TrainingRecords, quality.TrainRecords + quality.HeldOutRecords);
            Assert.InRange(quality.HeldOutRecords, 1300, 1900);
            Assert.All(quality.Taxonomies, t => Assert.InRange(t.MacroF1, 0.05, 1));
            Assert.True((await ws.Classifier.GetClassifierStatusAsync()).Current);
            Assert.Same(model, await ws.Classifier.TrainClassifierAsync());

            var prediction = await ws.Classifier.ClassifyAsync("一种治疗糖尿病的中药组合物及其制备方法");
            Assert.Equal("sei:4", prediction.Taxonomies[0].Industries[0].Key);
            Assert.Equal(model.Stamp, prediction.Model.Stamp);
            stamp = model.Stamp!;
            probabilities = model.Probabilities("一种基于深度学习的图像识别方法");
        }

        Assert.True(File.Exists(Path.Combine(_dir, "classifier", "model.json")));
        using (var ws = Open())
        {
            var status = await ws.Classifier.GetClassifierStatusAsync();
            Assert.True(status.Trained);
            Assert.True(status.Current);
            var reopened = await ws.Classifier.TrainClassifierAsync();
            Assert.Equal(stamp, reopened.Stamp);
            Assert.Equal(probabilities, reopened.Probabilities("一种基于深度学习的图像识别方法"));

            // One more record (a sample title under a local ZZ number, see data-samples/README.md) changes the index.
            var extra = Path.Combine(_dir, "extra.jsonl");
            var first = File.ReadLines(Sample("patents.jsonl")).First();
            await File.WriteAllTextAsync(extra, first.Replace("\"CN106052134B\"", "\"ZZ9999999A\"", StringComparison.Ordinal) + "\n");
            Assert.Equal(1, (await ws.Imports.ImportFileAsync(extra)).Imported);
            Assert.False((await ws.Classifier.GetClassifierStatusAsync()).Current);
            var retrained = await ws.Classifier.TrainClassifierAsync();
            Assert.NotEqual(stamp, retrained.Stamp);
            Assert.True((await ws.Classifier.GetClassifierStatusAsync()).Current);
        }
    }

    [Fact]
    public async Task PredictIndustries_RecordWithoutIpc_IsPredictedFromItsTextAndNotIndexed()
    {
        using var ws = Open();
        await ws.Imports.ImportFileAsync(Sample("patents.jsonl"));
        var withoutIpc = await ws.Search.ReadAllAsync().FirstAsync(r => r.Ipc.Count == 0);
        Assert.Empty(await ws.Search.GetIndustriesAsync(withoutIpc.PublicationNumber.Value) ?? [null!]);

        var result = await ws.Classifier.PredictIndustriesAsync(withoutIpc.PublicationNumber.Value, top: 3);

        Assert.NotNull(result);
        Assert.Equal(withoutIpc.PublicationNumber, result.Value.Record.PublicationNumber);
        Assert.Equal(2, result.Value.Prediction.Taxonomies.Count);
        Assert.NotEmpty(result.Value.Prediction.Features);
        Assert.Empty(await ws.Search.GetIndustriesAsync(withoutIpc.PublicationNumber.Value) ?? [null!]);
        Assert.Null(await ws.Classifier.PredictIndustriesAsync("CN000000000A"));
    }

    [Fact]
    public async Task TrainClassifier_LargeWorkspace_TrainsOnAFixedSample()
    {
        using var ws = PatentWorkspace.Open(new PatentWorkspaceOptions { DataDirectory = _dir, Classifier = new IndustryClassifierOptions { MaxTrainingRecords = 3000 } });
        await ws.Imports.ImportFileAsync(Sample("patents.jsonl"));

        var model = await ws.Classifier.TrainClassifierAsync();

        // 3,000 of 8,534 documents ≈ 35 %, of which the 7,838 with IPC codes are labelled: about 2,750.
        Assert.InRange(model.TrainingRecords, 2400, 3100);
        Assert.Contains("sample of the 8534 records", model.Quality!.Split, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TrainClassifier_TooFewLabelledRecords_ThrowsWithCounts()
    {
        using var ws = Open();
        await ws.Imports.ImportFileAsync(Sample("fixtures", "patents-sample.jsonl"));

        var ex = await Assert.ThrowsAsync<InsufficientTrainingDataException>(() => ws.Classifier.ClassifyAsync("一种锂离子电池"));

        Assert.Equal(200, ex.RequiredRecords);
        Assert.InRange(ex.LabelledRecords, 1, 25);
        Assert.Contains("at least 200", ex.Message, StringComparison.Ordinal);
        Assert.False((await ws.Classifier.GetClassifierStatusAsync()).Trained);
    }

    [Fact]
    public async Task Classify_BadArguments_AreRefused()
    {
        using var ws = Open();
        await Assert.ThrowsAsync<ArgumentException>(() => ws.Classifier.ClassifyAsync(" "));
        await Assert.ThrowsAsync<ArgumentException>(() => ws.Classifier.ClassifyAsync(new string('碳', 10_001)));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => ws.Classifier.ClassifyAsync("碳纤维", top: 0));
    }

    private static string Sample(params string[] parts) => Path.Combine([AppContext.BaseDirectory, "data-samples", .. parts]);

    private PatentWorkspace Open() => PatentWorkspace.Open(new PatentWorkspaceOptions { DataDirectory = _dir });

    private sealed class SyncProgress(Action<AnalysisProgress> report) : IProgress<AnalysisProgress>
    {
        private readonly Lock _lock = new();

        public void Report(AnalysisProgress value)
        {
            lock (_lock)
            {
                report(value);
            }
        }
    }
}
