package org.minyi.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.minyi.ServiceProcess;

/**
 * Crashes lose nothing (issue 9, point 5). Runs the packaged service as a process, and while batch-ingestion clients
 * send posts and a crawl of a 40-article site goes on, kills the JVM with SIGKILL. Then restarts it on the same
 * database (H2 file in the default build, a fresh PostgreSQL database with {@code -Ppg}) and checks that:
 * <ul>
 *   <li>every acknowledged (2xx) post is stored exactly once, and the batches a client was sending at the crash,
 *   sent again after the restart, are accepted without a second row;</li>
 *   <li>the interrupted crawl run is marked INTERRUPTED at start-up and a new run resumes the site, storing only
 *   what was not stored before the crash;</li>
 *   <li>a case deadline that passed while the service was down is escalated after the restart, once;</li>
 *   <li>alerts stored before the kill whose webhook deliveries were failing (receiver down) are delivered after the
 *   restart once the receiver is back, each exactly once.</li>
 * </ul>
 */
class CrashRecoveryIT {

    private static final String PASSWORD = "crash-it-pw";
    private static final int SERVICE_PORT = 18402;
    private static final int SITE_PORT = 18410;
    private static final int ARTICLES = 40;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Path workDir;
    private ItDatabase db;
    private ServiceProcess service;
    private NewsFixture site;

    @BeforeEach
    void setUp() throws Exception {
        workDir = Files.createTempDirectory("minyi-crash");
        db = ItDatabase.create(workDir, "minyi_crash");
        site = new NewsFixture(SITE_PORT, ARTICLES);
    }

    @AfterEach
    void tearDown() throws Exception {
        if (service != null) {
            service.kill();
        }
        site.close();
        if (hook != null) {
            hook.close();
        }
        db.close();
    }

    private static void say(String format, Object... args) {
        System.out.printf("[crash-test] " + format + "%n", args);
    }

