package org.minyi.nlp;

import java.util.List;

/**
 * Result of analysing one post.
 *
 * @param sentiment  sentiment label, score and explanation
 * @param keywords   TextRank keywords, most important first
 * @param places     places named in the text (jurisdiction units resolved to their canonical name)
 * @param categories taxonomy categories (at least one; {@code 其他} when nothing fits)
 * @param summary    short extractive summary (one sentence of the text)
 * @param words      content words (stop words removed) for clustering
 * @param simhash    64-bit SimHash over the content words, for near-duplicate detection
 */
public record Analysis(Sentiment sentiment, List<String> keywords, List<PlaceMention> places,
                       List<String> categories, String summary, List<String> words, long simhash) {
    public Analysis {
        keywords = List.copyOf(keywords);
        places = List.copyOf(places);
        categories = List.copyOf(categories);
        words = List.copyOf(words);
        summary = summary == null ? "" : summary;
    }
}
