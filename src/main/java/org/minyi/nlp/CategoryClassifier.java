package org.minyi.nlp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Multi-label taxonomy classification from weighted keyword lists: a category's score is the sum
 * of the weights of its distinct keywords found in the text; every category reaching the threshold
 * is returned, best first; {@value #OTHER} when none does. Immutable and thread-safe.
 */
public class CategoryClassifier {

    public static final String OTHER = "其他";
    public static final double DEFAULT_THRESHOLD = 3.0;

    private final Map<String, Map<String, Double>> categories;
    private final double threshold;
    /** keyword -> (category -> weight) */
    private final DictTrie<Map<String, Double>> trie = new DictTrie<>();

    public CategoryClassifier(NlpResources resources) {
        this(resources, DEFAULT_THRESHOLD);
    }

    public CategoryClassifier(NlpResources resources, double threshold) {
        this.categories = resources.categories();
        this.threshold = threshold;
        Map<String, Map<String, Double>> byWord = new java.util.HashMap<>();
        categories.forEach((cat, words) -> {
            if (!cat.equals(OTHER)) {
                words.forEach((w, wt) -> byWord.computeIfAbsent(w, k -> new LinkedHashMap<>()).put(cat, wt));
            }
        });
        byWord.forEach(trie::put);
    }

    /** Category scores (categories with a positive score only), best first; {@value #OTHER} is not scored. */
    public Map<String, Double> scores(String text) {
        java.util.Set<String> found = new java.util.HashSet<>();
        Map<String, Double> sums = new java.util.HashMap<>();
        for (int i = 0; i < text.length(); i++) {
            trie.matchesAt(text, i, (word, cats) -> {
                if (found.add(word)) {
                    cats.forEach((c, wt) -> sums.merge(c, wt, Double::sum));
                }
            });
        }
        List<Map.Entry<String, Double>> list = new ArrayList<>();
        sums.forEach((c, v) -> {
            if (v > 0) {
                list.add(Map.entry(c, v));
            }
        });
        list.sort((a, b) -> Double.compare(b.getValue(), a.getValue()));
        Map<String, Double> out = new LinkedHashMap<>();
        list.forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    /** Categories reaching the threshold, best first, or {@code [其他]}. */
    public List<String> classify(String text) {
        List<String> out = new ArrayList<>();
        if (text != null) {
            scores(text).forEach((k, v) -> {
                if (v >= threshold) {
                    out.add(k);
                }
            });
        }
        if (out.isEmpty()) {
            out.add(OTHER);
        }
        return out;
    }
}
