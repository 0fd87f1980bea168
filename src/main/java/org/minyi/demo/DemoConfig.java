package org.minyi.demo;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Instant;
import java.util.Optional;

/**
 * The built-in demo site under {@code /demo/}: a fictional district forum, news site and feed that the crawler can
 * read without internet access, with new posts appearing over time.
 */
@ConfigMapping(prefix = "minyi.demo")
public interface DemoConfig {

    /** Serve the demo site; when false every {@code /demo/*} path answers 404. */
    @WithDefault("true")
    boolean enabled();

    /** How fast the demo timeline runs: 1.0 is real time, 10 makes the posts of three hours appear in 18 minutes. */
    @WithDefault("1.0")
    double speed();

    /** Start of the demo timeline (ISO-8601 instant, e.g. {@code 2026-11-28T01:00:00Z}); default: application start. */
    Optional<Instant> epoch();

    /** Register the demo forum, news site and feed as sources at start-up (when the demo is served). */
    @WithDefault("true")
    boolean registerSources();

    /** How often the demo sources are crawled (ISO-8601 duration). */
    @WithDefault("PT2M")
    String crawlSchedule();

    /**
     * Where the crawler reaches this application; default {@code http://localhost:<quarkus.http.port>}.
     */
    Optional<String> appBaseUrl();
}
