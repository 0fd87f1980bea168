package org.minyi.crawl.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RobotsRulesTest {

    private LocalServer server;
    private FakeTime time;
    private HttpTransport transport;
    private RecordingHttpClient client;
    private RobotsRules robots;

    @BeforeEach
    void start() throws IOException {
        server = new LocalServer();
        time = new FakeTime();
        FetchSettings settings = FetchSettings.builder().allowLoopback(true).robotsCacheTtl(Duration.ofHours(1))
                .connectTimeout(Duration.ofSeconds(2)).readTimeout(Duration.ofSeconds(3)).build();
        client = new RecordingHttpClient(HttpTransport.defaultClient(settings));
        transport = new HttpTransport(settings, new AddressGuard(settings), client);
        robots = new RobotsRules(settings, transport, new HostPoliteness(settings, time, time), time);
    }

    @AfterEach
    void stop() {
        server.close();
        transport.close();
    }

    @Test
    void rulesForOurAgentAreApplied() {
        server.route("/robots.txt", (ex, hit) -> LocalServer.text(ex, 200, "text/plain", """
                User-agent: Baiduspider
                Disallow: /

                User-agent: minyi
                Disallow: /admin/
                Allow: /admin/public/
                Crawl-delay: 2

                User-agent: *
                Disallow: /
                """));
        assertThat(robots.isAllowed(server.url("/news/1.html"))).isTrue();
        assertThat(robots.isAllowed(server.url("/admin/users"))).isFalse();
        assertThat(robots.isAllowed(server.url("/admin/public/notice.html"))).isTrue();
        assertThat(robots.crawlDelay(server.url("/"))).isEqualTo(Duration.ofSeconds(2));
        assertThat(robots.crawlDelay("127.0.0.1:" + server.port())).isEqualTo(Duration.ofSeconds(2));
        assertThat(robots.disallowReason(server.url("/admin/x"))).hasValueSatisfying(r -> assertThat(r).contains("/robots.txt"));
        assertThat(server.hits("/robots.txt")).isEqualTo(1);
    }

    @Test
    void cachedForTheTtlThenFetchedAgain() {
        server.route("/robots.txt", (ex, hit) -> LocalServer.text(ex, 200, "text/plain",
                hit == 1 ? "User-agent: *\nDisallow: /a\n" : "User-agent: *\nDisallow: /b\n"));
        assertThat(robots.isAllowed(server.url("/a"))).isFalse();
        time.advance(Duration.ofMinutes(59));
        assertThat(robots.isAllowed(server.url("/a"))).isFalse();
        assertThat(server.hits("/robots.txt")).isEqualTo(1);
        time.advance(Duration.ofMinutes(2));
        assertThat(robots.isAllowed(server.url("/a"))).isTrue();
        assertThat(robots.isAllowed(server.url("/b"))).isFalse();
        assertThat(server.hits("/robots.txt")).isEqualTo(2);
    }

    @Test
    void notFoundAllowsEverything() {
        assertThat(robots.isAllowed(server.url("/anything"))).isTrue();
        assertThat(robots.crawlDelay(server.url("/"))).isZero();
    }

    @Test
    void serverErrorDisallowsForNowAndIsRetriedSoon() {
        server.route("/robots.txt", (ex, hit) -> {
            if (hit == 1) {
                LocalServer.text(ex, 503, "text/plain", "maintenance");
            } else {
                LocalServer.text(ex, 200, "text/plain", "User-agent: *\nDisallow:\n");
            }
        });
        assertThat(robots.isAllowed(server.url("/news.html"))).isFalse();
        assertThat(robots.disallowReason(server.url("/news.html"))).hasValueSatisfying(r -> assertThat(r).contains("503"));
        time.advance(RobotsRules.FAILURE_TTL.plusSeconds(1));
        assertThat(robots.isAllowed(server.url("/news.html"))).isTrue();
    }

    @Test
    void unreachableHostIsDisallowed() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closedPort = s.getLocalPort();
        }
        assertThat(robots.isAllowed("http://127.0.0.1:" + closedPort + "/a")).isFalse();
    }

    @Test
    void robotsRedirectIntoThePrivateNetworkIsRefusedBeforeConnecting() {
        server.route("/robots.txt", (ex, hit) -> LocalServer.redirect(ex, 301, "http://169.254.169.254/robots.txt"));
        assertThat(robots.isAllowed(server.url("/a"))).isFalse();
        assertThat(robots.disallowReason(server.url("/a"))).hasValueSatisfying(r -> assertThat(r).contains("BLOCKED_ADDRESS"));
        assertThat(client.sent).allSatisfy(u -> assertThat(u.getHost()).isEqualTo("127.0.0.1"));
    }

    @Test
    void rulesArePerSchemeHostAndPort() {
        assertThat(RobotsRules.key("HTTP://News.Example.cn/a?b")).isEqualTo("http://news.example.cn:80");
        assertThat(RobotsRules.key("https://news.example.cn/")).isEqualTo("https://news.example.cn:443");
        assertThat(RobotsRules.key("http://news.example.cn:8080/")).isEqualTo("http://news.example.cn:8080");
    }
}
