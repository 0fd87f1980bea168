package org.minyi.crawl.fetch;

import crawlercommons.robots.BaseRobotRules;
import crawlercommons.robots.SimpleRobotRules;
import crawlercommons.robots.SimpleRobotRulesParser;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * robots.txt rules per scheme + host + port, fetched through the {@link HttpTransport} (so the address
 * guard applies, also to robots.txt redirects), parsed by crawler-commons {@link SimpleRobotRulesParser}
 * for the product token of the configured User-Agent, and cached for {@code robotsCacheTtl}.
 *
 * <p>What a fetch outcome means (RFC 9309):
 * <ul>
 * <li>2xx: the parsed rules;</li>
 * <li>4xx, including 404, 401 and 403, and more than {@code maxRedirects} redirects: no rules, everything
 * allowed;</li>
 * <li>5xx, 429, time-out, unreachable, refused address, too many redirects: <b>everything disallowed for
 * now</b>; this answer is cached for only {@link #FAILURE_TTL} (or the TTL when shorter), so the host is
 * tried again soon. A site whose robots.txt keeps failing is therefore not crawled.</li>
 * </ul>
 * A robots.txt is read up to {@link #MAX_ROBOTS_BYTES} (500 KiB, RFC 9309's minimum). A Crawl-delay above
 * 300 s makes crawler-commons disallow the whole host (its guard against hostile values); a smaller one is
 * waited for by {@link HostPoliteness}, holding the calling thread, so the scheduler should not hand many
 * URLs of a slow host to the same worker pool at once.
 *
 * <p>Requests for robots.txt go through {@link HostPoliteness} like any other request. Thread-safe; one
 * robots.txt fetch at a time per host.
 */
public final class RobotsRules {

    public static final Duration FAILURE_TTL = Duration.ofMinutes(5);
    public static final long MAX_ROBOTS_BYTES = 500 * 1024;

    private record Entry(BaseRobotRules rules, Instant expires, String source) {
    }

    private final FetchSettings settings;
    private final HttpTransport transport;
    private final HostPoliteness politeness;
    private final Clock clock;
    private final SimpleRobotRulesParser parser = new SimpleRobotRulesParser();
    private final List<String> agentNames;
    private final Map<String, Entry> cache = new ConcurrentHashMap<>();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    public RobotsRules(FetchSettings settings, HttpTransport transport, HostPoliteness politeness, Clock clock) {
        this.settings = settings;
        this.transport = transport;
        this.politeness = politeness;
        this.clock = clock;
        this.agentNames = List.of(settings.robotsAgentName());
    }

    /** Whether robots.txt of the URL's host allows fetching it; fetches robots.txt when not cached. */
    public boolean isAllowed(String url) {
        URI uri = UrlNormalizer.toUri(url);
        if (uri == null || uri.getHost() == null) {
            return false;
        }
        return rules(uri).rules().isAllowed(uri.toString());
    }

    /** Why the URL is disallowed, or empty when it is allowed. */
    public Optional<String> disallowReason(String url) {
        URI uri = UrlNormalizer.toUri(url);
        if (uri == null || uri.getHost() == null) {
            return Optional.of("malformed URL");
        }
        Entry e = rules(uri);
        return e.rules().isAllowed(uri.toString()) ? Optional.empty() : Optional.of(e.source());
    }

    /**
     * The Crawl-delay of the host for our agent (zero when none). Takes any URL on the host, since rules
     * are per scheme, host and port; a bare host name ({@code news.example.cn}) means its http port 80.
     */
    public Duration crawlDelay(String urlOrHost) {
        String url = urlOrHost != null && !urlOrHost.contains("://") ? "http://" + urlOrHost + "/" : urlOrHost;
        URI uri = UrlNormalizer.toUri(url);
        if (uri == null || uri.getHost() == null) {
            return Duration.ZERO;
        }
        long ms = rules(uri).rules().getCrawlDelay();
        return ms > 0 ? Duration.ofMillis(ms) : Duration.ZERO;
    }

    /** Forgets all cached rules. */
    public void clear() {
        cache.clear();
    }

    /** {@code scheme://host:port}, lower-cased, with the default port made explicit. */
    public static String key(String url) {
        URI uri = UrlNormalizer.toUri(url);
        return uri == null ? String.valueOf(url) : key(uri);
    }

    static String key(URI uri) {
        String scheme = uri.getScheme() == null ? "http" : uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort() >= 0 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        return scheme + "://" + host + ":" + port;
    }

    private Entry rules(URI uri) {
        String key = key(uri);
        Entry e = cache.get(key);
        if (e != null && clock.instant().isBefore(e.expires())) {
            return e;
        }
        synchronized (locks.computeIfAbsent(key, k -> new Object())) {
            e = cache.get(key);
            if (e != null && clock.instant().isBefore(e.expires())) {
                return e;
            }
            e = load(key);
            cache.put(key, e);
            return e;
        }
    }

    private Entry load(String key) {
        String robotsUrl = key + "/robots.txt";
        HttpTransport.Exchange x = transport.follow(robotsUrl, Map.of("Accept", "text/plain,*/*;q=0.5"),
                contentType -> MAX_ROBOTS_BYTES, new HttpTransport.HopGate() {
                    @Override
                    public Optional<HttpTransport.Refusal> check(URI uri) {
                        return Optional.empty();
                    }

                    @Override
                    public HostPoliteness.Permit enter(URI uri) throws InterruptedException {
                        return politeness.acquire(uri.toString(), Duration.ZERO);
                    }
                });
        Instant now = clock.instant();
        Instant normalExpiry = now.plus(settings.robotsCacheTtl());
        Duration failureTtl = settings.robotsCacheTtl().compareTo(FAILURE_TTL) < 0 ? settings.robotsCacheTtl() : FAILURE_TTL;
        if (x.failure() == FetchResult.Status.TOO_MANY_REDIRECTS) { // RFC 9309 2.3.1.2: unavailable
            return new Entry(new SimpleRobotRules(SimpleRobotRules.RobotRulesMode.ALLOW_ALL), normalExpiry,
                    robotsUrl + ": " + x.error());
        }
        if (!x.responded()) {
            return disallowAll(now.plus(failureTtl), robotsUrl + " could not be fetched (" + x.failure() + ": " + x.error() + ")");
        }
        int status = x.status();
        if (status >= 200 && status < 300) {
            BaseRobotRules rules = parser.parseContent(robotsUrl, x.body(),
                    x.header("Content-Type").orElse("text/plain"), agentNames);
            return new Entry(rules, normalExpiry, "disallowed by " + robotsUrl);
        }
        if (status >= 400 && status < 500 && status != 429) {
            return new Entry(new SimpleRobotRules(SimpleRobotRules.RobotRulesMode.ALLOW_ALL), normalExpiry,
                    robotsUrl + " answered " + status);
        }
        return disallowAll(now.plus(failureTtl), robotsUrl + " answered " + status + "; disallowing for now");
    }

    private static Entry disallowAll(Instant expires, String why) {
        return new Entry(new SimpleRobotRules(SimpleRobotRules.RobotRulesMode.ALLOW_NONE), expires, why);
    }
}
