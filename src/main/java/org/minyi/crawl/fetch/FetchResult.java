package org.minyi.crawl.fetch;

import java.time.Duration;

/**
 * Outcome of one {@link PageFetcher#fetch}. Network and content problems are a {@link Status} with a
 * reason in {@code error}, never an exception.
 *
 * @param requestedUrl the URL asked for
 * @param finalUrl     the URL of the last hop (after redirects); equal to requestedUrl without redirects
 * @param httpStatus   HTTP status of the last response, 0 when none was received
 * @param contentType  the Content-Type header, null when absent
 * @param body         the (decompressed, possibly truncated) body; empty when not read
 * @param text         the body decoded with {@link CharsetDetector}; null for non-text or unread bodies
 * @param charset      name of the charset used for {@code text}, null when not decoded
 * @param truncated    the body was cut at {@code maxPageBytes}
 * @param etag         the ETag header, for the next conditional request
 * @param lastModified the Last-Modified header, for the next conditional request
 * @param attempts     attempts made (1 without retries, 0 when refused before any request)
 * @param elapsed      time spent, including retry back-off and politeness waits
 * @param error        human-readable reason when the status is not OK, else null
 */
public record FetchResult(Status status, String requestedUrl, String finalUrl, int httpStatus, String contentType,
        byte[] body, String text, String charset, boolean truncated, String etag, String lastModified,
        int attempts, Duration elapsed, String error) {

    public enum Status {
        /** 2xx with a text body. */
        OK,
        /** 304 to a conditional request: the stored copy is still current. */
        NOT_MODIFIED,
        /** 404 or 410. */
        NOT_FOUND,
        /** Any other non-2xx status, including 5xx and 429 after the last attempt. */
        HTTP_ERROR,
        /** Connecting, waiting for the response or reading the body took too long (after the last attempt). */
        TIMEOUT,
        /** robots.txt disallows the URL (or a redirect target), or could not be fetched (5xx, unreachable). */
        BLOCKED_ROBOTS,
        /** The host (of the URL or a redirect target) resolves to a refused address; nothing was sent. */
        BLOCKED_ADDRESS,
        /** {@link TrapFilter} refused the URL or a redirect target. */
        TRAP,
        /** Binary content type (image, pdf, zip, octet-stream ...): the body was not read. */
        UNSUPPORTED,
        /** More than maxRedirects redirects, or a redirect loop. */
        TOO_MANY_REDIRECTS,
        /** Anything else: malformed URL, connection refused, bad compression ... */
        ERROR
    }

    public FetchResult {
        body = body == null ? new byte[0] : body;
    }

    public boolean ok() {
        return status == Status.OK;
    }

    /** Validators of this response for the next conditional fetch (null when it has none). */
    public Validators validators() {
        return etag == null && lastModified == null ? null : new Validators(etag, lastModified);
    }

    @Override
    public String toString() {
        return "FetchResult[" + status + " " + httpStatus + " " + requestedUrl
                + (finalUrl != null && !finalUrl.equals(requestedUrl) ? " -> " + finalUrl : "")
                + ", " + body.length + " bytes" + (truncated ? " (truncated)" : "") + ", attempts=" + attempts
                + (error != null ? ", error=" + error : "") + "]";
    }
}
