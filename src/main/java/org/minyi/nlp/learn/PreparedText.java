package org.minyi.nlp.learn;

import java.util.List;
import java.util.Map;
import org.minyi.nlp.NormalizedText;
import org.minyi.nlp.Sentiment;

/**
 * What the learned models read of a text, computed once by {@code TextAnalyzer}: the normalised text, its
 * segmented words, the lexicon scorer's answer and the keyword category scores.
 */
public record PreparedText(NormalizedText normalized, List<String> words, Sentiment lexicon,
                           Map<String, Double> categoryScores) {

    /** Features for the sentiment model (with the lexicon's answer as dense features). */
    public Features.Vector sentimentFeatures(int bits) {
        return Features.extract(normalized.text(), normalized.emoticons(), words, lexicon, bits);
    }

    /** Features for the category model (no lexicon features). */
    public Features.Vector categoryFeatures(int bits) {
        return Features.extract(normalized.text(), List.of(), words, null, bits);
    }
}
