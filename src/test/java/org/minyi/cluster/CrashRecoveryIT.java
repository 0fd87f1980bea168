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
 *   <li>(alerts pending delivery at the crash: see {@link #alertsPendingAtTheCrashAreDelivered}).</li>
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
        long newsSource = ok(call("POST", "/api/sources", Map.of("name", "crash-news", "type", "NEWS",
                "baseUrl", site.base() + "/", "startUrls", List.of(site.base() + "/news/list.html"), "schedule", "P1D")))
                .get("id").asLong();
        Instant deadline = prepareACaseDueWhileDown();
        prepareAlertsPendingAtTheCrash();

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
            if (runs.size() > 0 && runs.get(0).get("newPosts").asInt() >= 5) {
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
        }
        say("PASS: nothing lost, nothing stored twice, crawl resumed, deadline escalated");
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

    /**
     * ALERTS (after the alerts feature is merged): create an alert rule and make it fire just before the kill, so
     * that an {@code alert_delivery} row is pending at the crash. Not covered yet: the alert outbox is being written
     * in parallel on another branch.
     */
    private void prepareAlertsPendingAtTheCrash() {
        say("alerts: not covered by this test yet (the alert outbox lands with the alerts feature)");
    }

    /** ALERTS (after merge): assert the delivery pending at the crash was delivered once after the restart. */
    private void alertsPendingAtTheCrashAreDelivered() {
        // see prepareAlertsPendingAtTheCrash
    }

    private static int count(Statement s, String sql) throws Exception {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
