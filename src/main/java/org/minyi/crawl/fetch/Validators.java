package org.minyi.crawl.fetch;

/**
 * Cache validators from a previous fetch, sent as {@code If-None-Match} / {@code If-Modified-Since}.
 * Either may be null.
 */
public record Validators(String etag, String lastModified) {

    public boolean isEmpty() {
        return (etag == null || etag.isBlank()) && (lastModified == null || lastModified.isBlank());
    }
}
