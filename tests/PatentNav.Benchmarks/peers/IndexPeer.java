// Peer benchmark: Lucene Java 8.7 (Debian liblucene8-java) indexing the documents PatentNav's IndexSchema.ToDocument
// builds, with the same fields, field types and analysis chains, from the TSV the benchmark writes (--index-peer).
// Usage: java -cp <lucene jars>:. IndexPeer docs.tsv stopwords.txt indexDir [threads 2] [rounds 3] [fields all|text|no-words]
//
// The TSV's header names the Lucene fields (one column per field name; multi-valued columns joined by U+001F, as our
// keyword-list fields are; tab, newline, CR and backslash escaped with a backslash). Field layout, as IndexSchema:
//   pn            StringField (not stored) + SortedDocValuesField pn_sort; the update term
//   _source       StoredField, the record's UTF-8 JSON bytes
//   title/abstract/claims   SmartChineseAnalyzer with the patent stop list, DOCS_AND_FREQS, norms, not stored
//   <those>_bg, applicant_bg, inventor_bg   CJK bigrams (StandardTokenizer, CJKWidthFilter, LowerCaseFilter,
//                 CJKBigramFilter: CJKAnalyzer's chain without stop words), TextField (positions)
//   keyword fields  one tokenised field per name holding all values split on U+001F, DOCS only, norms omitted
//   f_*           SortedSetDocValuesField per value
//   filed/published/granted   IntPoint (Lucene 8 has no trie IntField; ours is Lucene.Net 4.8's trie Int32Field), no DocValues
// Writer: RAM buffer 64 MB, flushed segments not compound, BM25, NIOFSDirectory, default merge policy and scheduler.
// The TSV is parsed and the documents built before timing; each round indexes them from `threads` threads (chunks of 256
// from a shared counter) with updateDocument(pn), then commits and closes (merges included). One warm-up round first
// (the JIT), not counted; the median of the rounds after it is reported.
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.cjk.CJKBigramFilter;
import org.apache.lucene.analysis.cjk.CJKWidthFilter;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.util.CharTokenizer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.IntPoint;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.SortedSetDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.NIOFSDirectory;
import org.apache.lucene.util.BytesRef;

public class IndexPeer {
    static final char SEP = '\u001F';
    static final Set<String> WORDS = Set.of("title", "abstract", "claims");
    static final Set<String> KEYWORDS = Set.of("an", "applicant", "inventor", "ipc", "ipc_main", "region", "kind", "status", "source", "industry");
    static final Set<String> NAMES_BG = Set.of("applicant_bg", "inventor_bg");
    static final Set<String> DATES = Set.of("filed", "published", "granted");
    static final FieldType WORDS_TYPE = new FieldType();
    static final FieldType KEYWORD_LIST_TYPE = new FieldType();

    static {
        WORDS_TYPE.setTokenized(true);
        WORDS_TYPE.setStored(false);
        WORDS_TYPE.setIndexOptions(IndexOptions.DOCS_AND_FREQS);
        WORDS_TYPE.freeze();
        KEYWORD_LIST_TYPE.setTokenized(true);
        KEYWORD_LIST_TYPE.setStored(false);
        KEYWORD_LIST_TYPE.setOmitNorms(true);
        KEYWORD_LIST_TYPE.setIndexOptions(IndexOptions.DOCS);
        KEYWORD_LIST_TYPE.freeze();
    }

