package org.minyi.source;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A source as the API shows it. */
public record SourceView(long id, String name, SourceType type, String baseUrl, boolean enabled, List<String> startUrls,
                         Map<String, String> selectors, String schedule, Integer maxDepth, Integer maxPages,
                         Instant createdAt, Instant updatedAt, long version) {

    public static SourceView of(Source s) {
        CrawlSettings c = s.settings();
        return new SourceView(s.id, s.name, s.type, s.baseUrl, s.enabled, c.startUrls(), c.selectors(), c.schedule(),
                c.maxDepth(), c.maxPages(), s.createdAt, s.updatedAt, s.version);
    }
}
