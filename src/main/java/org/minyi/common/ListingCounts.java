package org.minyi.common;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The totals of listings, remembered briefly when they are large. Counting costs in proportion to the total: a few
 * index entries for a spokesperson's twenty open cases, ten thousand for the newest posts of a district, and the
 * listing pages of fifty users at once asked the database for the same large counts many times a second (two thirds
 * of PostgreSQL's time in the API load benchmark). So a total of at least {@code minyi.listings.count-cache-from}
 * is reused for the same filter during {@code minyi.listings.count-cache-ttl} and reported as not exact
 * ({@link Page#totalExact()}); smaller totals are always counted afresh, so a short list is never off.
 */
@ApplicationScoped
public class ListingCounts {

    /** A total and whether it was exact when counted. */
    public record Total(long value, boolean exact) {
    }

    private record Entry(Total total, long expiresAtNanos) {
    }

    /** Entries kept at most; beyond, the whole cache is dropped (filters are few; a flood of distinct ones is not kept). */
    static final int MAX_ENTRIES = 2000;

    @Inject
    ListingConfig config;

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    /**
     * The total of the listing {@code query} with {@code params}: remembered when recent and large, else counted by
     * {@code counter} (and remembered when large).
     */
    public Total total(String query, Map<String, ?> params, Supplier<Total> counter) {
        long ttl = config.countCacheTtl().toNanos();
        if (ttl <= 0) {
            return counter.get();
        }
        String key = query + " " + new TreeMap<>(params);
        Entry e = entries.get(key);
        long now = System.nanoTime();
        if (e != null && e.expiresAtNanos() - now > 0) {
            return new Total(e.total().value(), false);
        }
        Total t = counter.get();
        if (t.value() >= config.countCacheFrom()) {
            if (entries.size() >= MAX_ENTRIES) {
                entries.clear();
            }
            entries.put(key, new Entry(t, now + ttl));
        } else if (e != null) {
            entries.remove(key);
        }
        return t;
    }
}
