package org.minyi.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.minyi.Api.asAdmin;
import static org.minyi.alert.AlertFixtures.alertsOf;
import static org.minyi.alert.AlertFixtures.cond;
import static org.minyi.alert.AlertFixtures.createRule;
import static org.minyi.alert.AlertFixtures.detail;
import static org.minyi.alert.AlertFixtures.disable;
import static org.minyi.alert.AlertFixtures.post;
import static org.minyi.alert.AlertFixtures.rule;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.minyi.Api;
import org.minyi.TestClock;
import org.minyi.alert.channel.AlertDispatcher;
import org.minyi.alert.channel.DingTalkSigner;

/** Webhooks (generic, DingTalk with signing, WeCom) against a loopback stub; retries, time-outs and claims. */
@QuarkusTest
class AlertDeliveryTest {

    @Inject
    TestClock clock;

    @Inject
    AlertDispatcher dispatcher;

    final ObjectMapper json = new ObjectMapper();

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    static long channel(String kind, String url, String secret) {
        Map<String, Object> c = new HashMap<>();
        c.put("name", Api.unique(kind));
        c.put("kind", kind);
        c.put("url", url);
        if (secret != null) {
            c.put("secret", secret);
        }
        return asAdmin().body(c).post("/api/alert-channels").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(50);
        }
    }

    @Test
    void dingTalkSignatureMatchesAKnownVector() {
        // computed independently: printf '1700000000000\nSEC0123456789abcdef' | openssl dgst -sha256 -hmac 'SEC0123456789abcdef' -binary | base64
        assertThat(DingTalkSigner.sign(1700000000000L, "SEC0123456789abcdef")).isEqualTo("TSZbRFUuvaSQaRKUpF970OPCb2%2FLcQAP3wOvwZIzBZk%3D");
        assertThat(DingTalkSigner.signedUrl("https://oapi.dingtalk.com/robot/send?access_token=t", 1700000000000L, "SEC0123456789abcdef"))
                .isEqualTo("https://oapi.dingtalk.com/robot/send?access_token=t&timestamp=1700000000000&sign=TSZbRFUuvaSQaRKUpF970OPCb2%2FLcQAP3wOvwZIzBZk%3D");
        assertThat(DingTalkSigner.signedUrl("https://x/robot", 1L, null)).isEqualTo("https://x/robot");
    }

    @Test
    void anAlertReachesTheGenericWebhookDingTalkAndWeComWithCrawledTextEscaped() throws Exception {
        Instant now = Instant.parse("2011-04-02T03:00:00Z");
        clock.set(now);
        String emergency = Api.newUser("emergency");
        try (WebhookStub stub = new WebhookStub()) {
            String secret = "SEC" + Api.unique("k");
            long generic = channel("WEBHOOK", stub.url("/hook"), null);
            long ding = channel("DINGTALK", stub.url("/robot/send?access_token=abc"), secret);
            long wecom = channel("WECOM", stub.url("/cgi-bin/webhook/send?key=k1"), null);
            String source = Api.newSource();
            Map<String, Object> body = rule("RED", List.of(cond("type", "PHRASE", "phrases", List.of("坍塌")),
                    cond("type", "SOURCE", "sources", List.of(source))));
            body.put("recipients", Map.of("users", List.of(emergency), "channels", List.of(String.valueOf(generic), String.valueOf(ding), String.valueOf(wecom))));
            long ruleId = createRule(body);
            try {
                String title = "[点我](http://evil.example/) <script>alert(1)</script> 大桥\"坍塌\"";
                post(source, title, "翠堤路大桥发生坍塌，多辆车落水，救援正在进行。", now.minusSeconds(30));
                await("three webhook calls", () -> stub.received.size() >= 3);

                WebhookStub.Received g = stub.received.stream().filter(r -> r.path().equals("/hook")).findFirst().orElseThrow();
                JsonNode gj = json.readTree(g.body());
                assertThat(gj.path("event").asText()).isEqualTo("alert.opened");
                assertThat(gj.path("alert").path("level").asText()).isEqualTo("RED");
                assertThat(gj.path("alert").path("levelLabel").asText()).isEqualTo("红色预警（I级）");
                assertThat(gj.path("evidence").get(0).path("title").asText()).isEqualTo(title);
                assertThat(gj.path("alert").path("link").asText()).endsWith("/alerts?id=" + gj.path("alert").path("id").asLong());

                WebhookStub.Received d = stub.received.stream().filter(r -> r.path().equals("/robot/send")).findFirst().orElseThrow();
                Map<String, String> q = query(d.query());
                assertThat(q.get("access_token")).isEqualTo("abc");
                assertThat(q.get("timestamp")).isEqualTo(String.valueOf(now.toEpochMilli()));
                assertThat(q.get("sign")).isEqualTo(independentSign(now.toEpochMilli(), secret));
                JsonNode dj = json.readTree(d.body());
                assertThat(dj.path("msgtype").asText()).isEqualTo("markdown");
                String text = dj.path("markdown").path("text").asText();
                assertThat(text).contains("【红色预警（I级）】新预警").contains("坍塌");
                assertThat(text).doesNotContain("<script>").doesNotContain("[点我](http://evil");

                WebhookStub.Received w = stub.received.stream().filter(r -> r.path().equals("/cgi-bin/webhook/send")).findFirst().orElseThrow();
                JsonNode wj = json.readTree(w.body());
                assertThat(wj.path("msgtype").asText()).isEqualTo("markdown");
                assertThat(wj.path("markdown").path("content").asText()).contains("红色预警").doesNotContain("<script>");

                long alertId = ((Number) alertsOf(ruleId).get(0).get("id")).longValue();
                await("deliveries recorded", () -> detail(alertId).getList("deliveries.status", String.class).stream().allMatch("SENT"::equals));
                JsonPath det = detail(alertId);
                assertThat(det.getList("deliveries.channelKind", String.class)).containsExactlyInAnyOrder("USER", "WEBHOOK", "DINGTALK", "WECOM");
                assertThat(det.getList("deliveries.log.flatten().ok", Boolean.class)).containsOnly(true);
                Api.as(emergency, "password-123").get("/api/notifications").then().statusCode(200)
                        .body("kind", hasItem("ALERT"));
            } finally {
                disable(ruleId);
            }
        }
    }

    @Test
    void aWebhookAnswering500IsRetriedWithBackOffAndEveryAttemptIsLogged() throws Exception {
        Instant now = Instant.parse("2011-04-03T03:00:00Z");
        clock.set(now);
        try (WebhookStub stub = new WebhookStub()) {
            AtomicInteger n = new AtomicInteger();
            stub.status = () -> n.incrementAndGet() <= 2 ? 500 : 200;
            long hook = channel("WEBHOOK", stub.url("/flaky"), null);
            String source = Api.newSource();
            Map<String, Object> body = rule("ORANGE", List.of(cond("type", "PHRASE", "phrases", List.of("塌方")),
                    cond("type", "SOURCE", "sources", List.of(source))));
            body.put("recipients", Map.of("channels", List.of(String.valueOf(hook))));
            long ruleId = createRule(body);
            try {
                post(source, "山体塌方", "茶岙村山体塌方，道路中断。", now.minusSeconds(10));
                long alertId = ((Number) alertsOf(ruleId).get(0).get("id")).longValue();
                await("first failure", () -> "RETRYING".equals(detail(alertId).getString("deliveries[0].status")));
                JsonPath d = detail(alertId);
                assertThat(d.getInt("deliveries[0].attempts")).isEqualTo(1);
                assertThat(d.getString("deliveries[0].lastError")).contains("HTTP 500");
                assertThat(Instant.parse(d.getString("deliveries[0].nextAttemptAt"))).isEqualTo(now.plusSeconds(10));

                assertThat(dispatcher.sweep()).as("not due before the back-off").isZero();
                clock.set(now.plusSeconds(11));
                assertThat(dispatcher.sweep()).isEqualTo(1);
                await("second failure", () -> detail(alertId).getInt("deliveries[0].attempts") == 2
                        && "RETRYING".equals(detail(alertId).getString("deliveries[0].status")));
                // doubled: 20 s after the second attempt
                assertThat(Instant.parse(detail(alertId).getString("deliveries[0].nextAttemptAt"))).isEqualTo(now.plusSeconds(31));
                clock.set(now.plusSeconds(32));
                dispatcher.sweep();
                await("sent", () -> "SENT".equals(detail(alertId).getString("deliveries[0].status")));
                d = detail(alertId);
                assertThat(d.getList("deliveries[0].log.ok", Boolean.class)).containsExactly(false, false, true);
                assertThat(d.getList("deliveries[0].log.attempt", Integer.class)).containsExactly(1, 2, 3);
                assertThat(stub.received).hasSize(1);
            } finally {
                disable(ruleId);
            }
        }
    }

    @Inject
    io.agroal.api.AgroalDataSource dataSource;

    /**
     * Two instances sweeping at the same moment: the rows one of them holds (locked by its sweep's transaction) are
     * skipped by the other, which neither waits for the lock nor claims them ({@code FOR UPDATE SKIP LOCKED}).
     */
    @Test
    void aSweepSkipsTheRowsAnotherSweepHoldsInsteadOfWaitingForThem() throws Exception {
        Instant now = Instant.parse("2011-04-05T03:00:00Z");
        clock.set(now);
        try (WebhookStub stub = new WebhookStub()) {
            stub.status = () -> 500;
            long hook = channel("WEBHOOK", stub.url("/held"), null);
            String source = Api.newSource();
            Map<String, Object> body = rule("ORANGE", List.of(cond("type", "PHRASE", "phrases", List.of("井喷")),
                    cond("type", "SOURCE", "sources", List.of(source))));
            body.put("recipients", Map.of("channels", List.of(String.valueOf(hook))));
            long ruleId = createRule(body);
            try {
                post(source, "油井井喷", "渔光村附近油井井喷，村民紧急撤离。", now.minusSeconds(10));
                long alertId = ((Number) alertsOf(ruleId).get(0).get("id")).longValue();
                await("first failure", () -> "RETRYING".equals(detail(alertId).getString("deliveries[0].status")));
                long deliveryId = detail(alertId).getLong("deliveries[0].id");
                clock.set(now.plusSeconds(11));
                // another instance's sweep holds the row in its open transaction
                try (java.sql.Connection other = dataSource.getConnection()) {
                    other.setAutoCommit(false);
                    try (java.sql.Statement st = other.createStatement()) {
                        st.execute("select id from alert_delivery where id = " + deliveryId + " for update");
                        java.util.concurrent.CompletableFuture<Integer> sweep = java.util.concurrent.CompletableFuture.supplyAsync(dispatcher::sweep);
                        // (other tests' deliveries may be due at this clock too: only the held one is checked)
                        long t0 = System.nanoTime();
                        sweep.get(10, java.util.concurrent.TimeUnit.SECONDS);
                        assertThat((System.nanoTime() - t0) / 1_000_000).as("the sweep did not wait for the lock").isLessThan(3000);
                        assertThat(detail(alertId).getInt("deliveries[0].attempts")).as("the held row was not claimed").isEqualTo(1);
                        assertThat(detail(alertId).getString("deliveries[0].status")).isEqualTo("RETRYING");
                    } finally {
                        other.rollback();
                    }
                }
                // released: the next sweep claims it
                assertThat(dispatcher.sweep()).isGreaterThanOrEqualTo(1);
                await("second attempt", () -> detail(alertId).getInt("deliveries[0].attempts") == 2
                        && "RETRYING".equals(detail(alertId).getString("deliveries[0].status")));
            } finally {
                disable(ruleId);
            }
        }
    }

    @Test
    void aWebhookThatTimesOutNeverBlocksIngestionAndAClaimedDeliveryIsNotSentTwice() throws Exception {
        Instant now = Instant.parse("2011-04-04T03:00:00Z");
        clock.set(now);
        try (WebhookStub stub = new WebhookStub()) {
            stub.delayMillis = 3000;
            long hook = channel("WEBHOOK", stub.url("/slow"), null);
            String source = Api.newSource();
            Map<String, Object> body = rule("BLUE", List.of(cond("type", "PHRASE", "phrases", List.of("冒顶")),
                    cond("type", "SOURCE", "sources", List.of(source))));
            body.put("recipients", Map.of("channels", List.of(String.valueOf(hook))));
            long ruleId = createRule(body);
            try {
                long t0 = System.nanoTime();
                post(source, "冒顶", "盐田村矿井发生冒顶事故。", now.minusSeconds(10));
                long ms = (System.nanoTime() - t0) / 1_000_000;
                assertThat(ms).as("ingestion does not wait for the 3 s webhook").isLessThan(2500);
                long alertId = ((Number) alertsOf(ruleId).get(0).get("id")).longValue();
                long deliveryId = detail(alertId).getLong("deliveries[0].id");
                // the dispatcher holds the claim: a second sender (another instance's sweep) gets nothing
                await("claimed", () -> "SENDING".equals(detail(alertId).getString("deliveries[0].status")));
                assertThat(dispatcher.deliver(deliveryId)).isFalse();
                await("timed out", () -> "RETRYING".equals(detail(alertId).getString("deliveries[0].status")));
                assertThat(detail(alertId).getString("deliveries[0].lastError")).containsIgnoringCase("timed out");
                assertThat(stub.calls.get()).isEqualTo(1);
            } finally {
                disable(ruleId);
            }
        }
    }

    @Test
    void badChannelsAre400() {
        asAdmin().body(Map.of("name", Api.unique("c"), "kind", "WEBHOOK", "url", "ftp://x")).post("/api/alert-channels").then()
                .statusCode(400).body("errors.field", hasItem("url"));
        asAdmin().body(Map.of("name", Api.unique("c"), "kind", "EMAIL", "addresses", List.of("not-an-address"))).post("/api/alert-channels")
                .then().statusCode(400).body("errors.field", hasItem("addresses[0]"));
        asAdmin().body(Map.of("name", Api.unique("c"), "kind", "PIGEON")).post("/api/alert-channels").then()
                .statusCode(400).body("errors.field", hasItem("kind"));
        String emergency = Api.newUser("emergency");
        Api.as(emergency, "password-123").body(Map.of("name", Api.unique("c"), "kind", "WEBHOOK", "url", "http://127.0.0.1/"))
                .post("/api/alert-channels").then().statusCode(403);
    }

    static Map<String, String> query(String raw) {
        Map<String, String> out = new HashMap<>();
        for (String kv : raw.split("&")) {
            int i = kv.indexOf('=');
            out.put(kv.substring(0, i), kv.substring(i + 1));
        }
        return out;
    }

    /** The signature computed here, not by the code under test: HmacSHA256(secret, ts + "\n" + secret), Base64, URL-encoded. */
    static String independentSign(long ts, String secret) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String b64 = Base64.getEncoder().encodeToString(mac.doFinal((ts + "\n" + secret).getBytes(StandardCharsets.UTF_8)));
        String encoded = java.net.URLEncoder.encode(b64, StandardCharsets.UTF_8);
        assertThat(URLDecoder.decode(encoded, StandardCharsets.UTF_8)).isEqualTo(b64);
        return encoded;
    }
}
