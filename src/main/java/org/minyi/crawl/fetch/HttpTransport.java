package org.minyi.crawl.fetch;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.ToLongFunction;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/**
 * The one place that talks HTTP: {@code java.net.http.HttpClient} with redirects NEVER, no proxy and
 * HTTP/1.1. {@link #follow} follows redirects itself, up to {@code maxRedirects}, and on every hop runs
 * the {@link AddressGuard} <em>before</em> anything is sent, then the caller's {@link HopGate} (robots,
 * trap filter, politeness). Bodies are decompressed (gzip, deflate), cut at a cap and read under a
 * watchdog so that a server trickling bytes cannot hold a thread past {@code readTimeout}.
 *
 * <p>Shared by {@link PageFetcher} and {@link RobotsRules}. Thread-safe; {@link #close()} stops the watchdog.
 */
public final class HttpTransport implements AutoCloseable {

    /** Why a hop was refused by a {@link HopGate}. */
    public record Refusal(FetchResult.Status status, String reason) {
    }

    /** Per-hop checks of the caller, run after the address guard passed. */
    public interface HopGate {
        /** @return a refusal, or empty to go on */
        Optional<Refusal> check(URI uri);

        /** Blocks until the request may be sent (politeness); the permit is closed when the hop is done. */
        HostPoliteness.Permit enter(URI uri) throws InterruptedException;
    }

    /**
     * What came back. {@code failure} is null when a response was received (any status), else the
     * status to report with {@code error}.
     */
    public record Exchange(FetchResult.Status failure, String error, String finalUrl, int status,
            HttpHeaders headers, byte[] body, boolean truncated, List<String> chain) {

        public boolean responded() {
            return failure == null;
        }

        public Optional<String> header(String name) {
            return headers == null ? Optional.empty() : headers.firstValue(name);
        }
    }

    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
    private static final HttpHeaders NO_HEADERS = HttpHeaders.of(Map.of(), (a, b) -> true);

    private final FetchSettings settings;
    private final AddressGuard guard;
    private final HttpClient client;
    private final ScheduledExecutorService watchdog;

    public HttpTransport(FetchSettings settings, AddressGuard guard) {
        this(settings, guard, defaultClient(settings));
    }

