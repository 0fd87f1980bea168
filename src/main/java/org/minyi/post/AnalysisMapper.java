package org.minyi.post;

import com.fasterxml.jackson.core.type.TypeReference;
import java.time.Instant;
import java.util.List;
import org.minyi.common.JsonText;
import org.minyi.nlp.Analysis;
import org.minyi.nlp.PlaceMention;

/** Copies an analysis into a post's columns and reads it back for the API. */
final class AnalysisMapper {

    private AnalysisMapper() {
    }

    static void apply(Analysis a, PostAnalysis target, Instant now) {
        target.sentimentLabel = a.sentiment().label();
        target.sentimentScore = a.sentiment().score();
        target.sentimentExplanation = truncateJson(a.sentiment().explanation(), 4000);
        target.keywords = truncateJson(a.keywords(), 2000);
        target.places = truncateJson(a.places(), 4000);
        target.categories = truncateJson(a.categories(), 1000);
        target.summary = a.summary() == null ? null : a.summary().length() > 2000 ? a.summary().substring(0, 2000) : a.summary();
        target.setSimhash(a.simhash());
        target.analyzedAt = now;
    }

    /** JSON of a list, dropping trailing elements until it fits the column. */
    private static <T> String truncateJson(List<T> items, int max) {
        if (items == null) {
            return "[]";
        }
        List<T> list = items;
        String json = JsonText.write(list);
        while (json.length() > max && !list.isEmpty()) {
            list = list.subList(0, list.size() - 1);
            json = JsonText.write(list);
        }
        return json;
    }

    static AnalysisView view(PostAnalysis a) {
        if (a == null || a.sentimentLabel == null) {
            return null;
        }
        return new AnalysisView(
                new AnalysisView.SentimentView(a.sentimentLabel, a.sentimentScore,
                        JsonText.read(a.sentimentExplanation, new TypeReference<List<String>>() { }, List.of())),
                JsonText.read(a.keywords, new TypeReference<List<String>>() { }, List.of()),
                JsonText.read(a.places, new TypeReference<List<PlaceMention>>() { }, List.of()),
                JsonText.read(a.categories, new TypeReference<List<String>>() { }, List.of()),
                a.summary, a.analyzedAt);
    }
}
