package org.minyi.crawl.fetch;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * Configuration of the crawler's fetching layer ({@code minyi.crawl.*}). The fetching classes do not
 * read this interface directly: they take a {@link FetchSettings}, built with
 * {@link FetchSettings#from(CrawlConfig)} in production and {@link FetchSettings#builder()} in tests.
 */
@ConfigMapping(prefix = "minyi.crawl")
public interface CrawlConfig {

    /**
     * User-Agent header sent with every request. Its first product token (before the {@code /}) is the
     * name matched against {@code User-agent:} lines in robots.txt.
     */
    @WithDefault("minyi/0.1 (+http://localhost:8080/about; public-opinion monitor)")
    String userAgent();

    /** Longest wait for a TCP (and TLS) connection to be established. */
    @WithDefault("PT5S")
    Duration connectTimeout();

    /**
     * Longest wait for the response headers once connected, and separately for reading the whole body
     * of one response; a server that trickles the body past it is cut off as a time-out.
     */
    @WithDefault("PT15S")
    Duration readTimeout();

    /** Largest (decoded) body kept; reading stops there and the result is marked {@code truncated}. */
    @WithDefault("5242880")
    long maxPageBytes();

    /** Most redirects followed for one fetch; one more is {@code TOO_MANY_REDIRECTS}. */
    @WithDefault("5")
    int maxRedirects();

    /** Most attempts for one URL when the server answers 5xx or 429, or the request times out. */
    @WithDefault("3")
    int maxAttempts();

    /** Wait before the second attempt; doubled before each further attempt. */
    @WithDefault("PT1S")
    Duration retryBackoff();

    /**
     * Minimum gap between the end of one request to a host and the start of the next one to the same
     * host. A larger robots.txt {@code Crawl-delay} wins.
     */
    @WithDefault("PT1S")
    Duration hostDelay();

    /**
     * Whether to be polite: one request at a time per host and the host delay between requests.
     * Only benchmarks against our own servers should turn it off. Robots.txt is honoured either way.
     */
    @WithDefault("true")
    boolean politeness();

    /**
     * Whether URLs resolving to a loopback address (127.0.0.0/8, ::1) may be fetched. False in
     * production (SSRF guard); tests and the local demo set it to true.
     */
    @WithDefault("false")
    boolean allowLoopback();

    /**
     * Whether URLs resolving to private, link-local, CGNAT or unique-local addresses may be fetched
     * (10/8, 172.16/12, 192.168/16, 100.64/10, 169.254/16, fc00::/7, fe80::/10). False unless the
     * district's sites are really on an intranet.
     */
    @WithDefault("false")
    boolean allowPrivateNetworks();

    /** How long a host's parsed robots.txt is reused before it is fetched again. */
    @WithDefault("PT1H")
    Duration robotsCacheTtl();

    /** Longest URL accepted; longer ones are refused as likely crawler traps. */
    @WithDefault("1024")
    int maxUrlLength();

    // ---- runs and schedule (org.minyi.crawl) ----

    /** Whether scheduled crawls start by themselves (on-demand crawls work either way). */
    @WithDefault("true")
    boolean schedulerEnabled();

    /** Runs of different sources carried out at the same time (one run per source at most). */
    @WithDefault("4")
    int parallelRuns();

    /** Pages fetched in one run at most, unless the source sets {@code maxPages}. */
    @WithDefault("300")
    int maxPagesPerRun();

    /** List pages followed from a start URL (paging depth), unless the source sets {@code maxDepth}. */
    @WithDefault("5")
    int maxListDepth();

    /** Shortest schedule interval a source may have (tests of the scheduler lower it). */
    @WithDefault("PT1M")
    Duration minSchedule();

    /** A run without progress for this long is taken as interrupted (its process stopped). */
    @WithDefault("PT2M")
    Duration staleRunAfter();
}
