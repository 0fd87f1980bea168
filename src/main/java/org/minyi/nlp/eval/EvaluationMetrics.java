package org.minyi.nlp.eval;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Classification metrics from (gold, predicted) pairs: accuracy, per-class precision, recall and F1,
 * and macro-F1 over the classes that occur in the gold labels (a predicted class never seen in gold,
 * e.g. {@code neutral} on binary data, lowers recall of the gold classes but is not averaged in).
 * Not thread-safe.
 */
public class EvaluationMetrics {

    private final Map<String, Map<String, Integer>> confusion = new TreeMap<>();  // gold -> predicted -> count
    private int n;
    private int correct;

    public void add(String gold, String predicted) {
        confusion.computeIfAbsent(gold, k -> new TreeMap<>()).merge(predicted, 1, Integer::sum);
        n++;
        if (gold.equals(predicted)) {
            correct++;
        }
    }

    public int count() {
        return n;
    }

    public double accuracy() {
        return n == 0 ? 0 : (double) correct / n;
    }

    /** Gold classes, sorted. */
    public TreeSet<String> goldClasses() {
        return new TreeSet<>(confusion.keySet());
    }

    private int tp(String c) {
        return confusion.getOrDefault(c, Map.of()).getOrDefault(c, 0);
    }

    private int predicted(String c) {
        int s = 0;
        for (Map<String, Integer> row : confusion.values()) {
            s += row.getOrDefault(c, 0);
        }
        return s;
    }

    private int gold(String c) {
        int s = 0;
        for (int v : confusion.getOrDefault(c, Map.of()).values()) {
            s += v;
        }
        return s;
    }

    public double precision(String c) {
        int p = predicted(c);
        return p == 0 ? 0 : (double) tp(c) / p;
    }

    public double recall(String c) {
        int g = gold(c);
        return g == 0 ? 0 : (double) tp(c) / g;
    }

    public double f1(String c) {
        double p = precision(c);
        double r = recall(c);
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    public double macroF1() {
        TreeSet<String> classes = goldClasses();
        if (classes.isEmpty()) {
            return 0;
        }
        double s = 0;
        for (String c : classes) {
            s += f1(c);
        }
        return s / classes.size();
    }

    /** Confusion counts gold → predicted → n. */
    public Map<String, Map<String, Integer>> confusion() {
        Map<String, Map<String, Integer>> out = new LinkedHashMap<>();
        confusion.forEach((k, v) -> out.put(k, Map.copyOf(v)));
        return out;
    }
}
