package org.minyi.cluster;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Bounded admission for one kind of expensive request: at most {@code maxConcurrent} run at once, at most
 * {@code maxQueued} wait (each for {@code maxWait} at most) for a turn; anything beyond is refused at once with
 * {@link Overloaded} (503 with {@code Retry-After}) instead of piling up threads and request bodies in memory.
 * Metrics, tagged {@code endpoint}: {@code minyi_admission_in_flight}, {@code minyi_admission_queued},
 * {@code minyi_admission_limit}, {@code minyi_admission_rejected_total} and {@code minyi_admission_admitted_total}.
 */
public final class Admission {

    private final String name;
    private final int maxConcurrent;
    private final int maxQueued;
    private final Duration maxWait;
    private final Semaphore permits;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger queued = new AtomicInteger();
    private final Counter rejected;
    private final Counter admitted;

    public Admission(String name, int maxConcurrent, int maxQueued, Duration maxWait, MeterRegistry registry) {
        if (maxConcurrent < 1 || maxQueued < 0 || maxWait.isNegative()) {
            throw new IllegalArgumentException("admission " + name + ": max-concurrent must be >= 1, max-queued >= 0, wait >= 0");
        }
        this.name = name;
        this.maxConcurrent = maxConcurrent;
        this.maxQueued = maxQueued;
        this.maxWait = maxWait;
        this.permits = new Semaphore(maxConcurrent, true);
        Gauge.builder("minyi.admission.in.flight", inFlight, AtomicInteger::get).tag("endpoint", name)
                .description("Requests being processed").register(registry);
        Gauge.builder("minyi.admission.queued", queued, AtomicInteger::get).tag("endpoint", name)
                .description("Requests waiting for a turn").register(registry);
        Gauge.builder("minyi.admission.limit", () -> maxConcurrent).tag("endpoint", name)
                .description("Requests processed at once at most").register(registry);
        rejected = Counter.builder("minyi.admission.rejected").tag("endpoint", name)
                .description("Requests refused with 503 because the service was at capacity").register(registry);
        admitted = Counter.builder("minyi.admission.admitted").tag("endpoint", name)
                .description("Requests admitted").register(registry);
    }

    /** Runs the work when a turn is free (waiting in the bounded queue if needed), or throws {@link Overloaded}. */
    public <T> T call(Supplier<T> work) {
        if (!permits.tryAcquire()) {
            if (queued.incrementAndGet() > maxQueued) {
                queued.decrementAndGet();
                throw refuse("the queue of " + maxQueued + " waiting requests is full");
            }
            boolean got;
            try {
                got = permits.tryAcquire(maxWait.toNanos(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                got = false;
            } finally {
                queued.decrementAndGet();
            }
            if (!got) {
                throw refuse("no turn became free within " + maxWait.toMillis() + " ms");
            }
        }
        inFlight.incrementAndGet();
        admitted.increment();
        try {
            return work.get();
        } finally {
            inFlight.decrementAndGet();
            permits.release();
        }
    }

    private Overloaded refuse(String why) {
        rejected.increment();
        long retryAfter = Math.max(1, (maxWait.toMillis() + 999) / 1000);
        return new Overloaded(name + " is at capacity (" + maxConcurrent + " at once): " + why + "; retry later", retryAfter);
    }

    public String name() {
        return name;
    }

    public int inFlight() {
        return inFlight.get();
    }

    public int queued() {
        return queued.get();
    }

    public double rejectedCount() {
        return rejected.count();
    }
}
