package org.minyi.common;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Listings ({@code minyi.listings.*}): how their totals are counted. */
@ConfigMapping(prefix = "minyi.listings")
public interface ListingConfig {

    /**
     * A listing's total of at least {@link #countCacheFrom()} is remembered this long for the same filter (and
     * reported as not exact meanwhile); {@code PT0S} counts on every request.
     */
    @WithDefault("PT10S")
    Duration countCacheTtl();

    /** Totals below this are cheap to count (a few index entries) and always counted afresh. */
    @WithDefault("1000")
    long countCacheFrom();
}
