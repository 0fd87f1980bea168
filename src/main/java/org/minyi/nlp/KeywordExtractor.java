package org.minyi.nlp;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * TextRank keywords over content words (window {@value #WINDOW}, damping 0.85) and a one-sentence
 * extractive summary: the sentence whose words carry the most keyword rank, with a bonus for the
 * first sentences (posts usually state the problem first). Stateless and thread-safe.
 */
public class KeywordExtractor {

    static final int WINDOW = 5;
    private static final double D = 0.85;
    private static final int MAX_ITER = 30;
    private static final int MAX_SUMMARY = 120;

    /** Ranks of the distinct words, highest first. */
    public Map<String, Double> rank(List<String> words) {
        Map<String, Set<String>> graph = new HashMap<>();
        for (int i = 0; i < words.size(); i++) {
            String a = words.get(i);
            graph.computeIfAbsent(a, k -> new LinkedHashSet<>());
            for (int j = i + 1; j < Math.min(words.size(), i + WINDOW); j++) {
                String b = words.get(j);
                if (!a.equals(b)) {
                    graph.get(a).add(b);
                    graph.computeIfAbsent(b, k -> new LinkedHashSet<>()).add(a);
                }
            }
        }
        Map<String, Double> score = new HashMap<>();
        graph.keySet().forEach(k -> score.put(k, 1.0));
        for (int it = 0; it < MAX_ITER; it++) {
            Map<String, Double> next = new HashMap<>();
            double maxDiff = 0;
            for (Map.Entry<String, Set<String>> e : graph.entrySet()) {
                double sum = 0;
                for (String nb : e.getValue()) {
                    int deg = graph.get(nb).size();
                    if (deg > 0) {
                        sum += score.get(nb) / deg;
                    }
                }
                double v = (1 - D) + D * sum;
                maxDiff = Math.max(maxDiff, Math.abs(v - score.get(e.getKey())));
                next.put(e.getKey(), v);
            }
            score.putAll(next);
            if (maxDiff < 1e-4) {
                break;
            }
        }
        // ties (and tiny texts) resolved by first occurrence
        Map<String, Integer> first = new HashMap<>();
        for (int i = 0; i < words.size(); i++) {
            first.putIfAbsent(words.get(i), i);
        }
        List<String> keys = new ArrayList<>(score.keySet());
        keys.sort((x, y) -> {
            int c = Double.compare(score.get(y) + 0.01 * x.length(), score.get(x) + 0.01 * y.length());
            return c != 0 ? c : Integer.compare(first.get(x), first.get(y));
        });
        Map<String, Double> out = new LinkedHashMap<>();
        keys.forEach(k -> out.put(k, score.get(k)));
        return out;
    }

    /** Up to {@code max} keywords of the content words, most important first. */
    public List<String> keywords(List<String> words, int max) {
        List<String> out = new ArrayList<>();
        for (String k : rank(words).keySet()) {
            if (out.size() >= max) {
                break;
            }
            out.add(k);
        }
        return out;
    }

    /**
     * One sentence of the text summarising it.
     *
     * @param sentences   sentences of the text, in order
     * @param sentenceWords the content words of each sentence
     * @param ranks       word ranks from {@link #rank(List)}
     */
    public String summary(List<String> sentences, List<List<String>> sentenceWords, Map<String, Double> ranks) {
        String best = "";
        double bestScore = -1;
        for (int i = 0; i < sentences.size(); i++) {
            String s = sentences.get(i).strip();
            List<String> ws = sentenceWords.get(i);
            if (s.isEmpty() || ws.isEmpty()) {
                continue;
            }
            double sc = 0;
            for (String w : new LinkedHashSet<>(ws)) {
                sc += ranks.getOrDefault(w, 0.0);
            }
            sc = sc / (1 + Math.log(1 + ws.size())) * (i == 0 ? 1.5 : i == 1 ? 1.2 : 1.0);
            if (sc > bestScore) {
                bestScore = sc;
                best = s;
            }
        }
        if (best.isEmpty() && !sentences.isEmpty()) {
            best = sentences.get(0).strip();
        }
        return best.length() > MAX_SUMMARY ? best.substring(0, MAX_SUMMARY) + "…" : best;
    }
}
