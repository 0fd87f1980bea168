package org.minyi.common;

import java.util.List;

/**
 * One page of a listing: the items, the 0-based page number, the page size and the total count. {@code totalExact}
 * is false when the total is the database's estimate: a listing with more than {@link #EXACT_COUNT_LIMIT} matches
 * on PostgreSQL is not counted row by row (at a million posts that would cost more than the page itself).
 */
public record Page<T>(List<T> items, int page, int size, long total, boolean totalExact) {

    public static final int MAX_SIZE = 200;

    /** Totals up to this are always exact. */
    public static final int EXACT_COUNT_LIMIT = 10_000;

    public Page(List<T> items, int page, int size, long total) {
        this(items, page, size, total, true);
    }
}
