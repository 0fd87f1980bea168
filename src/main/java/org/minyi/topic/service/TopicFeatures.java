package org.minyi.topic.service;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.minyi.nlp.Analysis;
import org.minyi.nlp.PlaceMention;

/** Turns a post's analysis into the clusterer's features: content words and named places (as entities). */
public final class TopicFeatures {

    private TopicFeatures() {
    }

    public static TopicIndex.Features of(Analysis analysis, Instant at, boolean threaded, long source) {
        return of(analysis.words(), analysis.places(), at, threaded, source);
    }

    public static TopicIndex.Features of(List<String> words, List<PlaceMention> places, Instant at, boolean threaded,
                                         long source) {
        Map<String, Integer> terms = new LinkedHashMap<>();
        for (String w : words) {
            terms.merge(w, 1, Integer::sum);
        }
        for (PlaceMention p : places) {
            String name = p.unit() != null ? p.unit() : p.name();
            if (name != null && !name.isBlank()) {
                terms.merge(TopicIndex.ENTITY + name, 1, Integer::sum);
            }
        }
        return new TopicIndex.Features(terms, at, threaded, source);
    }
}
