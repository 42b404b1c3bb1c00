// Peer benchmark: Lucene Java's SmartChineseAnalyzer (Debian liblucene8-java, Lucene 8.7) on the same texts as PatentNav.
// Usage: java -cp <lucene jars>:. SmartCnPeer texts.txt [rounds]   (one text per line)
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.List;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;

public class SmartCnPeer {
    public static void main(String[] args) throws Exception {
        List<String> texts = Files.readAllLines(Paths.get(args[0]), StandardCharsets.UTF_8);
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        long chars = 0;
        for (String t : texts) chars += t.length();
        SmartChineseAnalyzer analyzer = new SmartChineseAnalyzer();
        run(analyzer, texts); // warm-up (JIT)
        double[] rates = new double[rounds];
        long tokens = 0;
        for (int r = 0; r < rounds; r++) {
            long t0 = System.nanoTime();
            tokens = run(analyzer, texts);
            rates[r] = chars / ((System.nanoTime() - t0) / 1e9);
        }
        java.util.Arrays.sort(rates);
        System.out.printf("lucene-java-8.7 smartcn: %d texts, %d chars, %d tokens, median %.0f chars/s (single thread)%n",
            texts.size(), chars, tokens, rates[rounds / 2]);
    }

    static long run(SmartChineseAnalyzer analyzer, List<String> texts) throws Exception {
        long n = 0;
        for (String t : texts) {
            try (TokenStream ts = analyzer.tokenStream("f", t)) {
                ts.reset();
                while (ts.incrementToken()) n++;
                ts.end();
            }
        }
        return n;
    }
}
