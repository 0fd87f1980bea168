package org.minyi.post;

import java.time.Instant;
import java.util.List;
import org.minyi.nlp.PlaceMention;

/** A post's analysis as the API shows it. */
public record AnalysisView(SentimentView sentiment, List<String> keywords, List<PlaceMention> places,
                           List<String> categories, String summary, Instant analyzedAt) {

    /** Label {@code negative}, {@code neutral} or {@code positive}, score in [-1, 1], and why. */
    public record SentimentView(String label, Double score, List<String> explanation) {
    }
}
