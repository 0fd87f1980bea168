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
}
