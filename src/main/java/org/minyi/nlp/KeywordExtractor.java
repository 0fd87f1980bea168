package org.minyi.nlp;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.HashSet;
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
    static final int MAX_WORDS = 2000;

    /** Ranks of the distinct words, highest first (only the first {@value #MAX_WORDS} words are ranked). */
    public Map<String, Double> rank(List<String> allWords) {
        List<String> words = allWords.size() > MAX_WORDS ? allWords.subList(0, MAX_WORDS) : allWords;
        Map<String, Integer> ids = new HashMap<>();
        List<String> vocab = new ArrayList<>();
        int[] seq = new int[words.size()];
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            Integer id = ids.get(w);
            if (id == null) {
                id = vocab.size();
                ids.put(w, id);
                vocab.add(w);
            }
            seq[i] = id;
        }
        int v = vocab.size();
        if (v == 0) {
            return new LinkedHashMap<>();
        }
        // undirected co-occurrence edges within the window, deduplicated
        Set<Long> edges = new HashSet<>();
        int[] degree = new int[v];
        for (int i = 0; i < seq.length; i++) {
            for (int j = i + 1; j < Math.min(seq.length, i + WINDOW); j++) {
                int a = seq[i];
                int b = seq[j];
                if (a != b) {
                    long key = a < b ? ((long) a << 32) | b : ((long) b << 32) | a;
                    if (edges.add(key)) {
                        degree[a]++;
                        degree[b]++;
                    }
                }
            }
        }
        int[][] adj = new int[v][];
        for (int k = 0; k < v; k++) {
            adj[k] = new int[degree[k]];
        }
        int[] fill = new int[v];
        for (long e : edges) {
            int a = (int) (e >>> 32);
            int b = (int) e;
            adj[a][fill[a]++] = b;
            adj[b][fill[b]++] = a;
        }
        double[] score = new double[v];
        double[] next = new double[v];
        java.util.Arrays.fill(score, 1.0);
        for (int it = 0; it < MAX_ITER; it++) {
            double maxDiff = 0;
            for (int k = 0; k < v; k++) {
                double sum = 0;
                for (int nb : adj[k]) {
                    sum += score[nb] / degree[nb];
                }
                next[k] = (1 - D) + D * sum;
                maxDiff = Math.max(maxDiff, Math.abs(next[k] - score[k]));
            }
            double[] t = score;
            score = next;
            next = t;
            if (maxDiff < 1e-4) {
                break;
            }
        }
        // ties (and tiny texts) resolved by first occurrence (ids are in order of first occurrence)
        Integer[] order = new Integer[v];
        for (int k = 0; k < v; k++) {
            order[k] = k;
        }
        final double[] sc = score;
        java.util.Arrays.sort(order, (x, y) -> {
            int c = Double.compare(sc[y] + 0.01 * vocab.get(y).length(), sc[x] + 0.01 * vocab.get(x).length());
            return c != 0 ? c : Integer.compare(x, y);
        });
        Map<String, Double> out = new LinkedHashMap<>();
        for (int k : order) {
            out.put(vocab.get(k), sc[k]);
        }
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
