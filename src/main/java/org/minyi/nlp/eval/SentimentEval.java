package org.minyi.nlp.eval;

import com.hankcs.hanlp.HanLP;
import com.hankcs.hanlp.seg.Segment;
import org.minyi.nlp.Analysis;
import org.minyi.nlp.NlpProducer;
import org.minyi.nlp.TextAnalyzer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Sentiment evaluation and throughput check, without CDI.
 *
 * <pre>./mvnw -q compile exec:java -Dexec.mainClass=org.minyi.nlp.eval.SentimentEval -Dexec.args=FILE</pre>
 *
 * FILE is a UTF-8 {@code label<TAB>text} file with a header line. Prints n, accuracy, macro-F1,
 * per-class precision/recall/F1, texts per second of the whole analysis ({@link TextAnalyzer#analyze(String)})
 * and of plain HanLP Viterbi segmentation (with the custom dictionary) on the same texts, and their ratio.
 * System property {@code minyi.eval.errors=N} prints the first N misclassified texts with their explanation.
 * System property {@code minyi.nlp.dictionary-dir} overrides the dictionary directory (default {@code dictionaries}).
 */
public final class SentimentEval {

    private SentimentEval() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: SentimentEval LABEL_TSV_FILE");
            System.exit(2);
        }
        List<String> gold = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        List<String> lines = Files.readAllLines(Path.of(args[0]), StandardCharsets.UTF_8);
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            int tab = line.indexOf('\t');
            if (tab <= 0) {
                continue;
            }
            gold.add(line.substring(0, tab).strip());
            texts.add(line.substring(tab + 1));
        }
        Path dir = Path.of(System.getProperty("minyi.nlp.dictionary-dir", "dictionaries"));
        TextAnalyzer analyzer = NlpProducer.standalone(dir, 100_000);

        // warm-up of both paths (JIT), then timed runs
        Segment warm = HanLP.newSegment();
        for (int i = 0; i < Math.min(300, texts.size()); i++) {
            analyzer.analyze(texts.get(i));
            warm.seg(texts.get(i));
        }
        // three alternating timed rounds (the machine may be shared); the best round of each counts
        Segment segment = HanLP.newSegment();
        List<String> predicted = new ArrayList<>(texts.size());
        double analysisSeconds = Double.MAX_VALUE;
        double segSeconds = Double.MAX_VALUE;
        long terms = 0;
        for (int round = 0; round < 3; round++) {
            List<String> labels = new ArrayList<>(texts.size());
            long t0 = System.nanoTime();
            for (String t : texts) {
                Analysis a = analyzer.analyze(t);
                labels.add(a.sentiment().label());
            }
            analysisSeconds = Math.min(analysisSeconds, (System.nanoTime() - t0) / 1e9);
            predicted = labels;
            long t1 = System.nanoTime();
            terms = 0;
            for (String t : texts) {
                terms += segment.seg(t).size();
            }
            segSeconds = Math.min(segSeconds, (System.nanoTime() - t1) / 1e9);
        }
        EvaluationMetrics m = new EvaluationMetrics();
        int showErrors = Integer.getInteger("minyi.eval.errors", 0);
        for (int i = 0; i < texts.size(); i++) {
            m.add(gold.get(i), predicted.get(i));
            if (showErrors > 0 && !gold.get(i).equals(predicted.get(i))) {
                showErrors--;
                System.out.println("ERR gold=" + gold.get(i) + " pred=" + predicted.get(i) + " | " + texts.get(i)
                        + " | " + analyzer.sentiment(texts.get(i)).explanation());
            }
        }

        System.out.printf(Locale.ROOT, "file        %s%n", args[0]);
        System.out.printf(Locale.ROOT, "n           %d%n", m.count());
        System.out.printf(Locale.ROOT, "accuracy    %.4f%n", m.accuracy());
        System.out.printf(Locale.ROOT, "macro-F1    %.4f  (over gold classes %s)%n", m.macroF1(), m.goldClasses());
        for (String c : List.of("negative", "neutral", "positive")) {
            if (m.goldClasses().contains(c)) {
                System.out.printf(Locale.ROOT, "%-10s  P %.4f  R %.4f  F1 %.4f%n", c, m.precision(c), m.recall(c), m.f1(c));
            }
        }
        System.out.println("confusion (gold -> predicted): " + m.confusion());
        double analysisRate = texts.size() / analysisSeconds;
        double segRate = texts.size() / segSeconds;
        System.out.printf(Locale.ROOT, "analysis    %.0f texts/s (whole analysis, best of 3 rounds)%n", analysisRate);
        System.out.printf(Locale.ROOT, "segment     %.0f texts/s (plain HanLP Viterbi, %d terms, best of 3 rounds)%n", segRate, terms);
        System.out.printf(Locale.ROOT, "ratio       %.2f (analysis / segmentation; aim >= 0.33)%n", analysisRate / segRate);
    }
}
