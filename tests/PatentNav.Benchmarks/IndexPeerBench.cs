using System.Diagnostics;
using System.Globalization;
using System.Text;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Store;
using PatentNav.Records;
using PatentNav.Search;
using PatentNav.Storage;
using PatentNav.Taxonomy;
using PatentNav.Text;

namespace PatentNav.Benchmarks;

/// <summary>
/// Indexing throughput next to Lucene Java 8.7 (peers/IndexPeer.java) on the same documents with the same fields, two
/// indexing threads each. The documents are the ones <see cref="IndexSchema.ToDocument"/> builds: the TSV for the peer is
/// written from those documents' field values, so both sides index exactly the same values.
/// </summary>
/// <remarks>
/// <para>Ours is measured twice: through the product's path (<see cref="PatentIndex.Upsert"/>, which builds each document
/// — _source JSON, name keys, IPC and region keys, industries — inside the timing), and with the documents built before
/// timing and fed to a writer with the product's settings (<see cref="PatentIndex.CreateWriterConfig"/>): that one and the
/// peer both time only <c>UpdateDocument</c>, commit and close.</para>
/// <para><c>fields</c> narrows both sides for attribution: <c>text</c> keeps pn and the title/abstract/claims word and
/// bigram fields; <c>no-words</c> drops the three SmartCn word fields.</para>
/// </remarks>
internal static class IndexPeerBench
{
    private const int Threads = 2;
    private const int Chunk = 256;

    /// <summary>The peer's TSV columns: Lucene field names. title_bg etc. repeat title etc. and pn_sort repeats pn, so
    /// they are checked rather than written.</summary>
    private static readonly string[] Columns =
    [
        IndexSchema.Pn, IndexSchema.Source, IndexSchema.Title, IndexSchema.Abstract, IndexSchema.Claims,
        IndexSchema.ApplicantBigrams, IndexSchema.InventorBigrams,
        IndexSchema.An, IndexSchema.Applicant, IndexSchema.Inventor, IndexSchema.Ipc, IndexSchema.MainIpc, IndexSchema.Region,
        IndexSchema.Kind, IndexSchema.Status, IndexSchema.Source_Format, IndexSchema.Industry,
        IndexSchema.FacetApplicant, IndexSchema.FacetIpc, IndexSchema.FacetProvince, IndexSchema.FacetCity, IndexSchema.FacetKind,
        IndexSchema.FacetStatus, IndexSchema.FacetIndustry, IndexSchema.FacetBranch, IndexSchema.FacetChain, IndexSchema.FacetYear,
        IndexSchema.Filed, IndexSchema.Published, IndexSchema.Granted,
    ];

    private static readonly string[] WordFields = [IndexSchema.Title, IndexSchema.Abstract, IndexSchema.Claims];

    public static int Run(string corpusPath, string outDir, int rounds, string fields)
    {
        var records = File.ReadLines(corpusPath).Where(l => l.Length > 0).Select(PatentJson.Deserialize).ToList();
        PatentAnalyzers.WarmUp();
        var tsvPath = Path.Combine(outDir, $"peer-docs-{records.Count}.tsv");
        var stopPath = Path.Combine(outDir, "peer-stopwords.txt");
        File.WriteAllLines(stopPath, PatentStopWords.Words);

        // Build every document once, as the import does, on one thread: this is the part of Upsert the peer does not do.
        var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
        var sw = Stopwatch.StartNew();
        var docs = new List<Document>(records.Count);
        var taxonomies = IndustryTaxonomies.Default;
        using (var tsv = new StreamWriter(tsvPath, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)))
        {
            tsv.Write(string.Join('\t', Columns) + "\n");
            foreach (var r in records)
            {
                var doc = IndexSchema.ToDocument(r, taxonomies);
                var values = Values(doc);
                tsv.Write(string.Join('\t', Columns.Select(c => Escape(values.TryGetValue(c, out var v) ? string.Join(IndexSchema.ValueSeparator, v) : string.Empty))) + "\n");
                docs.Add(Detach(doc, fields));
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"index peer: {records.Count:N0} records, fields: {fields}, {Threads} indexing threads; documents built and TSV written in {sw.Elapsed.TotalSeconds:F1} s ({(Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalSeconds:F1} CPU-s) → {tsvPath}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  building the documents alone (IndexSchema.ToDocument: _source JSON, keys, industries), one thread: {BuildCost(records, taxonomies):F1} CPU-s"));

