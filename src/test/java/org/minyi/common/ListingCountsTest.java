package org.minyi.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Listing totals: large ones remembered briefly per filter (and marked inexact), small ones always counted. */
class ListingCountsTest {

    static ListingCounts counts(Duration ttl, long from) {
        ListingCounts c = new ListingCounts();
        c.config = new ListingConfig() {
            @Override
            public Duration countCacheTtl() {
                return ttl;
            }

            @Override
            public long countCacheFrom() {
                return from;
            }
        };
        return c;
    }

    @Test
    void aLargeTotalIsRememberedPerFilterAndReportedAsNotExact() {
        ListingCounts c = counts(Duration.ofMinutes(1), 1000);
        AtomicInteger counted = new AtomicInteger();
        ListingCounts.Total first = c.total("post where x = :x", Map.of("x", 1), () -> {
            counted.incrementAndGet();
            return new ListingCounts.Total(5000, true);
        });
        assertThat(first).isEqualTo(new ListingCounts.Total(5000, true));
        ListingCounts.Total again = c.total("post where x = :x", Map.of("x", 1), () -> {
            counted.incrementAndGet();
            return new ListingCounts.Total(5001, true);
        });
        assertThat(again).isEqualTo(new ListingCounts.Total(5000, false));
        assertThat(counted).hasValue(1);
        // another parameter value, another query: counted
        assertThat(c.total("post where x = :x", Map.of("x", 2), () -> new ListingCounts.Total(7000, true)).value()).isEqualTo(7000);
        assertThat(c.total("topic where x = :x", Map.of("x", 1), () -> new ListingCounts.Total(8000, true)).value()).isEqualTo(8000);
    }

    @Test
    void aSmallTotalIsCountedEveryTime() {
        ListingCounts c = counts(Duration.ofMinutes(1), 1000);
        AtomicInteger counted = new AtomicInteger();
        for (int i = 0; i < 3; i++) {
            ListingCounts.Total t = c.total("case where mine", Map.of(), () -> new ListingCounts.Total(counted.incrementAndGet(), true));
            assertThat(t).isEqualTo(new ListingCounts.Total(i + 1, true));
        }
    }

    @Test
    void aRememberedTotalExpiresAndNoTtlMeansNoMemory() throws Exception {
        ListingCounts c = counts(Duration.ofMillis(50), 10);
        c.total("q", Map.of(), () -> new ListingCounts.Total(100, true));
        assertThat(c.total("q", Map.of(), () -> new ListingCounts.Total(200, true)).value()).isEqualTo(100);
        Thread.sleep(120);
        assertThat(c.total("q", Map.of(), () -> new ListingCounts.Total(300, true))).isEqualTo(new ListingCounts.Total(300, true));

        ListingCounts off = counts(Duration.ZERO, 10);
        off.total("q", Map.of(), () -> new ListingCounts.Total(100, true));
        assertThat(off.total("q", Map.of(), () -> new ListingCounts.Total(200, true))).isEqualTo(new ListingCounts.Total(200, true));
    }

    @Test
    void aTotalThatShrankBelowTheThresholdIsNoLongerRemembered() throws Exception {
        ListingCounts c = counts(Duration.ofMillis(50), 10);
        c.total("q", Map.of(), () -> new ListingCounts.Total(100, true));
        Thread.sleep(120);
        assertThat(c.total("q", Map.of(), () -> new ListingCounts.Total(3, true)).value()).isEqualTo(3);
        assertThat(c.total("q", Map.of(), () -> new ListingCounts.Total(4, true)).value()).isEqualTo(4);
    }
}
