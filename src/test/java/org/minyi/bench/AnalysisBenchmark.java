package org.minyi.bench;

import com.hankcs.hanlp.HanLP;
import com.hankcs.hanlp.seg.Segment;
import com.huaban.analysis.jieba.JiebaSegmenter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToIntFunction;
import org.ansj.splitWord.analysis.ToAnalysis;
import org.minyi.nlp.NlpProducer;
import org.minyi.nlp.TextAnalyzer;

/**
 * Analysis throughput: minyi's whole analysis of a post (normalisation, HanLP segmentation with the district's
 * dictionaries, sentiment, keywords, places, categories, summary, SimHash) against plain HanLP segmentation, and
 * segmentation side by side with jieba-analysis and ansj_seg, all on the same texts in the same run, on one thread.
 * Rounds alternate between the four so that a shared machine slows each alike; the best round of each counts.
 * <pre>
 * ./mvnw -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=org.minyi.bench.AnalysisBenchmark [-Dexec.args="--rounds 5"]
 * </pre>
 * Texts: the dev files of the shared sentiment data and the clustering file (Weibo posts, reviews), when present;
 * otherwise generated local-issue texts. Writes {@code target/benchmarks/analysis.json}.
 */
public final class AnalysisBenchmark {

    public static void main(String[] args) throws Exception {
        int rounds = Bench.intArg(args, "rounds", 5);
        int max = Bench.intArg(args, "texts", 4000);
        List<String> texts = texts(max);
        TextAnalyzer analyzer = NlpProducer.standalone(Path.of(System.getProperty("minyi.nlp.dictionary-dir", "dictionaries")), 100_000);
        Segment hanlp = HanLP.newSegment();
        JiebaSegmenter jieba = new JiebaSegmenter();
        Map<String, ToIntFunction<String>> subjects = new LinkedHashMap<>();
        subjects.put("minyi analysis", t -> analyzer.analyze(t).words().size());
        subjects.put("HanLP segmentation", t -> hanlp.seg(t).size());
        subjects.put("jieba-analysis segmentation", t -> jieba.sentenceProcess(t).size());
        subjects.put("ansj_seg segmentation", t -> ToAnalysis.parse(t).size());
        long chars = texts.stream().mapToLong(String::length).sum();
        // warm-up, untimed: every subject over all the texts, alternating, --warmup times (default 3), so that the JIT
        // has compiled each of them fully before any round is timed (500 texts were too few: the analysis, which has
        // more code to compile than a segmenter, was still warming in the timed rounds and the ratio swung from run
        // to run between 0.34 and 0.48)
        int warmup = Bench.intArg(args, "warmup", 3);
        for (int w = 0; w < warmup; w++) {
            for (ToIntFunction<String> f : subjects.values()) {
                for (String t : texts) {
                    f.applyAsInt(t);
                }
            }
        }
        Map<String, Double> best = new LinkedHashMap<>();
        Map<String, Long> tokens = new LinkedHashMap<>();
        for (int r = 0; r < rounds; r++) {
            for (Map.Entry<String, ToIntFunction<String>> e : subjects.entrySet()) {
                long n = 0;
                long t0 = System.nanoTime();
                for (String t : texts) {
                    n += e.getValue().applyAsInt(t);
                }
                double s = (System.nanoTime() - t0) / 1e9;
                best.merge(e.getKey(), s, Math::min);
                tokens.put(e.getKey(), n);
            }
        }
        System.out.printf(Locale.ROOT, "%d texts, %d characters (mean %.0f), best of %d alternating rounds after %d untimed, one thread%n%n",
                texts.size(), chars, (double) chars / texts.size(), rounds, warmup);
        System.out.println("| what | texts/s | characters/s | tokens |\n|---|---|---|---|");
        BenchmarkResult result = new BenchmarkResult("analysis")
                .command("./mvnw -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=" + AnalysisBenchmark.class.getName()
                        + " -Dexec.args=\"" + String.join(" ", args) + "\"");
        double analysis = texts.size() / best.get("minyi analysis");
        double seg = texts.size() / best.get("HanLP segmentation");
        for (String k : subjects.keySet()) {
            double rate = texts.size() / best.get(k);
            System.out.printf(Locale.ROOT, "| %s | %.0f | %.0f | %d |%n", k, rate, chars / best.get(k), tokens.get(k));
            result.figure(k, rate, "texts/s");
        }
        double ratio = analysis / seg;
        System.out.printf(Locale.ROOT, "%nratio analysis / HanLP segmentation: %.3f (aim >= 0.333)%n", ratio);
        result.atLeast("analysis / HanLP segmentation", ratio, "ratio", 0.333);
        result.note(texts.size() + " texts (mean " + Math.round((double) chars / texts.size()) + " chars), best of " + rounds
                + " rounds after " + warmup + " untimed");
        result.write();
    }

    static List<String> texts(int max) throws Exception {
        List<String> out = new ArrayList<>();
        for (String f : List.of("sentiment/smp2020-usual/dev.canonical.tsv", "sentiment/chnsenticorp/dev.canonical.tsv")) {
            Path p = Bench.sharedData().resolve(f);
            if (Files.exists(p)) {
                List<String> lines = Files.readAllLines(p, StandardCharsets.UTF_8);
                for (String line : lines.subList(1, lines.size())) {
                    int tab = line.indexOf('\t');
                    if (tab > 0 && line.length() > tab + 1) {
                        out.add(line.substring(tab + 1));
                    }
                }
            }
        }
        out.addAll(Bench.realTexts());
        if (out.isEmpty()) {
            for (int i = 0; i < 2000; i++) {
                out.add(IngestBenchmark.PLACES[i % IngestBenchmark.PLACES.length] + IngestBenchmark.ISSUES[i % IngestBenchmark.ISSUES.length]
                        + "，" + IngestBenchmark.DETAILS[i % IngestBenchmark.DETAILS.length] + "。");
            }
        }
        // a deterministic spread over the sources
        List<String> picked = new ArrayList<>();
        double step = Math.max(1, (double) out.size() / max);
        for (double i = 0; i < out.size() && picked.size() < max; i += step) {
            picked.add(out.get((int) i));
        }
        return picked;
    }
}
