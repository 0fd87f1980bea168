package org.minyi.crawl.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every request goes to a server on 127.0.0.1 started here; addresses elsewhere are only refused. */
class PageFetcherTest {

    private static final String PAGE = "<html><head><title>民生</title></head><body><p>区政府召开民生实事推进会，"
            + "部署今年十件民生实事，确保按期完成。居民普遍表示欢迎，希望早日见到成效。</p></body></html>";

    private LocalServer server;
    private FakeTime time;
    private final List<String> resolved = Collections.synchronizedList(new ArrayList<>());
    private RecordingHttpClient client;
    private HttpTransport transport;

    @BeforeEach
    void start() throws IOException {
        server = new LocalServer();
        time = new FakeTime();
    }

    @AfterEach
    void stop() {
        server.close();
        if (transport != null) {
            transport.close();
        }
    }

    private static FetchSettings.Builder local() {
        return FetchSettings.builder().allowLoopback(true).readTimeout(Duration.ofSeconds(5))
                .connectTimeout(Duration.ofSeconds(2));
    }

    /** A fetcher whose guard records each host it resolves and whose HTTP client records each request. */
    private PageFetcher fetcher(FetchSettings settings) {
        AddressGuard guard = new AddressGuard(settings, host -> {
            resolved.add(host);
            return InetAddress.getAllByName(host); // only literal IPs and 127.0.0.1 in these tests
        });
        client = new RecordingHttpClient(HttpTransport.defaultClient(settings));
        transport = new HttpTransport(settings, guard, client);
        return PageFetcher.create(settings, time, time, transport);
    }

    private PageFetcher fetcher() {
        return fetcher(local().build());
    }

