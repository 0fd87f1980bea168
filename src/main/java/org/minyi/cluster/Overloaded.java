package org.minyi.cluster;

/** The service is at capacity for this kind of request: answered 503 with {@code Retry-After} (seconds). */
public class Overloaded extends RuntimeException {

    private final long retryAfterSeconds;

    public Overloaded(String message, long retryAfterSeconds) {
        super(message);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
