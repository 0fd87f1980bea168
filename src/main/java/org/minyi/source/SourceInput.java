package org.minyi.source;

import java.util.List;
import java.util.Map;

/** A source as a client sends it; see {@link CrawlSettings} for the crawl fields. */
public record SourceInput(String name, String type, String baseUrl, Boolean enabled, List<String> startUrls,
                          Map<String, String> selectors, String schedule, Integer maxDepth, Integer maxPages,
                          Long version) {
}
