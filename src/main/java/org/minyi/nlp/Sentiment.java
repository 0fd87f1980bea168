package org.minyi.nlp;

import java.util.List;

/**
 * Sentiment of a text.
 *
 * @param label       {@code negative}, {@code neutral} or {@code positive}
 * @param score       intensity in [-1, 1], negative below zero
 * @param explanation human-readable list of the words and rules that decided the score
 */
public record Sentiment(String label, double score, List<String> explanation) {
    public static final String NEGATIVE = "negative";
    public static final String NEUTRAL = "neutral";
    public static final String POSITIVE = "positive";

    public Sentiment {
        explanation = explanation == null ? List.of() : List.copyOf(explanation);
    }

    public static Sentiment neutral() {
        return new Sentiment(NEUTRAL, 0.0, List.of());
    }
}
