package org.minyi.crawl.fetch;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * Per-host politeness, as StormCrawler's per-host queues: one request at a time per host, and at least
 * {@code max(hostDelay, robots Crawl-delay)} between the end of one request to a host and the start of the
 * next. With {@code politeness=false} both are off ({@link #acquire} returns at once).
 *
 * <p>The host key is the URL's scheme, host and port ({@link RobotsRules#key}). Time comes from the
 * injected {@link Clock} and waiting goes through the injected {@link Sleeper}, so tests use a fake
 * clock that the sleeper advances.
 *
 * <p>Usage: {@code try (HostPoliteness.Permit p = politeness.acquire(url, crawlDelay)) { ...request... }}
 */
public final class HostPoliteness {

    /** Waits; the real one is {@code Thread::sleep}. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration d) throws InterruptedException;

        Sleeper REAL = d -> {
            if (!d.isZero() && !d.isNegative()) {
                Thread.sleep(d.toMillis(), d.toNanosPart() % 1_000_000);
            }
        };
    }

    /** Held while a request to a host runs; closing it records the end of the request. */
    public interface Permit extends AutoCloseable {
        @Override
        void close();

        /** How long {@link #acquire} waited for the host delay (zero when it did not). */
        Duration waited();
    }

    private static final class HostState {
        final Semaphore inFlight = new Semaphore(1, true);
        volatile Instant lastEnd; // end of the previous request; null before the first
    }

    private final boolean enabled;
    private final Duration hostDelay;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Map<String, HostState> hosts = new ConcurrentHashMap<>();

    public HostPoliteness(FetchSettings settings, Clock clock, Sleeper sleeper) {
        this.enabled = settings.politeness();
        this.hostDelay = settings.hostDelay();
        this.clock = clock;
        this.sleeper = sleeper;
    }

    public boolean enabled() {
        return enabled;
    }

    /**
     * Blocks until a request to the URL's host may start: until no other request to it runs, then until
     * {@code max(hostDelay, crawlDelay)} has passed since the previous one ended.
     *
     * @param url        any URL on the host
     * @param crawlDelay the robots.txt Crawl-delay for the host; null or zero when none
     */
    public Permit acquire(String url, Duration crawlDelay) throws InterruptedException {
        if (!enabled) {
            return NO_WAIT;
        }
        HostState state = hosts.computeIfAbsent(RobotsRules.key(url), k -> new HostState());
        state.inFlight.acquire();
        try {
            Duration gap = crawlDelay != null && crawlDelay.compareTo(hostDelay) > 0 ? crawlDelay : hostDelay;
            Duration waited = Duration.ZERO;
            if (state.lastEnd != null) {
                Duration wait = Duration.between(clock.instant(), state.lastEnd.plus(gap));
                if (!wait.isNegative() && !wait.isZero()) {
                    sleeper.sleep(wait);
                    waited = wait;
                }
            }
            Duration w = waited;
            return new Permit() {
                private boolean closed;

                @Override
                public synchronized void close() {
                    if (!closed) {
                        closed = true;
                        state.lastEnd = clock.instant();
                        state.inFlight.release();
                    }
                }

                @Override
                public Duration waited() {
                    return w;
                }
            };
        } catch (InterruptedException | RuntimeException e) {
            state.inFlight.release();
            throw e;
        }
    }

    private static final Permit NO_WAIT = new Permit() {
        @Override
        public void close() {
        }

        @Override
        public Duration waited() {
            return Duration.ZERO;
        }
    };
}
