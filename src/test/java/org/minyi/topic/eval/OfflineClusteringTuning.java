package org.minyi.topic.eval;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.minyi.nlp.Analysis;
import org.minyi.nlp.NlpProducer;
import org.minyi.nlp.TextAnalyzer;
import org.minyi.topic.service.TopicFeatures;
import org.minyi.topic.service.TopicIndex;

/**
 * Development aid (not a test): runs the in-memory clusterer alone on a clustering TSV in content-only mode with
 * several parameter sets, to see how each knob moves B-cubed. The official figures come from {@link ClusteringEval}
 * against a running service.
 */
public final class OfflineClusteringTuning {

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args.length > 0 ? args[0] : "../shared/data/clustering/ced_cluster_dev_300.tsv");
        TextAnalyzer analyzer = NlpProducer.standalone(Path.of("dictionaries"), 100_000);
        List<String[]> rows = new ArrayList<>();
        for (String line : Files.readAllLines(file).subList(1, Files.readAllLines(file).size())) {
            rows.add(line.split("\t", 4));
        }
        List<Analysis> analyses = new ArrayList<>();
        for (String[] r : rows) {
            String text = r[3];
            analyses.add(analyzer.analyze(text.substring(0, Math.min(40, text.length())), text));
        }
        TopicIndex.Params d = TopicIndex.Params.defaults();
        // {recencyWeight, joinThreshold, informativeTerms, halfLife hours}; the first row is the default
        double[][] grid = {{0.75, 0.3, 8, 12}, {1.0, 0.4, 8, 12}, {0.8, 0.3, 6, 12}};
        for (double[] g : grid) {
            TopicIndex.Params p = new TopicIndex.Params(d.maxTerms(), d.postingsPerTerm(), java.time.Duration.ofHours((long) g[3]),
                    d.recencyWindow(), d.recencyTau(), g[0], (int) g[2], g[1], d.entityWeight(), d.recentTopics(), d.idleAfter());
            run(rows, analyses, p);
        }
    }

    static void run(List<String[]> rows, List<Analysis> analyses, TopicIndex.Params p) {
        TopicIndex index = new TopicIndex(p);
        Instant start = Instant.parse("2026-11-01T00:00:00Z");
        List<String> gold = new ArrayList<>();
        List<Long> pred = new ArrayList<>();
        long next = 1;
        long t0 = System.nanoTime();
        for (int i = 0; i < rows.size(); i++) {
            TopicIndex.Features f = TopicFeatures.of(analyses.get(i), start.plus(Duration.ofSeconds(20L * i)), false, 1);
            TopicIndex.Decision dec = index.decide(f);
            long topic = dec.topicId() != null ? dec.topicId() : next++;
            index.add(topic, f);
            gold.add(rows.get(i)[0]);
            pred.add(topic);
        }
        double ms = (System.nanoTime() - t0) / 1e6;
        double[] s = bcubed(gold, pred);
        System.out.printf("half=%s w=%.2f th=%.2f k=%d  P=%.3f R=%.3f F1=%.3f topics=%d  %.0f ms%n", p.halfLife(), p.recencyWeight(),
                p.joinThreshold(), p.informativeTerms(), s[0], s[1], s[2], next - 1, ms);
    }

    static <G, P> double[] bcubed(List<G> gold, List<P> pred) {
        Map<P, List<Integer>> byP = new HashMap<>();
        Map<G, List<Integer>> byG = new HashMap<>();
        for (int i = 0; i < gold.size(); i++) {
            byP.computeIfAbsent(pred.get(i), k -> new ArrayList<>()).add(i);
            byG.computeIfAbsent(gold.get(i), k -> new ArrayList<>()).add(i);
        }
        double pSum = 0;
        double rSum = 0;
        for (int i = 0; i < gold.size(); i++) {
            List<Integer> c = byP.get(pred.get(i));
            int inter = 0;
            for (int x : c) {
                if (gold.get(x).equals(gold.get(i))) {
                    inter++;
                }
            }
            pSum += (double) inter / c.size();
            rSum += (double) inter / byG.get(gold.get(i)).size();
        }
        double prec = pSum / gold.size();
        double rec = rSum / gold.size();
        return new double[] {prec, rec, prec + rec == 0 ? 0 : 2 * prec * rec / (prec + rec)};
    }
}
