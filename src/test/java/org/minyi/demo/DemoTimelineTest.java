package org.minyi.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class DemoTimelineTest {

    static final Instant START = Instant.parse("2026-11-28T01:00:00Z");

    static Clock at(Duration afterStart) {
        return Clock.fixed(START.plus(afterStart), ZoneOffset.UTC);
    }

    @Test
    void futureItemsAreHiddenUntilTheirMinuteComes() {
        assertThat(new DemoTimeline(at(Duration.ZERO), START, 1).isVisible(0)).isTrue();
        assertThat(new DemoTimeline(at(Duration.ZERO), START, 1).isVisible(1)).isFalse();
        assertThat(new DemoTimeline(at(Duration.ofSeconds(29 * 60 + 59)), START, 1).isVisible(30)).isFalse();
        assertThat(new DemoTimeline(at(Duration.ofMinutes(30)), START, 1).isVisible(30)).isTrue();
        assertThat(new DemoTimeline(at(Duration.ofMinutes(30)), START, 1).isVisible(31)).isFalse();
    }

    @Test
    void speedMakesTheDemoClockRunFaster() {
        DemoTimeline fast = new DemoTimeline(at(Duration.ofMinutes(3)), START, 10);
        assertThat(fast.elapsed()).isEqualTo(Duration.ofMinutes(30));
        assertThat(fast.now()).isEqualTo(START.plus(Duration.ofMinutes(30)));
        assertThat(fast.isVisible(30)).isTrue();
        assertThat(fast.isVisible(31)).isFalse();
        assertThat(fast.appearsAt(30)).isEqualTo(START.plus(Duration.ofMinutes(3)));
    }

    @Test
    void aClockBeforeTheStartShowsOnlyTheStartingItems() {
        DemoTimeline early = new DemoTimeline(at(Duration.ofHours(-2)), START, 1);
        assertThat(early.elapsed()).isEqualTo(Duration.ZERO);
        assertThat(early.isVisible(0)).isTrue();
        assertThat(early.isVisible(1)).isFalse();
    }

    @Test
    void shownTimesAreStartPlusAppearanceMinusAge() {
        DemoTimeline t = new DemoTimeline(at(Duration.ZERO), START.plusMillis(700), 1);
        assertThat(t.start()).isEqualTo(START);
        assertThat(t.shownTime(0, 90)).isEqualTo(START.minus(Duration.ofMinutes(90)));
        assertThat(t.shownTime(45, 0)).isEqualTo(START.plus(Duration.ofMinutes(45)));
    }

    @Test
    void speedMustBePositive() {
        assertThatThrownBy(() -> new DemoTimeline(at(Duration.ZERO), START, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DemoTimeline(at(Duration.ZERO), START, -1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DemoTimeline(at(Duration.ZERO), START, Double.NaN))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
