package org.minyi.demo;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The demo clock. Demo time starts at {@link #start()} (the application start, or {@code minyi.demo.epoch}) and runs
 * {@link #speed()} times as fast as the injected {@link Clock}. An item with {@code appearAfterMinutes = m} becomes
 * visible once {@code m} demo minutes have passed; items with {@code m = 0} are there from the start. The time shown
 * for an item is {@code start + appearAfterMinutes - ageMinutes}, so items present at start can be back-dated.
 */
@Startup
@ApplicationScoped
public class DemoTimeline {

    private final Clock clock;
    private final Instant start;
    private final double speed;

    @Inject
    public DemoTimeline(Clock clock, DemoConfig config) {
        this(clock, config.epoch().orElseGet(clock::instant), config.speed());
    }

    /** A timeline on the given clock; {@code speed} must be positive. */
    public DemoTimeline(Clock clock, Instant start, double speed) {
        if (!(speed > 0) || Double.isInfinite(speed)) {
            throw new IllegalArgumentException("minyi.demo.speed must be a positive number, not " + speed);
        }
        this.clock = clock;
        this.start = start.truncatedTo(ChronoUnit.SECONDS);
        this.speed = speed;
    }

    /** The instant demo time starts, whole seconds (real and demo time coincide here). */
    public Instant start() {
        return start;
    }

    public double speed() {
        return speed;
    }

    /** Demo time elapsed since the start, never negative. */
    public Duration elapsed() {
        long realMillis = Duration.between(start, clock.instant()).toMillis();
        return realMillis <= 0 ? Duration.ZERO : Duration.ofMillis((long) (realMillis * speed));
    }

    /** The current demo time. */
    public Instant now() {
        return start.plus(elapsed());
    }

    /** Whether an item that appears {@code appearAfterMinutes} demo minutes after the start is visible now. */
    public boolean isVisible(int appearAfterMinutes) {
        return appearAfterMinutes <= 0 || elapsed().compareTo(Duration.ofMinutes(appearAfterMinutes)) >= 0;
    }

    /** The (demo) time shown for an item: start + appearAfterMinutes - ageMinutes. */
    public Instant shownTime(int appearAfterMinutes, int ageMinutes) {
        return start.plus(Duration.ofMinutes((long) appearAfterMinutes - ageMinutes));
    }

    /** The real instant at which an item appears (used for Last-Modified): start + appearAfterMinutes / speed. */
    public Instant appearsAt(int appearAfterMinutes) {
        if (appearAfterMinutes <= 0) {
            return start;
        }
        return start.plusMillis((long) Math.ceil(appearAfterMinutes * 60_000d / speed));
    }
}
