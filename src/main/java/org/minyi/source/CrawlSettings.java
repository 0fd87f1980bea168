package org.minyi.source;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * How a source is crawled; stored as JSON with the source.
 *
 * @param startUrls list pages, feed URLs or forum boards where a crawl starts
 * @param selectors optional CSS selectors: {@code listLinks}, {@code nextPage}, {@code title}, {@code content},
 *                  {@code author}, {@code time}, {@code replyCount}, {@code viewCount}, {@code replies}
 * @param schedule  interval between scheduled crawls as ISO-8601 duration ({@code PT10M}); null: on demand only
 * @param maxDepth  link depth followed from a start URL
 * @param maxPages  pages fetched in one run at most
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CrawlSettings(List<String> startUrls, Map<String, String> selectors, String schedule,
                            Integer maxDepth, Integer maxPages) {

    public static final CrawlSettings EMPTY = new CrawlSettings(List.of(), Map.of(), null, null, null);
}
