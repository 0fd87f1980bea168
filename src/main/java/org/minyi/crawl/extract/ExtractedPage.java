package org.minyi.crawl.extract;

import java.time.OffsetDateTime;

/**
 * What {@link ArticleExtractor} found on a page. Any field may be null (content is never null, possibly empty).
 */
public record ExtractedPage(String title, String author, OffsetDateTime publishedAt, String content) {

    public static ExtractedPage empty() {
        return new ExtractedPage(null, null, null, "");
    }
}