    /** @param client must not follow redirects (the guard has to see every hop) */
    public HttpTransport(FetchSettings settings, AddressGuard guard, HttpClient client) {
        if (client.followRedirects() != HttpClient.Redirect.NEVER) {
            throw new IllegalArgumentException("the HttpClient must not follow redirects itself");
        }
        this.settings = settings;
        this.guard = guard;
        this.client = client;
        this.watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "minyi-fetch-watchdog");
            t.setDaemon(true);
            return t;
        });
    }

    /** Redirects NEVER, no proxy (the guard must judge the real destination), HTTP/1.1, connect timeout. */
    public static HttpClient defaultClient(FetchSettings settings) {
        return HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .proxy(HttpClient.Builder.NO_PROXY)
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.connectTimeout())
                .build();
    }

    public FetchSettings settings() {
        return settings;
    }

    /**
     * GETs {@code url}, following redirects.
     *
     * @param headers extra request headers (conditional-GET validators, Accept)
     * @param bodyCap how many decoded body bytes to read for a 2xx response of the given Content-Type
     *                (null when absent); 0 reads nothing. Bodies of other statuses are not read.
     * @param gate    per-hop checks and politeness
     */
    public Exchange follow(String url, Map<String, String> headers, ToLongFunction<String> bodyCap, HopGate gate) {
        List<String> chain = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        URI uri = UrlNormalizer.toUri(url);
        if (uri == null || uri.getHost() == null) {
            return failed(FetchResult.Status.ERROR, "malformed URL: " + url, url, chain);
        }
        for (int redirects = 0; ; redirects++) {
            String current = uri.toString();
            chain.add(current);
            seen.add(current);
            Optional<String> blocked = guard.check(uri);
            if (blocked.isPresent()) {
                return failed(FetchResult.Status.BLOCKED_ADDRESS, blocked.get(), current, chain);
            }
            Optional<Refusal> refused = gate.check(uri);
            if (refused.isPresent()) {
                return failed(refused.get().status(), refused.get().reason(), current, chain);
            }
            Exchange hop;
            try (HostPoliteness.Permit permit = gate.enter(uri)) {
                hop = send(uri, headers, bodyCap, chain);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return failed(FetchResult.Status.ERROR, "interrupted", current, chain);
            }
            if (!hop.responded() || !REDIRECTS.contains(hop.status())) {
                return hop;
            }
            Optional<String> location = hop.header("Location");
            if (location.isEmpty() || location.get().isBlank()) {
                return hop; // a 3xx without Location is reported as it is
            }
            URI next = UrlNormalizer.resolveReference(current, headerBytesAsUtf8(location.get()));
            if (next == null) {
                return failed(FetchResult.Status.ERROR, "unusable redirect Location: " + location.get(), current, chain);
            }
            if (seen.contains(next.toString())) {
                chain.add(next.toString());
                return new Exchange(FetchResult.Status.TOO_MANY_REDIRECTS, "redirect loop: " + String.join(" -> ", chain),
                        current, hop.status(), hop.headers(), new byte[0], false, List.copyOf(chain));
            }
            if (redirects >= settings.maxRedirects()) {
                return new Exchange(FetchResult.Status.TOO_MANY_REDIRECTS,
                        "more than " + settings.maxRedirects() + " redirects", current, hop.status(), hop.headers(),
                        new byte[0], false, List.copyOf(chain));
            }
            uri = next;
        }
    }

    /** One request, no redirect handling. The guard must have been consulted by the caller. */
    private Exchange send(URI uri, Map<String, String> headers, ToLongFunction<String> bodyCap, List<String> chain) {
        String url = uri.toString();
        HttpRequest.Builder rb;
        try {
            rb = HttpRequest.newBuilder(uri).GET()
                    .timeout(settings.readTimeout())
                    .header("User-Agent", settings.userAgent())
                    .header("Accept-Encoding", "gzip, deflate");
            headers.forEach(rb::header);
        } catch (IllegalArgumentException e) {
            return failed(FetchResult.Status.ERROR, "cannot build request: " + e.getMessage(), url, chain);
        }
        HttpResponse<InputStream> response;
        try {
            response = client.send(rb.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpConnectTimeoutException e) {
            return failed(FetchResult.Status.TIMEOUT, "connect timed out after " + settings.connectTimeout(), url, chain);
        } catch (HttpTimeoutException e) {
            return failed(FetchResult.Status.TIMEOUT, "no response within " + settings.readTimeout(), url, chain);
        } catch (ConnectException e) {
            return failed(FetchResult.Status.ERROR, "cannot connect: " + describe(e), url, chain);
        } catch (IOException e) {
            return failed(FetchResult.Status.ERROR, "I/O error: " + describe(e), url, chain);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(FetchResult.Status.ERROR, "interrupted", url, chain);
        } catch (RuntimeException e) {
            return failed(FetchResult.Status.ERROR, "request failed: " + describe(e), url, chain);
        }
        int status = response.statusCode();
        HttpHeaders h = response.headers();
        long cap = status >= 200 && status < 300
                ? Math.max(0, bodyCap.applyAsLong(h.firstValue("Content-Type").orElse(null))) : 0;
        InputStream raw = response.body();
        if (cap == 0) {
            closeQuietly(raw);
            return new Exchange(null, null, url, status, h, new byte[0], false, List.copyOf(chain));
        }
        AtomicBoolean timedOut = new AtomicBoolean();
        ScheduledFuture<?> dog = watchdog.schedule(() -> {
            timedOut.set(true);
            closeQuietly(raw);
        }, settings.readTimeout().toMillis(), TimeUnit.MILLISECONDS);
        try (InputStream in = decoding(raw, h.firstValue("Content-Encoding").orElse(""))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(cap, 64 * 1024));
            byte[] buf = new byte[16 * 1024];
            long total = 0;
            boolean truncated = false;
            int n;
            while ((n = in.read(buf)) != -1) {
                if (total + n > cap) {
                    out.write(buf, 0, (int) (cap - total));
                    truncated = true;
                    break;
                }
                out.write(buf, 0, n);
                total += n;
            }
            return new Exchange(null, null, url, status, h, out.toByteArray(), truncated, List.copyOf(chain));
        } catch (IOException e) {
            if (timedOut.get()) {
                return new Exchange(FetchResult.Status.TIMEOUT, "body not read within " + settings.readTimeout(),
                        url, status, h, new byte[0], false, List.copyOf(chain));
            }
            return new Exchange(FetchResult.Status.ERROR, "reading body failed: " + describe(e), url, status, h,
                    new byte[0], false, List.copyOf(chain));
        } finally {
            dog.cancel(false);
            closeQuietly(raw);
        }
    }

    /** gzip / x-gzip / deflate (zlib-wrapped, or raw as some IIS servers send); anything else as is. */
    static InputStream decoding(InputStream raw, String contentEncoding) throws IOException {
        String enc = contentEncoding.trim().toLowerCase(Locale.ROOT);
        if (enc.equals("gzip") || enc.equals("x-gzip")) {
            return new GZIPInputStream(raw, 8192);
        }
        if (enc.equals("deflate")) {
            BufferedInputStream in = new BufferedInputStream(raw);
            in.mark(2);
            int b0 = in.read();
            int b1 = in.read();
            in.reset();
            boolean zlib = b0 >= 0 && b1 >= 0 && (b0 & 0x0F) == 8 && ((b0 << 8) | b1) % 31 == 0;
            Inflater inflater = new Inflater(!zlib);
            return new InflaterInputStream(in, inflater, 8192) {
                @Override
                public void close() throws IOException {
                    try {
                        super.close();
                    } finally {
                        inflater.end(); // a caller-supplied Inflater is not ended by close()
                    }
                }
            };
        }
        return raw;
    }

    /**
     * Header values arrive as ISO-8859-1 chars, one per byte. Chinese servers often put raw UTF-8 in
     * {@code Location}: such bytes are decoded as UTF-8; other non-ASCII bytes (GBK) are percent-encoded
     * as they are, which is what the server will understand.
     */
    static String headerBytesAsUtf8(String value) {
        boolean high = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c > 0xFF) {
                return value; // already real characters
            }
            high |= c >= 0x80;
        }
        if (!high) {
            return value;
        }
        byte[] bytes = value.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        try {
            return java.nio.charset.StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            StringBuilder sb = new StringBuilder(bytes.length * 2);
            for (byte b : bytes) {
                int v = b & 0xFF;
                if (v >= 0x80) {
                    sb.append('%').append(Character.toUpperCase(Character.forDigit(v >> 4, 16)))
                            .append(Character.toUpperCase(Character.forDigit(v & 0xF, 16)));
                } else {
                    sb.append((char) v);
                }
            }
            return sb.toString();
        }
    }

    private static Exchange failed(FetchResult.Status status, String error, String url, List<String> chain) {
        return new Exchange(status, error, url, 0, NO_HEADERS, new byte[0], false, List.copyOf(chain));
    }

    private static String describe(Throwable e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : " " + m);
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException | RuntimeException ignored) {
            // nothing to do
        }
    }

    @Override
    public void close() {
        watchdog.shutdownNow();
    }
}