        var ourDir = Path.Combine(outDir, $"index-peer-ours-{records.Count}");
        // A short first pass so that SmartCn's dictionaries, the JIT and the thread-local analyzers are ready (tiered
        // compilation is off in this project, so methods are fully compiled on first call).
        IndexDocuments(records, docs.Take(2_000).ToList(), ourDir);
        if (fields == "all")
        {
            Console.WriteLine("ours, PatentIndex.Upsert (documents built inside the timing), then Commit + Dispose:");
            Rounds(records.Count, rounds, () => Upsert(records, ourDir), ourDir);
        }

        Console.WriteLine("ours, documents built before timing, IndexWriter.UpdateDocument with PatentIndex's writer settings, then commit + dispose:");
        Rounds(records.Count, rounds, () => IndexDocuments(records, docs, ourDir), ourDir);

        return RunPeer(tsvPath, stopPath, Path.Combine(outDir, $"index-peer-java-{records.Count}"), rounds, fields);
    }

    /// <summary>The values of each field of a document, by field name, as the TSV carries them.</summary>
    private static Dictionary<string, List<string>> Values(Document doc)
    {
        var values = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var f in doc.Fields)
        {
            string value;
            if (f.GetBinaryValue() is { } bytes)
            {
                value = Encoding.UTF8.GetString(bytes.Bytes, bytes.Offset, bytes.Length);
            }
            else if (f.NumericType != NumericFieldType.NONE)
            {
                value = Convert.ToString(f.GetInt64Value() ?? f.GetInt32Value(), CultureInfo.InvariantCulture) ?? string.Empty;
            }
            else
            {
                value = f.GetStringValue(CultureInfo.InvariantCulture) ?? throw new InvalidDataException($"field {f.Name} has no value the peer can read");
            }

            if (!values.TryGetValue(f.Name, out var list))
            {
                values[f.Name] = list = [];
            }

            list.Add(value);
        }

        // Fields the peer derives from others: check that they are what it will derive.
        foreach (var (name, list) in values)
        {
            var derivedFrom = name switch
            {
                IndexSchema.PnSort => IndexSchema.Pn,
                _ when name.EndsWith(IndexSchema.BigramSuffix, StringComparison.Ordinal) && WordFields.Contains(name[..^IndexSchema.BigramSuffix.Length]) => name[..^IndexSchema.BigramSuffix.Length],
                _ when Columns.Contains(name) => null,
                _ => throw new InvalidDataException($"IndexSchema.ToDocument writes a field the peer does not know: {name}; add it to IndexPeerBench and IndexPeer.java"),
            };
            if (derivedFrom is not null && !list.SequenceEqual(values.TryGetValue(derivedFrom, out var source) ? source : ["0"], StringComparer.Ordinal))
            {
                throw new InvalidDataException($"{name} ({string.Join(',', list)}) is not what the peer derives from {derivedFrom}");
            }
        }

        return values;
    }

    /// <summary>A copy of the document that can be indexed from any thread, in any round, restricted to <paramref name="fields"/>:
    /// ToDocument reuses per-thread instances for pn and the dates, so those are copied into new fields.</summary>
    private static Document Detach(Document doc, string fields)
    {
        string[] text = [IndexSchema.Pn, .. WordFields, .. WordFields.Select(f => f + IndexSchema.BigramSuffix)];
        var copy = new Document();
        foreach (var f in doc.Fields)
        {
            if ((fields == "text" && !text.Contains(f.Name)) || (fields == "no-words" && WordFields.Contains(f.Name)))
            {
                continue;
            }

            copy.Add(f switch
            {
                StringField s when s.Name == IndexSchema.Pn => new StringField(IndexSchema.Pn, s.GetStringValue(CultureInfo.InvariantCulture), Field.Store.NO),
                Int32Field i => new Int32Field(i.Name, i.GetInt32Value() ?? 0, Field.Store.NO),
                _ => f,
            });
        }

        return copy;
    }

    private static double BuildCost(List<PatentRecord> records, IndustryTaxonomies taxonomies)
    {
        var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
        var n = 0;
        foreach (var r in records)
        {
            n += IndexSchema.ToDocument(r, taxonomies).Fields.Count;
        }

        return n > 0 ? (Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalSeconds : 0;
    }

    private static void Upsert(List<PatentRecord> records, string dir)
    {
        using var index = PatentIndex.Open(dir);
        OnThreads(records.Count, i => index.Upsert(records[i]));
        index.Commit(new Dictionary<string, string>(StringComparer.Ordinal) { ["import"] = "bench" });
    }

    private static void IndexDocuments(List<PatentRecord> records, List<Document> docs, string dir)
    {
        Reset(dir);
        using var directory = new NIOFSDirectory(new DirectoryInfo(dir));
        using var writer = new IndexWriter(directory, PatentIndex.CreateWriterConfig());
        OnThreads(docs.Count, i => writer.UpdateDocument(new Term(IndexSchema.Pn, records[i].PublicationNumber.Value), docs[i]));
        writer.SetCommitData(new Dictionary<string, string>(StringComparer.Ordinal) { ["import"] = "bench" });
        writer.Commit();
    }

    /// <summary>Runs <paramref name="action"/> for 0..count-1 on <see cref="Threads"/> threads taking chunks from a shared counter.</summary>
    private static void OnThreads(int count, Action<int> action)
    {
        var next = 0;
        var threads = Enumerable.Range(0, Threads).Select(_ => new Thread(() =>
        {
            for (int start; (start = Interlocked.Add(ref next, Chunk) - Chunk) < count;)
            {
                for (var i = start; i < Math.Min(start + Chunk, count); i++)
                {
                    action(i);
                }
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
    }

    private static void Rounds(int count, int rounds, Action indexOnce, string dir)
    {
        var walls = new List<double>();
        var cpus = new List<double>();
        for (var round = 0; round < rounds; round++)
        {
            Reset(dir);
            GC.Collect();
            var load = BenchStats.LoadAverage();
            var process = Process.GetCurrentProcess();
            var cpu0 = process.TotalProcessorTime;
            var pause0 = GC.GetTotalPauseDuration();
            var sw = Stopwatch.StartNew();
            indexOnce();
            var wall = sw.Elapsed.TotalSeconds;
            process.Refresh();
            var cpu = (process.TotalProcessorTime - cpu0).TotalSeconds;
            walls.Add(wall);
            cpus.Add(cpu);
            var size = new DirectoryInfo(dir).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  round {round + 1}: {wall:F1} s wall, {cpu:F1} s CPU, {count / wall:N0} records/s, index {size >> 20:N0} MB, GC paused {(GC.GetTotalPauseDuration() - pause0).TotalSeconds:F1} s, load {load} -> {BenchStats.LoadAverage()}"));
        }

        walls.Sort();
        cpus.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  median of {rounds} rounds: {walls[rounds / 2]:F1} s wall, {cpus[rounds / 2]:F1} s CPU, {count / walls[rounds / 2]:N0} records/s"));
    }

    private static int RunPeer(string tsvPath, string stopPath, string javaDir, int rounds, string fields)
    {
        string[] jars = ["/usr/share/java/lucene-core-8.7.0.jar", "/usr/share/java/lucene-analyzers-common-8.7.0.jar", "/usr/share/java/lucene-analyzers-smartcn-8.7.0.jar"];
        var source = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "peers", "IndexPeer.java");
        if (!jars.All(File.Exists) || !OnPath("javac") || !File.Exists(source))
        {
            Console.WriteLine("lucene java 8.7 index peer: skipped (needs Debian's liblucene8-java, a JDK's javac and peers/IndexPeer.java)");
            return 0;
        }

        var classes = System.IO.Directory.CreateTempSubdirectory("index-peer-");
        try
        {
            var classPath = string.Join(':', jars);
            if (Exec("javac", ["-d", classes.FullName, "-cp", classPath, source]) != 0)
            {
                return 1;
            }

            // Heap: the parsed TSV and the built documents (about 1 GB at 100k) plus the writer's 64 MB buffers per thread.
            Console.WriteLine("lucene java 8.7 (peers/IndexPeer.java), one warm-up round for the JIT, then the rounds:");
            return Exec("java", ["-Xmx4g", "-cp", $"{classPath}:{classes.FullName}", "IndexPeer", Path.GetFullPath(tsvPath), Path.GetFullPath(stopPath),
                Path.GetFullPath(javaDir), Threads.ToString(CultureInfo.InvariantCulture), rounds.ToString(CultureInfo.InvariantCulture), fields]);
        }
        finally
        {
            classes.Delete(recursive: true);
        }
    }

    private static int Exec(string file, IEnumerable<string> args)
    {
        var psi = new ProcessStartInfo(file) { UseShellExecute = false };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var process = Process.Start(psi)!;
        process.WaitForExit();
        return process.ExitCode;
    }

    private static bool OnPath(string command) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':').Any(d => d.Length > 0 && File.Exists(Path.Combine(d, command)));

    private static void Reset(string dir)
    {
        if (System.IO.Directory.Exists(dir))
        {
            System.IO.Directory.Delete(dir, recursive: true);
        }
    }

    private static string Escape(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\t", "\\t", StringComparison.Ordinal)
            .Replace("\n", "\\n", StringComparison.Ordinal).Replace("\r", "\\r", StringComparison.Ordinal);
}
