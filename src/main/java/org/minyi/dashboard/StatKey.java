package org.minyi.dashboard;

import java.time.Instant;

/**
 * The dimensions of one row of {@code stat_hour}: the UTC hour of publication, the post's first category, its first
 * jurisdiction unit ({@code ""} when it names none) and its source.
 */
public record StatKey(Instant hour, String category, String place, long sourceId) implements Comparable<StatKey> {

    @Override
    public int compareTo(StatKey o) {
        int c = hour.compareTo(o.hour);
        if (c == 0) {
            c = category.compareTo(o.category);
        }
        if (c == 0) {
            c = place.compareTo(o.place);
        }
        return c != 0 ? c : Long.compare(sourceId, o.sourceId);
    }
}