    private static byte[] gzip(byte[] b) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(b);
        }
        return out.toByteArray();
    }

    private static byte[] fixture(String name) throws IOException {
        try (InputStream in = PageFetcherTest.class.getResourceAsStream("/fixtures/" + name)) {
            return in.readAllBytes();
        }
    }

    // ------------------------------------------------------------------ bodies and charsets

    @Test
    void gzipResponseIsDecoded() throws IOException {
        byte[] zipped = gzip(PAGE.getBytes(StandardCharsets.UTF_8));
        server.route("/news/1.html", (ex, hit) -> {
            assertThat(ex.getRequestHeaders().getFirst("Accept-Encoding")).contains("gzip").contains("deflate");
            ex.getResponseHeaders().set("Content-Encoding", "gzip");
            LocalServer.send(ex, 200, "text/html; charset=utf-8", zipped);
        });
        FetchResult r = fetcher().fetch(server.url("/news/1.html"), null);
        assertThat(r.status()).as(r.toString()).isEqualTo(FetchResult.Status.OK);
        assertThat(r.body()).isEqualTo(PAGE.getBytes(StandardCharsets.UTF_8));
        assertThat(r.text()).contains("区政府召开民生实事推进会");
        assertThat(r.attempts()).isEqualTo(1);
    }

    @Test
    void deflateResponseIsDecoded() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DeflaterOutputStream z = new DeflaterOutputStream(out)) {
            z.write(PAGE.getBytes(StandardCharsets.UTF_8));
        }
        server.route("/d.html", (ex, hit) -> {
            ex.getResponseHeaders().set("Content-Encoding", "deflate");
            LocalServer.send(ex, 200, "text/html; charset=utf-8", out.toByteArray());
        });
        FetchResult r = fetcher().fetch(server.url("/d.html"), null);
        assertThat(r.text()).as(r.toString()).contains("居民普遍表示欢迎");
    }

    @Test
    void userAgentIsSent() {
        server.route("/ua", (ex, hit) -> LocalServer.text(ex, 200, "text/plain",
                String.valueOf(ex.getRequestHeaders().getFirst("User-Agent"))));
        FetchResult r = fetcher(local().userAgent("minyi-test/9 (+http://localhost/)").build()).fetch(server.url("/ua"), null);
        assertThat(r.text()).isEqualTo("minyi-test/9 (+http://localhost/)");
    }

    @Test
    void gbkPageDeclaredInTheHeaderIsDecoded() {
        server.route("/gbk.html", (ex, hit) -> LocalServer.send(ex, 200, "text/html; charset=GBK",
                PAGE.getBytes(Charset.forName("GBK"))));
        FetchResult r = fetcher().fetch(server.url("/gbk.html"), null);
        assertThat(r.status()).isEqualTo(FetchResult.Status.OK);
        assertThat(r.charset()).isEqualTo("GB18030");
        assertThat(r.text()).contains("区政府召开民生实事推进会").doesNotContain("\uFFFD");
    }

    @Test
    void pageMisdeclaringItsCharsetIsDecodedFromTheBytes() throws IOException {
        byte[] utf8DeclaredGb2312 = fixture("misdeclared-gb2312-is-utf8.html");
        server.route("/lying.html", (ex, hit) -> LocalServer.send(ex, 200, "text/html; charset=gb2312", utf8DeclaredGb2312));
        FetchResult r = fetcher().fetch(server.url("/lying.html"), null);
        assertThat(r.charset()).isEqualTo("UTF-8");
        assertThat(r.text()).contains("关于开展夏季防汛检查的通知");
    }

    @Test
    void hugePageIsCutAtMaxPageBytes() {
        byte[] big = "民".repeat(400_000).getBytes(StandardCharsets.UTF_8); // 1.2 MB
        server.route("/big.html", (ex, hit) -> LocalServer.send(ex, 200, "text/html; charset=utf-8", big));
        FetchResult r = fetcher(local().maxPageBytes(64 * 1024).build()).fetch(server.url("/big.html"), null);
        assertThat(r.status()).isEqualTo(FetchResult.Status.OK);
        assertThat(r.truncated()).isTrue();
        assertThat(r.body()).hasSize(64 * 1024);
        assertThat(r.text()).startsWith("民民民");
    }

    @Test
    void pageJustUnderTheCapIsNotTruncated() {
        byte[] page = "a".repeat(1000).getBytes(StandardCharsets.UTF_8);
        server.route("/small.html", (ex, hit) -> LocalServer.send(ex, 200, "text/html", page));
        FetchResult r = fetcher(local().maxPageBytes(1000).build()).fetch(server.url("/small.html"), null);
        assertThat(r.truncated()).isFalse();
        assertThat(r.body()).hasSize(1000);
    }

    @Test
    void gzipBombIsCutAtMaxPageBytesOfDecodedData() throws IOException {
        byte[] bomb = gzip(new byte[20 * 1024 * 1024]); // 20 MiB of zeros, ~20 KB on the wire
        server.route("/bomb.html", (ex, hit) -> {
            ex.getResponseHeaders().set("Content-Encoding", "gzip");
            LocalServer.send(ex, 200, "text/html", bomb);
        });
        FetchResult r = fetcher(local().maxPageBytes(100_000).build()).fetch(server.url("/bomb.html"), null);
        assertThat(r.truncated()).isTrue();
        assertThat(r.body()).hasSize(100_000);
    }

    @Test
    void binaryContentIsUnsupportedAndNotRead() {
        byte[] image = new byte[4 * 1024 * 1024];
        server.route("/photo.png", (ex, hit) -> LocalServer.send(ex, 200, "image/png", image));
        server.route("/file.bin", (ex, hit) -> LocalServer.send(ex, 200, "application/octet-stream", image));
        server.route("/doc.pdf", (ex, hit) -> LocalServer.send(ex, 200, "application/pdf", image));
        server.route("/a.zip", (ex, hit) -> LocalServer.send(ex, 200, "application/zip", image));
        PageFetcher f = fetcher();
        for (String path : List.of("/photo.png", "/file.bin", "/doc.pdf", "/a.zip")) {
            FetchResult r = f.fetch(server.url(path), null);
            assertThat(r.status()).as(path).isEqualTo(FetchResult.Status.UNSUPPORTED);
            assertThat(r.body()).as(path).isEmpty();
            assertThat(r.text()).isNull();
            assertThat(r.error()).contains("unsupported content type");
        }
    }

    @Test
    void notFoundAndOtherErrors() {
        server.route("/gone", (ex, hit) -> LocalServer.text(ex, 410, "text/plain", "gone"));
        server.route("/forbidden", (ex, hit) -> LocalServer.text(ex, 403, "text/plain", "no"));
        PageFetcher f = fetcher();
        assertThat(f.fetch(server.url("/missing.html"), null).status()).isEqualTo(FetchResult.Status.NOT_FOUND);
        assertThat(f.fetch(server.url("/gone"), null).status()).isEqualTo(FetchResult.Status.NOT_FOUND);
        FetchResult forbidden = f.fetch(server.url("/forbidden"), null);
        assertThat(forbidden.status()).isEqualTo(FetchResult.Status.HTTP_ERROR);
        assertThat(forbidden.httpStatus()).isEqualTo(403);
        assertThat(forbidden.attempts()).isEqualTo(1); // 4xx is not retried
    }

    // ------------------------------------------------------------------ redirects and the guard

    @Test
    void redirectChainIsFollowed() {
        server.route("/r1", (ex, hit) -> LocalServer.redirect(ex, 302, "/r2?x=1"));
        server.route("/r2", (ex, hit) -> LocalServer.redirect(ex, 301, server.url("/r3")));
        server.route("/r3", (ex, hit) -> LocalServer.redirect(ex, 307, "final.html"));
        server.route("/final.html", (ex, hit) -> LocalServer.text(ex, 200, "text/html; charset=utf-8", PAGE));
        FetchResult r = fetcher().fetch(server.url("/r1"), null);
        assertThat(r.status()).as(r.toString()).isEqualTo(FetchResult.Status.OK);
        assertThat(r.requestedUrl()).isEqualTo(server.url("/r1"));
        assertThat(r.finalUrl()).isEqualTo(server.url("/final.html"));
        assertThat(server.hits("/r2")).isEqualTo(1);
        assertThat(r.text()).contains("民生");
    }

    @Test
    void rawGbkBytesInLocationArePercentEncodedAsSent() {
        String rawGbk = new String("/搜索?q=民生".getBytes(Charset.forName("GBK")), StandardCharsets.ISO_8859_1);
        server.route("/search", (ex, hit) -> LocalServer.redirect(ex, 302, rawGbk));
        server.route("/%CB%D1%CB%F7", (ex, hit) -> LocalServer.text(ex, 200, "text/plain", ex.getRequestURI().getRawQuery()));
        FetchResult r = fetcher(local().politeness(false).build()).fetch(server.url("/search"), null);
        assertThat(r.finalUrl()).isEqualTo(server.url("/%CB%D1%CB%F7?q=%C3%F1%C9%FA"));
        assertThat(r.text()).isEqualTo("q=%C3%F1%C9%FA");
    }

    @Test
    void redirectLoopIsStopped() {
        server.route("/loop-a", (ex, hit) -> LocalServer.redirect(ex, 302, "/loop-b"));
        server.route("/loop-b", (ex, hit) -> LocalServer.redirect(ex, 302, "/loop-a"));
        FetchResult r = fetcher().fetch(server.url("/loop-a"), null);
        assertThat(r.status()).isEqualTo(FetchResult.Status.TOO_MANY_REDIRECTS);
        assertThat(r.error()).contains("redirect loop");
        assertThat(server.hits("/loop-a")).isEqualTo(1);
        assertThat(server.hits("/loop-b")).isEqualTo(1);
    }

    @Test
    void endlessRedirectsStopAfterMaxRedirects() {
        server.route("/hop", (ex, hit) -> LocalServer.redirect(ex, 302, "/hop?n=" + hit));
        FetchResult r = fetcher(local().maxRedirects(3).build()).fetch(server.url("/hop"), null);
        assertThat(r.status()).isEqualTo(FetchResult.Status.TOO_MANY_REDIRECTS);
        assertThat(r.error()).contains("more than 3 redirects");
        assertThat(server.hits("/hop")).isEqualTo(4); // the first request and 3 redirects
    }

    @Test
    void redirectToPrivateAddressIsRefusedBeforeConnecting() {
        assertRedirectRefused("http://10.1.2.3/admin", "10.1.2.3", "10.0.0.0/8");
    }

    @Test
    void redirectToCloudMetadataIsRefusedBeforeConnecting() {
        assertRedirectRefused("http://169.254.169.254/latest/meta-data/", "169.254.169.254", "link-local");
    }

    private void assertRedirectRefused(String target, String host, String reason) {
        server.route("/innocent", (ex, hit) -> LocalServer.redirect(ex, 302, target));
        long t0 = System.nanoTime();
        FetchResult r = fetcher().fetch(server.url("/innocent"), null);
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        assertThat(r.status()).isEqualTo(FetchResult.Status.BLOCKED_ADDRESS);
        assertThat(r.error()).contains(reason);
        assertThat(r.finalUrl()).isEqualTo(target);
        assertThat(resolved).contains(host); // the guard judged the hop ...
        assertThat(client.sent).isNotEmpty().allSatisfy(u -> assertThat(u.getHost()).isEqualTo("127.0.0.1"));
        assertThat(client.sent).noneMatch(u -> host.equals(u.getHost())); // ... and no request went there
        assertThat(took).isLessThan(Duration.ofSeconds(2)); // not a connect time-out (connectTimeout is 2 s)
    }

    @Test
    void loopbackIsRefusedWhenNotAllowed() {
        server.route("/a.html", (ex, hit) -> LocalServer.text(ex, 200, "text/html", PAGE));
        FetchResult r = fetcher(local().allowLoopback(false).build()).fetch(server.url("/a.html"), null);
        assertThat(r.status()).isEqualTo(FetchResult.Status.BLOCKED_ADDRESS);
        assertThat(r.error()).contains("loopback");
        assertThat(r.attempts()).isZero();
        assertThat(client.sent).isEmpty();
        assertThat(server.totalHits()).isZero(); // not even robots.txt
    }

    // ------------------------------------------------------------------ robots.txt and politeness

    @Test
    void robotsDisallowIsHonouredAndCrawlDelayApplied() {
        server.route("/robots.txt", (ex, hit) -> LocalServer.text(ex, 200, "text/plain",
                "User-agent: *\nDisallow: /private/\nCrawl-delay: 3\n"));
        server.route("/private/list.html", (ex, hit) -> LocalServer.text(ex, 200, "text/html", PAGE));
        server.route("/a.html", (ex, hit) -> LocalServer.text(ex, 200, "text/html", PAGE));
        server.route("/b.html", (ex, hit) -> LocalServer.text(ex, 200, "text/html", PAGE));
        PageFetcher f = fetcher(local().hostDelay(Duration.ofSeconds(1)).build());

        FetchResult blocked = f.fetch(server.url("/private/list.html"), null);
        assertThat(blocked.status()).isEqualTo(FetchResult.Status.BLOCKED_ROBOTS);
        assertThat(blocked.error()).contains("robots.txt");
        assertThat(server.hits("/private/list.html")).isZero();

        assertThat(f.fetch(server.url("/a.html"), null).status()).isEqualTo(FetchResult.Status.OK);
        java.time.Instant before = time.instant();
        assertThat(f.fetch(server.url("/b.html"), null).status()).isEqualTo(FetchResult.Status.OK);
        // robots.txt, then /a.html, then /b.html: each waits the 3 s Crawl-delay (more than hostDelay 1 s)
        assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(3), Duration.ofSeconds(3));
        assertThat(Duration.between(before, time.instant())).isEqualTo(Duration.ofSeconds(3));
        assertThat(server.hits("/robots.txt")).isEqualTo(1); // cached
    }

    @Test
    void redirectIntoADisallowedPathIsBlockedBeforeRequestingIt() {
        server.route("/robots.txt", (ex, hit) -> LocalServer.text(ex, 200, "text/plain", "User-agent: *\nDisallow: /private/\n"));
        // raw UTF-8 bytes in Location, as many Chinese servers send (the JDK server writes one byte per char)
        String rawUtf8 = new String("/private/新闻.html".getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
        server.route("/open", (ex, hit) -> LocalServer.redirect(ex, 302, rawUtf8));
        FetchResult r = fetcher(local().politeness(false).build()).fetch(server.url("/open"), null);
        assertThat(r.status()).isEqualTo(FetchResult.Status.BLOCKED_ROBOTS);
        assertThat(r.finalUrl()).isEqualTo(server.url("/private/%E6%96%B0%E9%97%BB.html"));
        assertThat(r.attempts()).isEqualTo(1); // /open was requested
        assertThat(server.requests()).noneMatch(ex -> ex.getRequestURI().getRawPath().startsWith("/private/"));
    }

    @Test
    void politenessOffDoesNotWait() {
        server.route("/robots.txt", (ex, hit) -> LocalServer.text(ex, 200, "text/plain", "User-agent: *\nCrawl-delay: 3\n"));
        server.route("/a.html", (ex, hit) -> LocalServer.text(ex, 200, "text/html", PAGE));
        PageFetcher f = fetcher(local().politeness(false).build());
        f.fetch(server.url("/a.html"), null);
        f.fetch(server.url("/a.html"), null);
        assertThat(time.sleeps()).isEmpty();
    }

    @Test
    void trapIsRefusedWithoutRequest() {
        FetchResult r = fetcher().fetch(server.url("/calendar.php?year=2099&month=1"), null);
        assertThat(r.status()).isEqualTo(FetchResult.Status.TRAP);
        assertThat(server.totalHits()).isZero();
    }

    // ------------------------------------------------------------------ conditional GET, retries, time-outs

    @Test
    void secondFetchWithValidatorsIsNotModified() {
        server.route("/news.html", (ex, hit) -> {
            String inm = ex.getRequestHeaders().getFirst("If-None-Match");
            String ims = ex.getRequestHeaders().getFirst("If-Modified-Since");
            if ("\"v1\"".equals(inm) && "Sat, 28 Nov 2026 01:00:00 GMT".equals(ims)) {
                LocalServer.send(ex, 304, null, new byte[0]);
                return;
            }
            ex.getResponseHeaders().set("ETag", "\"v1\"");
            ex.getResponseHeaders().set("Last-Modified", "Sat, 28 Nov 2026 01:00:00 GMT");
            LocalServer.text(ex, 200, "text/html; charset=utf-8", PAGE);
        });
        PageFetcher f = fetcher();
        FetchResult first = f.fetch(server.url("/news.html"), null);
        assertThat(first.status()).isEqualTo(FetchResult.Status.OK);
        assertThat(first.etag()).isEqualTo("\"v1\"");
        FetchResult second = f.fetch(server.url("/news.html"), first.validators());
        assertThat(second.status()).isEqualTo(FetchResult.Status.NOT_MODIFIED);
        assertThat(second.httpStatus()).isEqualTo(304);
        assertThat(second.body()).isEmpty();
    }

    @Test
    void twoServerErrorsThenSuccessTakesThreeAttempts() {
        server.route("/flaky.html", (ex, hit) -> {
            if (hit <= 2) {
                LocalServer.text(ex, 500, "text/plain", "oops");
            } else {
                LocalServer.text(ex, 200, "text/html; charset=utf-8", PAGE);
            }
        });
        FetchResult r = fetcher(local().politeness(false).retryBackoff(Duration.ofSeconds(1)).build())
                .fetch(server.url("/flaky.html"), null);
        assertThat(r.status()).as(r.toString()).isEqualTo(FetchResult.Status.OK);
        assertThat(r.attempts()).isEqualTo(3);
        assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2)); // doubled
        assertThat(r.elapsed()).isGreaterThanOrEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void persistentServerErrorGivesUpAfterMaxAttempts() {
        server.route("/down.html", (ex, hit) -> LocalServer.text(ex, 503, "text/plain", "down"));
        server.route("/busy.html", (ex, hit) -> {
            ex.getResponseHeaders().set("Retry-After", "7");
            LocalServer.text(ex, 429, "text/plain", "slow down");
        });
        PageFetcher f = fetcher(local().politeness(false).build());
        FetchResult r = f.fetch(server.url("/down.html"), null);
        assertThat(r.status()).isEqualTo(FetchResult.Status.HTTP_ERROR);
        assertThat(r.httpStatus()).isEqualTo(503);
        assertThat(r.attempts()).isEqualTo(3);
        assertThat(server.hits("/down.html")).isEqualTo(3);
        FetchResult busy = f.fetch(server.url("/busy.html"), null);
        assertThat(busy.attempts()).isEqualTo(3);
        assertThat(time.sleeps()).endsWith(Duration.ofSeconds(7), Duration.ofSeconds(7)); // Retry-After wins
    }

    @Test
    void readTimeOutThenSuccess() {
        server.route("/slow.html", (ex, hit) -> {
            if (hit == 1) {
                sleep(1500); // past the 400 ms read time-out, before any header
            }
            LocalServer.text(ex, 200, "text/html; charset=utf-8", PAGE);
        });
        FetchResult r = fetcher(local().politeness(false).readTimeout(Duration.ofMillis(400)).build())
                .fetch(server.url("/slow.html"), null);
        assertThat(r.status()).as(r.toString()).isEqualTo(FetchResult.Status.OK);
        assertThat(r.attempts()).isEqualTo(2);
        assertThat(server.hits("/slow.html")).isEqualTo(2);
    }

    @Test
    void bodyTricklingPastTheReadTimeoutIsATimeout() {
        server.route("/trickle.html", (ex, hit) -> {
            ex.getResponseHeaders().set("Content-Type", "text/html");
            ex.sendResponseHeaders(200, 0);
            OutputStream out = ex.getResponseBody();
            for (int i = 0; i < 30; i++) {
                out.write("<p>民</p>".getBytes(StandardCharsets.UTF_8));
                out.flush();
                sleep(100);
            }
            out.close();
        });
        FetchResult r = fetcher(local().politeness(false).maxAttempts(1).readTimeout(Duration.ofMillis(500)).build())
                .fetch(server.url("/trickle.html"), null);
        assertThat(r.status()).as(r.toString()).isEqualTo(FetchResult.Status.TIMEOUT);
        assertThat(r.error()).contains("body not read");
    }

    @Test
    void connectionRefusedIsAnErrorNotAnException() throws IOException {
        int closedPort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closedPort = s.getLocalPort();
        }
        FetchResult r = fetcher(local().politeness(false).build()).fetch("http://127.0.0.1:" + closedPort + "/x", null);
        // robots.txt unreachable: disallowed for now
        assertThat(r.status()).isEqualTo(FetchResult.Status.BLOCKED_ROBOTS);
        assertThat(r.error()).contains("could not be fetched");
    }

    @Test
    void malformedUrlIsAnError() {
        PageFetcher f = fetcher();
        assertThat(f.fetch("ftp://127.0.0.1/x", null).status()).isEqualTo(FetchResult.Status.ERROR);
        assertThat(f.fetch("not a url", null).status()).isIn(FetchResult.Status.ERROR, FetchResult.Status.TRAP);
        assertThat(f.fetch("http:///no-host", null).status()).isIn(FetchResult.Status.ERROR, FetchResult.Status.TRAP);
        assertThat(client.sent).isEmpty();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