    public static void main(String[] args) throws Exception {
        Path tsv = Paths.get(args[0]);
        Path stopFile = Paths.get(args[1]);
        Path dir = Paths.get(args[2]);
        int threads = args.length > 3 ? Integer.parseInt(args[3]) : 2;
        int rounds = args.length > 4 ? Integer.parseInt(args[4]) : 3;
        String fields = args.length > 5 ? args[5] : "all";

        List<String> lines = Files.readAllLines(tsv, StandardCharsets.UTF_8);
        String[] header = lines.get(0).split("\t", -1);
        List<Document> docs = new ArrayList<>(lines.size() - 1);
        List<String> keys = new ArrayList<>(lines.size() - 1);
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isEmpty()) continue;
            String[] cells = lines.get(i).split("\t", -1);
            Map<String, String> row = new HashMap<>();
            for (int c = 0; c < header.length; c++) row.put(header[c], unescape(cells[c]));
            keys.add(row.get("pn"));
            docs.add(toDocument(row, fields));
        }
        lines = null;

        CharArraySet stop = new CharArraySet(64, false); // case-sensitive, as ours (PatentStopWords.Set)
        stop.addAll(SmartChineseAnalyzer.getDefaultStopSet());
        for (String w : Files.readAllLines(stopFile, StandardCharsets.UTF_8)) if (!w.isEmpty()) stop.add(w);
        Analyzer bigrams = new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                Tokenizer source = new StandardTokenizer();
                TokenStream result = new CJKWidthFilter(source);
                result = new LowerCaseFilter(result);
                return new TokenStreamComponents(source, new CJKBigramFilter(result));
            }
        };
        Analyzer keywordList = new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                return new TokenStreamComponents(new CharTokenizer() {
                    @Override
                    protected boolean isTokenChar(int c) { return c != SEP; }
                });
            }
        };
        Map<String, Analyzer> perField = new HashMap<>();
        for (String k : KEYWORDS) perField.put(k, keywordList);
        for (String w : WORDS) perField.put(w + "_bg", bigrams);
        for (String n : NAMES_BG) perField.put(n, bigrams);
        Analyzer analyzer = new PerFieldAnalyzerWrapper(new SmartChineseAnalyzer(stop), perField);

        System.out.printf("lucene-java-8.7 index peer: %,d documents (fields: %s), %d indexing threads, Java %s, %d cores, max heap %,d MB%n",
            docs.size(), fields, threads, System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
            Runtime.getRuntime().maxMemory() >> 20);
        double[] walls = new double[rounds];
        double[] cpus = new double[rounds];
        for (int r = -1; r < rounds; r++) {
            String load = loadAverage();
            long cpu0 = processCpuNanos();
            long gc0 = gcMillis();
            long jit0 = ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
            long t0 = System.nanoTime();
            long bytes = indexOnce(docs, keys, analyzer, dir, threads);
            double wall = (System.nanoTime() - t0) / 1e9;
            double cpu = (processCpuNanos() - cpu0) / 1e9;
            System.out.printf("  %s: %.1f s wall, %.1f s CPU, %,.0f records/s, index %,d MB, GC %.1f s, JIT %.1f s, load %s -> %s%n",
                r < 0 ? "warm-up" : "round " + (r + 1), wall, cpu, docs.size() / wall, bytes >> 20, (gcMillis() - gc0) / 1e3,
                (ManagementFactory.getCompilationMXBean().getTotalCompilationTime() - jit0) / 1e3, load, loadAverage());
            if (r >= 0) {
                walls[r] = wall;
                cpus[r] = cpu;
            }
        }
        Arrays.sort(walls);
        Arrays.sort(cpus);
        System.out.printf("lucene-java-8.7 median of %d rounds after the warm-up: %.1f s wall, %.1f s CPU, %,.0f records/s%n",
            rounds, walls[rounds / 2], cpus[rounds / 2], docs.size() / walls[rounds / 2]);
    }

    static long indexOnce(List<Document> docs, List<String> keys, Analyzer analyzer, Path dir, int threads) throws Exception {
        deleteTree(dir);
        IndexWriterConfig config = new IndexWriterConfig(analyzer);
        config.setOpenMode(IndexWriterConfig.OpenMode.CREATE);
        config.setSimilarity(new BM25Similarity());
        config.setRAMBufferSizeMB(64);
        config.setUseCompoundFile(false);
        try (NIOFSDirectory directory = new NIOFSDirectory(dir)) {
            IndexWriter writer = new IndexWriter(directory, config);
            AtomicInteger next = new AtomicInteger();
            List<Thread> workers = new ArrayList<>();
            Exception[] failure = new Exception[1];
            for (int t = 0; t < threads; t++) {
                Thread worker = new Thread(() -> {
                    try {
                        for (int start; (start = next.getAndAdd(256)) < docs.size(); ) {
                            for (int i = start; i < Math.min(start + 256, docs.size()); i++) {
                                writer.updateDocument(new Term("pn", keys.get(i)), docs.get(i));
                            }
                        }
                    } catch (IOException e) {
                        failure[0] = e;
                    }
                });
                worker.start();
                workers.add(worker);
            }
            for (Thread w : workers) w.join();
            if (failure[0] != null) throw failure[0];
            writer.setLiveCommitData(Map.of("import", "bench").entrySet());
            writer.commit();
            writer.close();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    static Document toDocument(Map<String, String> row, String fields) {
        boolean textOnly = fields.equals("text");
        boolean noWords = fields.equals("no-words");
        Document doc = new Document();
        String pn = row.get("pn");
        doc.add(new StringField("pn", pn, Field.Store.NO));
        if (textOnly) {
            for (String f : WORDS) addText(doc, f, row.get(f), true);
            return doc;
        }
        doc.add(new SortedDocValuesField("pn_sort", new BytesRef(pn)));
        doc.add(new StoredField("_source", row.get("_source").getBytes(StandardCharsets.UTF_8)));
        for (String f : WORDS) addText(doc, f, row.get(f), !noWords);
        for (String f : NAMES_BG) {
            if (!row.get(f).isEmpty()) doc.add(new TextField(f, row.get(f), Field.Store.NO));
        }
        for (String f : KEYWORDS) {
            if (!row.get(f).isEmpty()) doc.add(new Field(f, row.get(f), KEYWORD_LIST_TYPE));
        }
        for (Map.Entry<String, String> e : row.entrySet()) {
            if (e.getKey().startsWith("f_") && !e.getValue().isEmpty()) {
                for (String v : e.getValue().split(String.valueOf(SEP))) doc.add(new SortedSetDocValuesField(e.getKey(), new BytesRef(v)));
            }
        }
        for (String f : DATES) {
            String v = row.get(f);
            if (!v.isEmpty()) doc.add(new IntPoint(f, Integer.parseInt(v)));
        }
        return doc;
    }

    static void addText(Document doc, String field, String text, boolean words) {
        if (text.isBlank()) return;
        if (words) doc.add(new Field(field, text, WORDS_TYPE));
        doc.add(new TextField(field + "_bg", text, Field.Store.NO));
    }

    static String unescape(String s) {
        if (s.indexOf('\\') < 0) return s;
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\' || i + 1 == s.length()) {
                b.append(c);
                continue;
            }
            char n = s.charAt(++i);
            b.append(n == 't' ? '\t' : n == 'n' ? '\n' : n == 'r' ? '\r' : n);
        }
        return b.toString();
    }

    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** Time spent in collections (G1: pauses and concurrent cycles as the beans count them), all collectors. */
    static long gcMillis() {
        long ms = 0;
        for (java.lang.management.GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) ms += Math.max(0, gc.getCollectionTime());
        return ms;
    }

    static String loadAverage() {
        try {
            String[] parts = Files.readString(Paths.get("/proc/loadavg")).trim().split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException e) {
            return "n/a";
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) Files.delete(p);
        }
    }
}