    private ServiceProcess start() throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("MINYI_DEMO_ENABLED", "false");
        env.put("MINYI_CRAWL_ALLOW_LOOPBACK", "true");
        env.put("MINYI_CRAWL_HOST_DELAY", "PT0.3S");
        env.put("MINYI_CRAWL_SCHEDULE_TICK", "2s");
        env.put("MINYI_CRAWL_SCHEDULE_DELAY", "1s");
        env.put("MINYI_ROUTING_JOB_EVERY", "2s");
        env.put("MINYI_ROUTING_JOB_DELAY", "1s");
        env.put("MINYI_CLUSTER_HEARTBEAT_EVERY", "1s");
        // alert deliveries retried every 1-2 s and never given up during the test; claims left by the kill expire in 5 s
        env.put("MINYI_ALERTS_SWEEP_EVERY", "1s");
        env.put("MINYI_ALERTS_RETRY_BACKOFF", "PT1S");
        env.put("MINYI_ALERTS_MAX_BACKOFF", "PT2S");
        env.put("MINYI_ALERTS_MAX_ATTEMPTS", "1000");
        env.put("MINYI_ALERTS_CLAIM_LEASE", "PT5S");
        if (db.serviceUrl() != null) {
            env.put("MINYI_DB_URL", db.serviceUrl());
        }
        return new ServiceProcess(workDir, env, PASSWORD).port(SERVICE_PORT).start();
    }

    private HttpResponse<String> call(String method, String path, Object body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + SERVICE_PORT + path))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("admin:" + PASSWORD).getBytes()))
                .header("Accept", "application/json");
        if (body != null) {
            b.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : JSON.writeValueAsString(body)));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode ok(HttpResponse<String> r) throws IOException {
        assertThat(r.statusCode()).as("%s", r.body()).isBetween(200, 299);
        return JSON.readTree(r.body());
    }

    /** A client sending batches of 10 posts; a batch is sent again (the same posts) until it is acknowledged. */
    final class IngestClient extends Thread {
        final int number;
        final AtomicBoolean stop;
        final Set<String> acknowledged;
        final AtomicInteger resentAfterFailure = new AtomicInteger();
        volatile Throwable failure;

        IngestClient(int number, AtomicBoolean stop, Set<String> acknowledged) {
            super("ingest-client-" + number);
            this.number = number;
            this.stop = stop;
            this.acknowledged = acknowledged;
        }

        @Override
        public void run() {
            try {
                for (int batch = 0; !stop.get(); batch++) {
                    List<Map<String, Object>> posts = new ArrayList<>();
                    for (int i = 0; i < 10; i++) {
                        String url = "https://bbs.example.org/crash/" + number + "/" + batch + "/" + i;
                        posts.add(Map.of("source", "crash-api", "url", url, "title", "客户端" + number + "第" + batch + "批",
                                "content", "第" + number + "号客户端第" + batch + "批第" + i + "条：小区楼道灯坏了，物业迟迟不修，老人晚上上下楼很危险。"));
                    }
                    long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
                    boolean failedOnce = false;
                    while (true) {
                        int status;
                        try {
                            status = call("POST", "/api/posts", posts).statusCode();
                        } catch (IOException down) {
                            status = -1;
                        }
                        if (status == 200 || status == 201) {
                            posts.forEach(p -> acknowledged.add((String) p.get("url")));
                            if (failedOnce) {
                                resentAfterFailure.incrementAndGet();
                            }
                            break;
                        }
                        assertThat(status).as("only a refusal at capacity or a dead service may fail a batch").isIn(-1, 503);
                        failedOnce = true;
                        if (System.nanoTime() > deadline) {
                            throw new AssertionError("batch " + batch + " of client " + number + " never acknowledged");
                        }
                        Thread.sleep(200);
                    }
                }
            } catch (Throwable t) {
                failure = t;
            }
        }
    }

    @Test
    void aKillDuringIngestionAndCrawlingLosesNothing() throws Exception {
        say("database: %s", ItDatabase.postgres() ? "PostgreSQL " + db.serviceUrl() : "H2 file in " + workDir);
        service = start();
        say("service started, pid %d", service.pid());
        ok(call("POST", "/api/sources", Map.of("name", "crash-api", "type", "API", "baseUrl", "https://bbs.example.org/")));
        prepareAlertsPendingAtTheCrash();
        long newsSource = ok(call("POST", "/api/sources", Map.of("name", "crash-news", "type", "NEWS",
                "baseUrl", site.base() + "/", "startUrls", List.of(site.base() + "/news/list.html"), "schedule", "P1D")))
                .get("id").asLong();
        Instant deadline = prepareACaseDueWhileDown();

        AtomicBoolean stop = new AtomicBoolean();
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        List<IngestClient> clients = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            clients.add(new IngestClient(i, stop, acknowledged));
        }
        clients.forEach(Thread::start);

        // the scheduler starts the first crawl of the news source at its next tick (it never ran)
        JsonNode run = null;
        long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < until) {
            JsonNode runs = ok(call("GET", "/api/crawl-runs?source=" + newsSource, null)).get("items");
            if (runs.size() > 0 && runs.get(0).get("newPosts").asInt() >= 5 && !acknowledged.isEmpty()) {
                run = runs.get(0);
                break;
            }
            Thread.sleep(100);
        }
        assertThat(run).as("the crawl got going").isNotNull();
        assertThat(run.get("status").asText()).as("killed in the middle of the crawl").isEqualTo("RUNNING");
        long interruptedRunId = run.get("id").asLong();
        assertThat(Instant.now()).as("the case deadline must fall while the service is down").isBefore(deadline.minusSeconds(2));
        int ackedBeforeKill = acknowledged.size();
        service.kill();
        say("killed with SIGKILL during crawl run %d (%d of %d articles reported) with %d posts acknowledged to 4 clients",
                interruptedRunId, run.get("newPosts").asInt(), ARTICLES, ackedBeforeKill);
        assertThat(ackedBeforeKill).as("ingestion was going on at the kill").isGreaterThan(0);

        int storedAtCrash;
        String runStatusAtCrash;
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            storedAtCrash = count(s, "select count(*) from post p join source s on s.id = p.source_id where s.name = 'crash-news'");
            try (ResultSet rs = s.executeQuery("select status from crawl_run where id = " + interruptedRunId)) {
                rs.next();
                runStatusAtCrash = rs.getString(1);
            }
            recordAlertsAtTheCrash(s);
        }
        say("while down: %d news posts stored, run %d still %s in the database", storedAtCrash, interruptedRunId, runStatusAtCrash);
        assertThat(runStatusAtCrash).isEqualTo("RUNNING");
        assertThat(storedAtCrash).as("every post the run reported stored before the kill is still there (durable commits)")
                .isGreaterThanOrEqualTo(run.get("newPosts").asInt());
        while (Instant.now().isBefore(deadline.plusSeconds(1))) {
            Thread.sleep(200);
        }

        service = start();
        say("restarted, pid %d (the case's deadline %s passed while the service was down)", service.pid(), deadline);
        Thread.sleep(3000);
        stop.set(true);
        for (IngestClient client : clients) {
            client.join(Duration.ofSeconds(200).toMillis());
            assertThat(client.failure).as("client %d", client.number).isNull();
        }
        int resent = clients.stream().mapToInt(c -> c.resentAfterFailure.get()).sum();
        say("clients stopped: %d posts acknowledged in all, %d batches were sent again after failing", acknowledged.size(), resent);

        JsonNode interrupted = ok(call("GET", "/api/crawl-runs/" + interruptedRunId, null));
        assertThat(interrupted.get("status").asText()).isEqualTo("INTERRUPTED");
        JsonNode resumed = null;
        until = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < until) {
            JsonNode last = ok(call("GET", "/api/crawl-runs?source=" + newsSource, null)).get("items").get(0);
            if (last.get("id").asLong() != interruptedRunId && !"RUNNING".equals(last.get("status").asText())) {
                resumed = last;
                break;
            }
            Thread.sleep(250);
        }
        assertThat(resumed).as("a new run resumed the crawl").isNotNull();
        say("run %d: %s; resumed by run %d (%s): %d new posts, %d already stored", interruptedRunId,
                interrupted.get("status").asText(), resumed.get("id").asLong(), resumed.get("status").asText(),
                resumed.get("newPosts").asInt(), resumed.get("duplicatePosts").asInt());
        assertThat(resumed.get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(resumed.get("newPosts").asInt()).as("only what was not stored before the crash")
                .isEqualTo(ARTICLES - storedAtCrash);

        JsonNode events = awaitEscalation();
        long escalations = 0;
        for (JsonNode e : events) {
            escalations += "ESCALATED".equals(e.get("kind").asText()) ? 1 : 0;
        }
        assertThat(escalations).as("the missed deadline escalated once").isEqualTo(1);
        say("the deadline missed while down was escalated after the restart (once)");
        alertsPendingAtTheCrashAreDelivered();

        service.stop();
        service = null;
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            Map<String, Integer> rows = new HashMap<>();
            try (ResultSet rs = s.executeQuery("select p.url, count(*) from post p join source s on s.id = p.source_id"
                    + " where s.name = 'crash-api' group by p.url")) {
                while (rs.next()) {
                    rows.put(rs.getString(1), rs.getInt(2));
                }
            }
            assertThat(rows.keySet()).as("every acknowledged post is stored").containsAll(acknowledged);
            assertThat(rows.values()).as("once").allMatch(n -> n == 1);
            assertThat(count(s, "select count(*) from post p join source s on s.id = p.source_id where s.name = 'crash-news'"))
                    .as("the whole site, each article once").isEqualTo(ARTICLES);
            say("database: %d acknowledged posts all stored once (%d stored in all: batches in flight at the kill may"
                    + " have been stored before their answer); %d news articles, no duplicates", acknowledged.size(),
                    rows.size(), ARTICLES);
            alertDeliveriesAreSent(s);
        }
        say("PASS: nothing lost, nothing stored twice, crawl resumed, deadline escalated, pending alerts delivered once");
    }

    /** A case assigned to a unit whose acknowledgement deadline falls ~25 s from now (while the service is down). */
    private Instant prepareACaseDueWhileDown() throws Exception {
        long unit = ok(call("POST", "/api/units", Map.of("name", "澄湖街道办事处", "kind", "DEPARTMENT"))).get("id").asLong();
        long post = ok(call("POST", "/api/posts", Map.of("source", "crash-api", "url", "https://bbs.example.org/case/1",
                "title", "路灯", "content", "澄湖街道东路的路灯坏了一个月没人修，晚上很黑，居民出行不安全。"))).get("id").asLong();
        Instant deadline = Instant.now().plusSeconds(25).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        JsonNode c = ok(call("POST", "/api/cases", Map.of("postId", post, "unitId", unit, "grade", "GENERAL",
                "acknowledgeBy", deadline.toString())));
        caseId = c.get("id").asLong();
        say("case %d assigned, to be acknowledged by %s", caseId, deadline);
        return deadline;
    }

    private long caseId;

    private JsonNode awaitEscalation() throws Exception {
        long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonNode events = null;
        while (System.nanoTime() < until) {
            events = ok(call("GET", "/api/cases/" + caseId, null)).get("events");
            for (JsonNode e : events) {
                if ("ESCALATED".equals(e.get("kind").asText())) {
                    Thread.sleep(3000); // two more ticks of the job: it must not escalate the same deadline again
                    return ok(call("GET", "/api/cases/" + caseId, null)).get("events");
                }
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the deadline missed while down was not escalated after the restart: " + events);
    }

    private static final int HOOK_PORT = 18412;
    private static final String[] GAS_LEAKS = {
            "锦绣花园三号楼楼道里闻到很重的燃气泄漏味道，居民已经报警，请燃气公司马上来人。",
            "城南菜市场旁边的餐馆疑似燃气泄漏，整条街都是煤气味，商户们都不敢开火。",
            "滨江小区地下车库燃气泄漏，物业封锁了入口，很多车开不出来，希望尽快处理。"};
    private AlertReceiver hook;
    private long channelId;
    private long ruleId;

    /** A loopback webhook receiver: answers 500 while down, 200 once healthy, and counts what it accepted per alert. */
    static final class AlertReceiver implements AutoCloseable {
        final com.sun.net.httpserver.HttpServer server;
        volatile boolean healthy;
        final AtomicInteger refused = new AtomicInteger();
        /** alert id → deliveries accepted (answered 200). */
        final Map<Long, AtomicInteger> accepted = new ConcurrentHashMap<>();

        AlertReceiver(int port) throws IOException {
            server = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", port), 0);
            server.createContext("/hook", ex -> {
                byte[] body = ex.getRequestBody().readAllBytes();
                int status;
                if (healthy) {
                    JsonNode msg = JSON.readTree(body);
                    accepted.computeIfAbsent(msg.get("alert").get("id").asLong(), k -> new AtomicInteger()).incrementAndGet();
                    status = 200;
                } else {
                    refused.incrementAndGet();
                    status = 500;
                }
                byte[] answer = (status == 200 ? "ok" : "down for maintenance").getBytes();
                ex.sendResponseHeaders(status, answer.length);
                ex.getResponseBody().write(answer);
                ex.close();
            });
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    /**
     * A webhook channel whose receiver is down (answers 500) and a phrase rule that fires on three posts about gas
     * leaks (one alert per topic they fall into); their deliveries are retried until the kill, so the outbox
     * holds them PENDING, RETRYING or SENDING at the crash.
     */
    private void prepareAlertsPendingAtTheCrash() throws Exception {
        hook = new AlertReceiver(HOOK_PORT);
        channelId = ok(call("POST", "/api/alert-channels", Map.of("name", "crash-hook", "kind", "WEBHOOK", "url", hook.url())))
                .get("id").asLong();
        ruleId = ok(call("POST", "/api/alert-rules", Map.of("name", "燃气泄漏", "level", "ORANGE",
                "conditions", List.of(Map.of("type", "PHRASE", "phrases", List.of("燃气泄漏"))),
                "recipients", Map.of("users", List.of(), "channels", List.of("crash-hook"))))).get("id").asLong();
        for (int i = 0; i < GAS_LEAKS.length; i++) {
            ok(call("POST", "/api/posts", Map.of("source", "crash-api", "url", "https://bbs.example.org/gas/" + i,
                    "title", "燃气泄漏" + i, "content", GAS_LEAKS[i])));
        }
        long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (hook.refused.get() < 3 && System.nanoTime() < until) {
            Thread.sleep(100);
        }
        say("alerts: rule %d fired on %d posts; channel %d's receiver is down (%d attempts refused so far)", ruleId,
                GAS_LEAKS.length, channelId, hook.refused.get());
        assertThat(hook.refused.get()).as("the deliveries were attempted and failed before the kill").isGreaterThanOrEqualTo(1);
    }

    /** Deliveries of the test's channel as they are in the database: id → {alert id, status}. */
    private Map<Long, String[]> deliveries(Statement s) throws Exception {
        Map<Long, String[]> out = new HashMap<>();
        try (ResultSet rs = s.executeQuery("select id, alert_id, status, attempts from alert_delivery where channel_id = " + channelId)) {
            while (rs.next()) {
                out.put(rs.getLong(1), new String[] {rs.getString(2), rs.getString(3), rs.getString(4)});
            }
        }
        return out;
    }

    private Map<Long, String[]> pendingAtCrash;

    /** Called while the service is down: what the outbox held at the kill. */
    private void recordAlertsAtTheCrash(Statement s) throws Exception {
        pendingAtCrash = deliveries(s);
        int alerts = count(s, "select count(*) from alert where rule_id = " + ruleId);
        Map<String, Integer> byStatus = new java.util.TreeMap<>();
        pendingAtCrash.values().forEach(d -> byStatus.merge(d[1], 1, Integer::sum));
        say("alerts at the crash: %d alerts of the rule, deliveries by status %s", alerts, byStatus);
        assertThat(alerts).as("alerts were stored before the kill").isGreaterThanOrEqualTo(1);
        assertThat(pendingAtCrash).as("one delivery per alert to the channel").hasSize(alerts);
        assertThat(pendingAtCrash.values()).as("none delivered before the kill (the receiver was down)")
                .allMatch(d -> Set.of("PENDING", "RETRYING", "SENDING").contains(d[1]));
    }

    /** After the restart the receiver is healthy: every alert stored before the kill is delivered, exactly once. */
    private void alertsPendingAtTheCrashAreDelivered() throws Exception {
        Instant healthyAt = Instant.now();
        hook.healthy = true;
        Set<Long> alerts = new java.util.TreeSet<>();
        pendingAtCrash.values().forEach(d -> alerts.add(Long.parseLong(d[0])));
        long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!hook.accepted.keySet().containsAll(alerts) && System.nanoTime() < until) {
            Thread.sleep(100);
        }
        Duration took = Duration.between(healthyAt, Instant.now());
        assertThat(hook.accepted.keySet()).as("every alert pending at the crash delivered within 60 s").containsAll(alerts);
        Thread.sleep(4000); // a few more sweeps (every 1 s): nothing may be sent again
        say("alerts: %d alerts pending at the crash delivered %.1f s after the receiver came back (%d attempts refused"
                + " while it was down); accepted per alert %s", alerts.size(), took.toMillis() / 1000.0, hook.refused.get(),
                hook.accepted);
        for (long a : alerts) {
            assertThat(hook.accepted.get(a).get()).as("alert %d delivered once", a).isEqualTo(1);
        }
        assertThat(hook.accepted.keySet()).as("no other alert").isEqualTo(alerts);
    }

    /** After the final stop: the outbox rows are SENT. */
    private void alertDeliveriesAreSent(Statement s) throws Exception {
        Map<Long, String[]> now = deliveries(s);
        assertThat(now.keySet()).isEqualTo(pendingAtCrash.keySet());
        assertThat(now.values()).as("every delivery SENT").allMatch(d -> d[1].equals("SENT"));
        say("alerts: %d deliveries SENT, attempts %s", now.size(), now.values().stream().map(d -> d[2]).toList());
    }

    private static int count(Statement s, String sql) throws Exception {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
