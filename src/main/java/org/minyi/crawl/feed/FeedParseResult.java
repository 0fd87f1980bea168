package org.minyi.crawl.feed;

import java.util.List;

/**
 * Result of parsing a feed: the entries, and an error message when the feed could not be parsed at all
 * (then {@code entries} is empty).
 */
public record FeedParseResult(String feedTitle, List<FeedEntry> entries, String error) {

    public FeedParseResult {
        entries = entries == null ? List.of() : List.copyOf(entries);
    }

    public boolean failed() {
        return error != null;
    }
}
