package org.minyi.post;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Limits of the ingestion API (documented in the README). */
@ConfigMapping(prefix = "minyi.posts")
public interface PostConfig {

    /** Posts in one {@code POST /api/posts} request at most. */
    @WithDefault("1000")
    int maxBatch();

    /** Characters of post content at most. */
    @WithDefault("100000")
    int maxContentLength();

    /** Characters of a title at most. */
    @WithDefault("1000")
    int maxTitleLength();

    /** Characters of an author name at most. */
    @WithDefault("200")
    int maxAuthorLength();

    /**
     * Near-duplicate reposts: two posts whose 64-bit SimHash (over segmented content words) differ in at most this
     * many bits are the same text reposted. 3 is the usual threshold for 64-bit SimHash on web documents.
     */
    @WithDefault("3")
    int nearDuplicateDistance();

    /** Texts with fewer content words than this are too short for SimHash and are only matched exactly. */
    @WithDefault("12")
    int nearDuplicateMinWords();

    /** How far back a near-duplicate's original is looked for. */
    @WithDefault("P30D")
    java.time.Duration nearDuplicateWindow();

    /**
     * {@code POST /api/posts} requests analysed and stored at the same time (and, separately, {@code POST
     * /api/nlp/analyze} requests); analysis is CPU-bound, so about the number of cores.
     */
    @WithDefault("4")
    int maxConcurrentBatches();

    /** Requests that may wait for a turn; beyond them a request is refused at once with 503 and Retry-After. */
    @WithDefault("16")
    int maxQueuedBatches();

    /** How long a request waits for a turn at most before it is refused with 503 and Retry-After. */
    @WithDefault("PT5S")
    java.time.Duration maxQueueWait();
}
