package org.minyi.common;

import java.util.List;

/** One page of a listing: the items, the 0-based page number, the page size and the total count. */
public record Page<T>(List<T> items, int page, int size, long total) {

    public static final int MAX_SIZE = 200;
}
