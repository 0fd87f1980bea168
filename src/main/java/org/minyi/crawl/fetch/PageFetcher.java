package org.minyi.crawl.fetch;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Fetches one page politely and safely. For each attempt it follows redirects itself (through
 * {@link HttpTransport}); on every hop, before anything is sent: {@link AddressGuard}
 * ({@code BLOCKED_ADDRESS}), {@link TrapFilter} ({@code TRAP}), robots.txt ({@code BLOCKED_ROBOTS}), then
 * {@link HostPoliteness} waits for the host.
 *
 * <ul>
 * <li>Conditional GET: {@code If-None-Match} / {@code If-Modified-Since} from the previous
 * {@link Validators}; a 304 is {@code NOT_MODIFIED}.</li>
 * <li>Retries: 5xx, 429 and time-outs are retried up to {@code maxAttempts} in all, waiting
 * {@code retryBackoff}, then twice that, ... (a 429's {@code Retry-After} in seconds wins when longer, up to
 * {@link #MAX_RETRY_AFTER}).</li>
 * <li>Bodies: text types (text/*, *&#47;xml, *+xml, json, javascript, or no Content-Type) are read up to
 * {@code maxPageBytes} ({@code truncated} when cut) and decoded with {@link CharsetDetector}, which weighs
 * the Content-Type charset against the bytes. Every other type (image/*, application/pdf, zip,
 * octet-stream, audio, video, fonts ...) is {@code UNSUPPORTED} and its body is not read.</li>
 * <li>404 and 410 are {@code NOT_FOUND}; other non-2xx statuses {@code HTTP_ERROR}.</li>
 * </ul>
 * Never throws for network or content problems. Thread-safe.
 */
public final class PageFetcher {

    /** Longest Retry-After honoured; a longer one is cut to this. */
    public static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(60);

    private final FetchSettings settings;
    private final HttpTransport transport;
    private final RobotsRules robots;
    private final HostPoliteness politeness;
    private final TrapFilter traps;
    private final CharsetDetector charsets;
    private final Clock clock;
    private final HostPoliteness.Sleeper sleeper;

    public PageFetcher(FetchSettings settings, HttpTransport transport, RobotsRules robots, HostPoliteness politeness,
            TrapFilter traps, CharsetDetector charsets, Clock clock, HostPoliteness.Sleeper sleeper) {
        this.settings = settings;
        this.transport = transport;
        this.robots = robots;
        this.politeness = politeness;
        this.traps = traps;
        this.charsets = charsets;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** Wires the default collaborators: real DNS, the JDK HTTP client, real sleeping. */
    public static PageFetcher create(FetchSettings settings, Clock clock) {
        return create(settings, clock, HostPoliteness.Sleeper.REAL, new AddressGuard(settings));
    }

    /** Wires the default collaborators around the given sleeper and guard (tests). */
    public static PageFetcher create(FetchSettings settings, Clock clock, HostPoliteness.Sleeper sleeper,
            AddressGuard guard) {
        return create(settings, clock, sleeper, new HttpTransport(settings, guard));
    }

    /** Wires the default collaborators around the given transport. */
    public static PageFetcher create(FetchSettings settings, Clock clock, HostPoliteness.Sleeper sleeper,
            HttpTransport transport) {
        HostPoliteness politeness = new HostPoliteness(settings, clock, sleeper);
        RobotsRules robots = new RobotsRules(settings, transport, politeness, clock);
        return new PageFetcher(settings, transport, robots, politeness, new TrapFilter(settings, clock),
                new CharsetDetector(), clock, sleeper);
    }

    public RobotsRules robots() {
        return robots;
    }

    /**
     * Fetches {@code url}.
     *
     * @param previous validators of the stored copy for a conditional GET; null for an unconditional one
     */
    public FetchResult fetch(String url, Validators previous) {
        Instant start = clock.instant();
        Optional<String> trap = traps.reject(url);
        if (trap.isPresent()) {
            return failure(FetchResult.Status.TRAP, url, url, 0, 0, start, trap.get());
        }
        URI uri = UrlNormalizer.toUri(url);
        if (uri == null || uri.getHost() == null || !isHttp(uri)) {
            return failure(FetchResult.Status.ERROR, url, url, 0, 0, start, "not an absolute http(s) URL: " + url);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
        headers.put("Accept-Language", "zh-CN,zh;q=0.9,en;q=0.5");
        if (previous != null) {
            if (previous.etag() != null && !previous.etag().isBlank()) {
                headers.put("If-None-Match", previous.etag());
            }
            if (previous.lastModified() != null && !previous.lastModified().isBlank()) {
                headers.put("If-Modified-Since", previous.lastModified());
            }
        }
        HttpTransport.HopGate gate = new HttpTransport.HopGate() {
            @Override
            public Optional<HttpTransport.Refusal> check(URI hop) {
                String hopUrl = hop.toString();
                Optional<String> t = traps.reject(hopUrl);
                if (t.isPresent()) {
                    return Optional.of(new HttpTransport.Refusal(FetchResult.Status.TRAP, t.get()));
                }
                return robots.disallowReason(hopUrl)
                        .map(why -> new HttpTransport.Refusal(FetchResult.Status.BLOCKED_ROBOTS, why));
            }

            @Override
            public HostPoliteness.Permit enter(URI hop) throws InterruptedException {
                return politeness.acquire(hop.toString(), robots.crawlDelay(hop.toString()));
            }
        };

        HttpTransport.Exchange x = null;
        int attempt = 0;
        while (attempt < settings.maxAttempts()) {
            attempt++;
            x = transport.follow(uri.toString(), headers, this::bodyCapFor, gate);
            if (attempt >= settings.maxAttempts() || !retryable(x)) {
                break;
            }
            Duration wait = backoff(attempt, x);
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return toResult(url, x, attempt, start);
    }

    private long bodyCapFor(String contentType) {
        return isText(contentType) ? settings.maxPageBytes() : 0;
    }

    /** Text we can decode: no type, text/*, XML, JSON, JavaScript. */
    static boolean isText(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return true;
        }
        String t = mediaType(contentType);
        return t.startsWith("text/") || t.endsWith("/xml") || t.endsWith("+xml") || t.endsWith("/json")
                || t.endsWith("+json") || t.endsWith("/javascript") || t.endsWith("/ecmascript");
    }

    private static String mediaType(String contentType) {
        int semi = contentType.indexOf(';');
        return (semi < 0 ? contentType : contentType.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
    }

    private static boolean retryable(HttpTransport.Exchange x) {
        if (!x.responded()) {
            return x.failure() == FetchResult.Status.TIMEOUT;
        }
        return x.status() >= 500 || x.status() == 429;
    }

    private Duration backoff(int attempt, HttpTransport.Exchange x) {
        Duration wait = settings.retryBackoff().multipliedBy(1L << Math.min(attempt - 1, 20));
        if (x.responded() && (x.status() == 429 || x.status() == 503)) {
            Optional<Duration> retryAfter = x.header("Retry-After").flatMap(PageFetcher::parseRetryAfter);
            if (retryAfter.isPresent() && retryAfter.get().compareTo(wait) > 0) {
                wait = retryAfter.get().compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : retryAfter.get();
            }
        }
        return wait;
    }

    private static Optional<Duration> parseRetryAfter(String v) {
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(v.trim()))));
        } catch (NumberFormatException e) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(v.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
                return Optional.of(Duration.between(Instant.now(), at.toInstant()));
            } catch (RuntimeException e2) {
                return Optional.empty();
            }
        }
    }

    private FetchResult toResult(String requested, HttpTransport.Exchange x, int attempts, Instant start) {
        Duration elapsed = Duration.between(start, clock.instant());
        if (!x.responded()) {
            // refused before the first request of the first attempt: nothing was sent
            boolean nothingSent = x.failure() == FetchResult.Status.BLOCKED_ADDRESS
                    || x.failure() == FetchResult.Status.BLOCKED_ROBOTS || x.failure() == FetchResult.Status.TRAP;
            int a = nothingSent && attempts == 1 && x.chain().size() == 1 ? 0 : attempts;
            return new FetchResult(x.failure(), requested, x.finalUrl(), x.status(),
                    x.header("Content-Type").orElse(null), new byte[0], null, null, false,
                    x.header("ETag").orElse(null), x.header("Last-Modified").orElse(null), a, elapsed, x.error());
        }
        int status = x.status();
        String contentType = x.header("Content-Type").orElse(null);
        String etag = x.header("ETag").orElse(null);
        String lastModified = x.header("Last-Modified").orElse(null);
        FetchResult.Status s;
        String error = null;
        if (status == 304) {
            s = FetchResult.Status.NOT_MODIFIED;
        } else if (status == 404 || status == 410) {
            s = FetchResult.Status.NOT_FOUND;
            error = "HTTP " + status;
        } else if (status < 200 || status >= 300) {
            s = FetchResult.Status.HTTP_ERROR;
            error = "HTTP " + status + (attempts > 1 ? " after " + attempts + " attempts" : "");
        } else if (!isText(contentType)) {
            s = FetchResult.Status.UNSUPPORTED;
            error = "unsupported content type " + mediaType(contentType);
        } else {
            CharsetDetector.Decoded d = charsets.decode(x.body(), contentType);
            return new FetchResult(FetchResult.Status.OK, requested, x.finalUrl(), status, contentType, x.body(),
                    d.text(), d.charset().name(), x.truncated(), etag, lastModified, attempts, elapsed, null);
        }
        return new FetchResult(s, requested, x.finalUrl(), status, contentType, x.body(), null, null, x.truncated(),
                etag, lastModified, attempts, elapsed, error);
    }

    private static FetchResult failure(FetchResult.Status status, String requested, String finalUrl, int httpStatus,
            int attempts, Instant start, String error) {
        return new FetchResult(status, requested, finalUrl, httpStatus, null, new byte[0], null, null, false, null,
                null, attempts, Duration.ZERO, error);
    }

    private static boolean isHttp(URI uri) {
        return "http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme());
    }
}
