package org.minyi.nlp.learn;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.minyi.nlp.CategoryClassifier;

/**
 * The learned category layer: one sigmoid per taxonomy category over hashed n-grams, blended with the keyword
 * lists: {@code p(c) = a * p_model(c) + (1 - a) * p_keywords(c)}, where {@code p_keywords} is 0.8 when the keyword
 * score reaches the threshold and {@code 0.4 * score / threshold} below it, and
 * {@code a = min(maxWeight, n / (n + halfWeightExamples))}. Every category with {@code p >= 0.5} is returned,
 * most probable first; {@code 其他} when none is.
 */
public final class CategoryModel {

    private final LinearModel model;
    private final double weight;
    private final double threshold;

    public CategoryModel(LinearModel model, int examples, double halfWeightExamples, double maxWeight, double threshold) {
        this.model = model;
        this.weight = Math.min(maxWeight, examples / (examples + Math.max(0.0, halfWeightExamples)));
        this.threshold = threshold;
    }

    public LinearModel model() {
        return model;
    }

    public List<String> classify(PreparedText text) {
        double[] p = model.probabilities(text.categoryFeatures(model.bits()));
        Map<String, Double> kw = text.categoryScores();
        List<Map.Entry<String, Double>> chosen = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int k = 0; k < p.length; k++) {
            String c = model.classes().get(k);
            seen.add(c);
            double q = weight * p[k] + (1 - weight) * keywordProbability(kw.getOrDefault(c, 0.0));
            if (q >= 0.5) {
                chosen.add(Map.entry(c, q));
            }
        }
        kw.forEach((c, s) -> {   // categories the model has never seen: keywords alone (with their weight)
            double q = keywordProbability(s);
            if (!seen.contains(c) && q >= 0.5) {
                chosen.add(Map.entry(c, q));
            }
        });
        chosen.sort(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder()));
        List<String> out = new ArrayList<>();
        chosen.forEach(e -> out.add(e.getKey()));
        if (out.isEmpty()) {
            out.add(CategoryClassifier.OTHER);
        }
        return out;
    }

    private double keywordProbability(double score) {
        return score >= threshold ? 0.8 : 0.4 * score / threshold;
    }
}
