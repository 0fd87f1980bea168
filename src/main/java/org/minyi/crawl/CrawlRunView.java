package org.minyi.crawl;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/** A crawl run as the API shows it; {@code errors} only on the single-run view. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CrawlRunView(long id, long sourceId, String sourceName, CrawlRun.Trigger trigger, CrawlRun.Status status,
                           Instant startedAt, Instant finishedAt, int pagesFetched, int pagesNotModified, int newPosts,
                           int duplicatePosts, int errorCount, String message, String startedBy, List<ErrorView> errors) {

    /** One recorded failure. */
    public record ErrorView(String url, String kind, String reason, Instant occurredAt) {
    }

    static CrawlRunView of(CrawlRun r, String sourceName, List<CrawlError> errors) {
        return new CrawlRunView(r.id, r.sourceId, sourceName, r.trigger, r.status, r.startedAt, r.finishedAt, r.pagesFetched,
                r.pagesNotModified, r.newPosts, r.duplicatePosts, r.errorCount, r.message, r.startedBy,
                errors == null ? null : errors.stream().map(e -> new ErrorView(e.url, e.kind, e.reason, e.occurredAt)).toList());
    }
}
