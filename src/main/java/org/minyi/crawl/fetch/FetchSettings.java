package org.minyi.crawl.fetch;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * Immutable fetching settings, the plain-Java twin of {@link CrawlConfig} so that the fetching classes
 * can be built without Quarkus. Defaults equal the {@code @WithDefault} values of {@link CrawlConfig}.
 */
public record FetchSettings(
        String userAgent,
        Duration connectTimeout,
        Duration readTimeout,
        long maxPageBytes,
        int maxRedirects,
        int maxAttempts,
        Duration retryBackoff,
        Duration hostDelay,
        boolean politeness,
        boolean allowLoopback,
        boolean allowPrivateNetworks,
        Duration robotsCacheTtl,
        int maxUrlLength) {

    public static final String DEFAULT_USER_AGENT = "minyi/0.1 (+http://localhost:8080/about; public-opinion monitor)";

    public FetchSettings {
        Objects.requireNonNull(userAgent, "userAgent");
        if (userAgent.isBlank()) {
            throw new IllegalArgumentException("userAgent must not be blank");
        }
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(readTimeout, "readTimeout");
        requireNonNegative(retryBackoff, "retryBackoff");
        requireNonNegative(hostDelay, "hostDelay");
        requireNonNegative(robotsCacheTtl, "robotsCacheTtl");
        if (maxPageBytes < 1) {
            throw new IllegalArgumentException("maxPageBytes must be at least 1");
        }
        if (maxRedirects < 0) {
            throw new IllegalArgumentException("maxRedirects must not be negative");
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        if (maxUrlLength < 16) {
            throw new IllegalArgumentException("maxUrlLength must be at least 16");
        }
    }

    /** Settings taken from the Quarkus configuration. */
    public static FetchSettings from(CrawlConfig c) {
        return new FetchSettings(c.userAgent(), c.connectTimeout(), c.readTimeout(), c.maxPageBytes(),
                c.maxRedirects(), c.maxAttempts(), c.retryBackoff(), c.hostDelay(), c.politeness(),
                c.allowLoopback(), c.allowPrivateNetworks(), c.robotsCacheTtl(), c.maxUrlLength());
    }

    /** The defaults of {@link CrawlConfig}. */
    public static FetchSettings defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.userAgent = userAgent;
        b.connectTimeout = connectTimeout;
        b.readTimeout = readTimeout;
        b.maxPageBytes = maxPageBytes;
        b.maxRedirects = maxRedirects;
        b.maxAttempts = maxAttempts;
        b.retryBackoff = retryBackoff;
        b.hostDelay = hostDelay;
        b.politeness = politeness;
        b.allowLoopback = allowLoopback;
        b.allowPrivateNetworks = allowPrivateNetworks;
        b.robotsCacheTtl = robotsCacheTtl;
        b.maxUrlLength = maxUrlLength;
        return b;
    }

    /**
     * The robots.txt product token of {@link #userAgent()}: its first token before {@code /} or a space,
     * lower-cased ({@code minyi} for the default).
     */
    public String robotsAgentName() {
        String first = userAgent.trim().split("[/\\s]", 2)[0];
        return first.toLowerCase(Locale.ROOT);
    }

    private static void requirePositive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }

    private static void requireNonNegative(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative");
        }
    }

    /** Builder starting from the defaults of {@link CrawlConfig}. */
    public static final class Builder {
        private String userAgent = DEFAULT_USER_AGENT;
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration readTimeout = Duration.ofSeconds(15);
        private long maxPageBytes = 5L * 1024 * 1024;
        private int maxRedirects = 5;
        private int maxAttempts = 3;
        private Duration retryBackoff = Duration.ofSeconds(1);
        private Duration hostDelay = Duration.ofSeconds(1);
        private boolean politeness = true;
        private boolean allowLoopback;
        private boolean allowPrivateNetworks;
        private Duration robotsCacheTtl = Duration.ofHours(1);
        private int maxUrlLength = 1024;

        private Builder() {
        }

        public Builder userAgent(String v) { userAgent = v; return this; }
        public Builder connectTimeout(Duration v) { connectTimeout = v; return this; }
        public Builder readTimeout(Duration v) { readTimeout = v; return this; }
        public Builder maxPageBytes(long v) { maxPageBytes = v; return this; }
        public Builder maxRedirects(int v) { maxRedirects = v; return this; }
        public Builder maxAttempts(int v) { maxAttempts = v; return this; }
        public Builder retryBackoff(Duration v) { retryBackoff = v; return this; }
        public Builder hostDelay(Duration v) { hostDelay = v; return this; }
        public Builder politeness(boolean v) { politeness = v; return this; }
        public Builder allowLoopback(boolean v) { allowLoopback = v; return this; }
        public Builder allowPrivateNetworks(boolean v) { allowPrivateNetworks = v; return this; }
        public Builder robotsCacheTtl(Duration v) { robotsCacheTtl = v; return this; }
        public Builder maxUrlLength(int v) { maxUrlLength = v; return this; }

        public FetchSettings build() {
            return new FetchSettings(userAgent, connectTimeout, readTimeout, maxPageBytes, maxRedirects,
                    maxAttempts, retryBackoff, hostDelay, politeness, allowLoopback, allowPrivateNetworks,
                    robotsCacheTtl, maxUrlLength);
        }
    }
}
