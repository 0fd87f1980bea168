package org.minyi.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.minyi.ServiceProcess;

/**
 * Two instances, one PostgreSQL database (issue 9, point 6). Two service processes share a fresh database with a
 * short crawl schedule (3 sources every 5 s against a local news site), the escalation job every second and the
 * topic job every 2 s. Checks that every scheduled crawl slot runs once (no overlapping runs of a source, starts a
 * schedule interval apart), that each periodic job runs on one instance only, once per tick, and that each missed
 * deadline is escalated once; then kills one instance with SIGKILL and checks that the survivor takes its leases
 * over (after {@code minyi.cluster.instance-timeout}, here 6 s, without the same-host shortcut), interrupts its
 * crawl runs and goes on crawling and escalating.
 *
 * <p>Only in the {@code -Ppg} build: the default build's H2 file database belongs to one process.
 */
class TwoInstancesIT {

    private static final String PASSWORD = "two-instances-pw";
    private static final int PORT_A = 18403;
    private static final int PORT_B = 18404;
    private static final int SITE_PORT = 18411;
    private static final int HOOK_PORT = 18413;
    private static final Duration SCHEDULE = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Unrelated stories (each its own topic, so each may get its own case). */
    private static final String[] COMPLAINTS = {
            "锦绣花园小区门口道路坑洼积水，雨天电动车经常滑倒，居民出行非常不便，希望市政尽快修复路面。",
            "实验小学放学时段校门口私家车乱停乱放，孩子过马路很危险，请交警部门加强疏导管理。",
            "城南菜市场的猪肉摊缺斤少两，投诉到市场管理处也没人处理，消费者权益得不到保障。",
            "滨江公园的公共厕所长期无人打扫，气味难闻，洗手池的水龙头也坏了好几个星期。",
            "深夜建筑工地还在打桩施工，噪音严重影响附近居民休息，老人孩子都睡不着觉。",
            "社区医院的挂号系统经常崩溃，老年人排队几个小时也挂不上号，希望卫健部门重视。",
            "公交二十三路车班次太少，早高峰等车要四十分钟，上班族天天迟到，建议增加班次。",
            "老旧小区的电梯频繁故障，上周还困住了一位老人，物业和维保单位互相推诿责任。",
            "河道边有工厂偷排污水，河水发黑发臭，鱼都死了，希望环保部门彻查处理。",
            "新建的停车场收费标准不透明，临时停车半小时收二十元，群众意见很大。"};

    private Path workDir;
    private ItDatabase db;
    private NewsFixture site;
    private final Map<String, ServiceProcess> instances = new LinkedHashMap<>();

    @BeforeEach
    void setUp() throws Exception {
        if (!ItDatabase.postgres()) {
            say("SKIPPED on H2: runs in the PostgreSQL build only (./mvnw -Ppg verify); two processes cannot share the"
                    + " default build's embedded H2 file database");
        }
        Assumptions.assumeTrue(ItDatabase.postgres(), "TwoInstancesIT runs in the PostgreSQL build only (./mvnw -Ppg verify):"
                + " two processes cannot share the default build's embedded H2 file database");
        workDir = Files.createTempDirectory("minyi-two");
        db = ItDatabase.create(workDir, "minyi_two");
        site = new NewsFixture(SITE_PORT, 6);
    }

    @AfterEach
    void tearDown() throws Exception {
        for (ServiceProcess p : instances.values()) {
            p.kill();
        }
        if (site != null) {
            site.close();
        }
        if (db != null) {
            db.close();
        }
    }

    private static void say(String format, Object... args) {
        System.out.printf("[two-instances] " + format + "%n", args);
    }

    private ServiceProcess process(String name, int port) {
        Map<String, String> env = new HashMap<>();
        env.put("MINYI_DB_URL", db.serviceUrl());
        env.put("MINYI_DEMO_ENABLED", "false");
        env.put("MINYI_CRAWL_ALLOW_LOOPBACK", "true");
        env.put("MINYI_CRAWL_HOST_DELAY", "PT0.1S");
        env.put("MINYI_CRAWL_MIN_SCHEDULE", "PT5S");
        env.put("MINYI_CRAWL_SCHEDULE_TICK", "1s");
        env.put("MINYI_CRAWL_SCHEDULE_DELAY", "1s");
        env.put("MINYI_ROUTING_JOB_EVERY", "1s");
        env.put("MINYI_ROUTING_JOB_DELAY", "1s");
        env.put("MINYI_TOPICS_JOB_EVERY", "2s");
        env.put("MINYI_CLUSTER_HEARTBEAT_EVERY", "1s");
        env.put("MINYI_CLUSTER_INSTANCE_TIMEOUT", "PT6S");
        env.put("MINYI_CLUSTER_SAME_HOST_CHECK", "false");
        // both instances sweep the alert outbox every second: they compete for every due delivery
        env.put("MINYI_ALERTS_SWEEP_EVERY", "1s");
        env.put("MINYI_ALERTS_RETRY_BACKOFF", "PT1S");
        env.put("MINYI_ALERTS_MAX_BACKOFF", "PT1S");
        env.put("MINYI_ALERTS_MAX_ATTEMPTS", "1000");
        return new ServiceProcess(workDir, env, PASSWORD).port(port).logName("service-" + name + ".log");
    }

    private static JsonNode ok(HttpResponse<String> r) throws Exception {
        assertThat(r.statusCode()).as("%s", r.body()).isBetween(200, 299);
        return JSON.readTree(r.body());
    }

    private static String json(Object o) throws Exception {
        return JSON.writeValueAsString(o);
    }

    record Run(long id, long sourceId, String instance, String status, Instant started, Instant finished) {
    }

    @Test
    void eachJobRunsOnceAndTheSurvivorTakesOver() throws Exception {
        say("fresh PostgreSQL database %s; starting instances A (:%d) and B (:%d)", db.serviceUrl(), PORT_A, PORT_B);
        ServiceProcess a = process("a", PORT_A);
        ServiceProcess b = process("b", PORT_B);
        instances.put("A", a);
        instances.put("B", b);
        CompletableFuture<Void> startA = CompletableFuture.runAsync(() -> start(a));
        Thread.sleep(2000); // both migrate the same database: Flyway's lock lets one go first
        start(b);
        startA.join();
        String idA = ok(a.call("GET", "/api/cluster", null)).get("instance").asText();
        String idB = ok(b.call("GET", "/api/cluster", null)).get("instance").asText();
        say("A is %s, B is %s", idA, idB);
        assertThat(ok(a.call("GET", "/api/cluster", null)).get("instances").findValuesAsText("id")).contains(idA, idB);

        List<Long> sources = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            sources.add(ok(a.call("POST", "/api/sources", json(Map.of("name", "news-" + i, "type", "NEWS",
                    "baseUrl", site.base() + "/", "startUrls", List.of(site.base() + "/news/list.html"),
                    "schedule", "PT5S")))).get("id").asLong());
        }
        ok(b.call("POST", "/api/sources", json(Map.of("name", "api", "type", "API", "baseUrl", "https://bbs.example.org/"))));
        long unit = ok(b.call("POST", "/api/units", json(Map.of("name", "澄湖街道办事处", "kind", "DEPARTMENT")))).get("id").asLong();
        List<Long> cases = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            cases.add(openCase(i % 2 == 0 ? a : b, unit, i, Duration.ofSeconds(4 + i)));
        }
        Instant from = Instant.now();
        say("3 sources crawled every %s, 4 cases due within 8 s; both instances run for 30 s", SCHEDULE);
        for (int t = 10; t <= 30; t += 10) {
            Thread.sleep(10_000);
            List<Run> runs = runs();
            say("after %2d s: %d crawl runs (A %d, B %d); escalation runs: %s", t, runs.size(),
                    runs.stream().filter(r -> r.instance().equals(idA)).count(),
                    runs.stream().filter(r -> r.instance().equals(idB)).count(), jobRunsByInstance("routing-escalation"));
        }
        Instant to = Instant.now();

        List<Run> runs = runs();
        checkSlots(runs, sources, from, to);
        Map<String, Integer> escalationRuns = jobRunsByInstance("routing-escalation");
        assertThat(escalationRuns).as("the escalation job runs on one instance while both live").hasSize(1);
        checkNoOverlap("routing-escalation");
        checkNoOverlap("topic-jobs");
        assertThat(jobRunsByInstance("topic-jobs")).as("the topic job runs on one instance while both live").hasSize(1);
        long ticks = Duration.between(from, to).toSeconds();
        int escalationsTotal = countRuns("routing-escalation", from, to);
        assertThat(escalationsTotal).as("once per tick (1 s), not once per tick per instance").isLessThanOrEqualTo((int) ticks + 3);
        for (long c : cases) {
            assertThat(escalations(c)).as("case %d escalated once", c).isEqualTo(1);
        }
        say("no overlapping runs, one run per slot; escalation ran %d times in %d s on %s; each of 4 cases escalated once",
                escalationsTotal, ticks, escalationRuns.keySet());
        alertsAreDeliveredOnce(a);

        String leader = leaseHolder("routing-escalation");
        String victimName = leader.equals(idA) ? "A" : "B";
        ServiceProcess victim = instances.get(victimName);
        ServiceProcess survivor = victimName.equals("A") ? b : a;
        String survivorId = leader.equals(idA) ? idB : idA;
        Instant killedAt = Instant.now();
        victim.kill();
        say("killed %s (%s, which held the escalation lease) with SIGKILL", victimName, leader);
        long late = openCase(survivor, unit, 9, Duration.ofSeconds(3));

        Instant deadline = Instant.now().plusSeconds(40);
        while (Instant.now().isBefore(deadline)) {
            if (survivorId.equals(leaseHolder("routing-escalation")) && escalations(late) == 1
                    && runs().stream().filter(r -> r.instance().equals(survivorId) && r.started().isAfter(killedAt.plusSeconds(6)))
                    .map(Run::sourceId).distinct().count() == 3) {
                break;
            }
            Thread.sleep(500);
        }
        Instant takenOver = Instant.now();
        assertThat(leaseHolder("routing-escalation")).as("the survivor holds the escalation lease").isEqualTo(survivorId);
        assertThat(escalations(late)).as("a deadline after the kill is escalated by the survivor").isEqualTo(1);
        List<Run> after = runs();
        for (long s : sources) {
            assertThat(after).as("source %d crawled by the survivor after the takeover", s)
                    .anyMatch(r -> r.sourceId() == s && r.instance().equals(survivorId) && r.started().isAfter(killedAt));
        }
        assertThat(after).as("no run of the dead instance is left RUNNING")
                .noneMatch(r -> r.instance().equals(leader) && r.status().equals("RUNNING"));
        assertThat(heldLeases(leader)).as("the dead instance holds no lease").isZero();
        JsonNode cluster = ok(survivor.call("GET", "/api/cluster", null));
        for (JsonNode i : cluster.get("instances")) {
            if (i.get("id").asText().equals(leader)) {
                assertThat(i.get("alive").asBoolean()).isFalse();
                say("survivor's /api/cluster: %s stopped (%s)", leader, i.get("stopReason").asText());
            }
        }
        Thread.sleep(6000);
        checkSlots(runs(), sources, from, Instant.now());
        say("taken over in %.1f s (instance timeout 6 s): survivor holds the leases, crawls all 3 sources, escalated the new case",
                Duration.between(killedAt, takenOver).toMillis() / 1000.0);
        say("PASS");
    }

    /**
     * An alert whose webhook receiver is down for 4 s: its delivery is retried by both instances' sweeps (every second)
     * until the receiver is back, and must reach it once.
     */
    private void alertsAreDeliveredOnce(ServiceProcess via) throws Exception {
        try (CrashRecoveryIT.AlertReceiver hook = new CrashRecoveryIT.AlertReceiver(HOOK_PORT)) {
            ok(via.call("POST", "/api/alert-channels", json(Map.of("name", "two-hook", "kind", "WEBHOOK", "url", hook.url()))));
            ok(via.call("POST", "/api/alert-rules", json(Map.of("name", "燃气泄漏", "level", "ORANGE",
                    "conditions", List.of(Map.of("type", "PHRASE", "phrases", List.of("燃气泄漏"))),
                    "recipients", Map.of("users", List.of(), "channels", List.of("two-hook"))))));
            ok(via.call("POST", "/api/posts", json(Map.of("source", "api", "url", "https://bbs.example.org/gas/1", "title", "燃气泄漏",
                    "content", "锦绣花园三号楼楼道里闻到很重的燃气泄漏味道，居民已经报警，请燃气公司马上来人。"))));
            Thread.sleep(4000);
            hook.healthy = true;
            Instant until = Instant.now().plusSeconds(20);
            while (hook.accepted.isEmpty() && Instant.now().isBefore(until)) {
                Thread.sleep(100);
            }
            Thread.sleep(4000); // more sweeps of both instances: nothing may be sent again
            int attempts;
            String status;
            try (Connection c = db.connect(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("select d.status, d.attempts from alert_delivery d join alert_channel ch"
                         + " on ch.id = d.channel_id where ch.name = 'two-hook'")) {
                assertThat(rs.next()).as("a delivery to the channel").isTrue();
                status = rs.getString(1);
                attempts = rs.getInt(2);
                assertThat(rs.next()).as("one delivery").isFalse();
            }
            say("alert: receiver down for 4 s (%d attempts refused), then delivery %s after %d attempts; accepted per alert %s",
                    hook.refused.get(), status, attempts, hook.accepted);
            assertThat(hook.accepted).as("one alert").hasSize(1);
            assertThat(hook.accepted.values().iterator().next().get()).as("delivered once with two instances sweeping").isEqualTo(1);
            assertThat(status).isEqualTo("SENT");
            assertThat(hook.refused.get()).as("attempts while down").isGreaterThanOrEqualTo(2);
        }
    }

    private void start(ServiceProcess p) {
        try {
            p.start();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private long openCase(ServiceProcess via, long unit, int i, Duration dueIn) throws Exception {
        long post = ok(via.call("POST", "/api/posts", json(Map.of("source", "api", "url", "https://bbs.example.org/t/" + i,
                "title", "投诉" + i, "content", COMPLAINTS[i % COMPLAINTS.length])))).get("id").asLong();
        Instant due = Instant.now().plus(dueIn).plusSeconds(1);
        // a unit per case: posts that the topic clustering puts together may have one open case per unit only
        long caseUnit = ok(via.call("POST", "/api/units", json(Map.of("name", "第" + i + "办事处", "kind", "DEPARTMENT"))))
                .get("id").asLong();
        return ok(via.call("POST", "/api/cases", json(Map.of("postId", post, "unitId", caseUnit, "grade", "GENERAL",
                "acknowledgeBy", due.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString())))).get("id").asLong();
    }

    /**
     * Per source: runs never overlap, and two consecutive runs start at least one schedule interval apart (a slot
     * run twice would start twice within the interval), unless the first was interrupted (then the source resumes
     * at once).
     */
    private void checkSlots(List<Run> runs, List<Long> sources, Instant from, Instant to) {
        for (long s : sources) {
            List<Run> mine = runs.stream().filter(r -> r.sourceId() == s).toList();
            assertThat(mine.size()).as("source %d ran on schedule", s).isGreaterThanOrEqualTo(3);
            for (int i = 1; i < mine.size(); i++) {
                Run prev = mine.get(i - 1);
                Run next = mine.get(i);
                assertThat(prev.finished()).as("run %d finished before run %d started", prev.id(), next.id()).isNotNull();
                assertThat(next.started()).as("runs %d and %d of source %d overlap", prev.id(), next.id(), s)
                        .isAfterOrEqualTo(prev.finished().minusMillis(5));
                if (!prev.status().equals("INTERRUPTED")) {
                    assertThat(Duration.between(prev.started(), next.started()))
                            .as("runs %d and %d of source %d in one schedule slot", prev.id(), next.id(), s)
                            .isGreaterThanOrEqualTo(SCHEDULE.minusMillis(5));
                }
            }
        }
    }

    private List<Run> runs() throws Exception {
        List<Run> runs = new ArrayList<>();
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select id, source_id, instance_id, status, started_at, finished_at from crawl_run order by source_id, started_at, id")) {
            while (rs.next()) {
                Timestamp f = rs.getTimestamp(6);
                runs.add(new Run(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getTimestamp(5).toInstant(),
                        f == null ? null : f.toInstant()));
            }
        }
        return runs;
    }

    private Map<String, Integer> jobRunsByInstance(String job) throws Exception {
        Map<String, Integer> n = new LinkedHashMap<>();
        try (Connection c = db.connect(); PreparedStatement s = c.prepareStatement(
                "select instance_id, count(*) from job_run where name = ? group by instance_id")) {
            s.setString(1, job);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    n.put(rs.getString(1), rs.getInt(2));
                }
            }
        }
        return n;
    }

    private int countRuns(String job, Instant from, Instant to) throws Exception {
        try (Connection c = db.connect(); PreparedStatement s = c.prepareStatement(
                "select count(*) from job_run where name = ? and started_at >= ? and started_at < ?")) {
            s.setString(1, job);
            s.setTimestamp(2, Timestamp.from(from));
            s.setTimestamp(3, Timestamp.from(to));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** No two runs of the job overlap in time. */
    private void checkNoOverlap(String job) throws Exception {
        try (Connection c = db.connect(); PreparedStatement s = c.prepareStatement(
                "select started_at, finished_at from job_run where name = ? order by started_at")) {
            s.setString(1, job);
            Instant lastEnd = Instant.EPOCH;
            int n = 0;
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    Instant start = rs.getTimestamp(1).toInstant();
                    assertThat(start).as("%s runs overlap", job).isAfterOrEqualTo(lastEnd);
                    Timestamp end = rs.getTimestamp(2);
                    lastEnd = end == null ? Instant.MAX : end.toInstant();
                    n++;
                }
            }
            assertThat(n).as("%s ran", job).isGreaterThan(0);
        }
    }

    private int escalations(long caseId) throws Exception {
        try (Connection c = db.connect(); PreparedStatement s = c.prepareStatement(
                "select count(*) from case_event where case_id = ? and kind = 'ESCALATED'")) {
            s.setLong(1, caseId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private String leaseHolder(String name) throws Exception {
        try (Connection c = db.connect(); PreparedStatement s = c.prepareStatement(
                "select holder from job_lease where name = ? and lease_until > current_timestamp")) {
            s.setString(1, name);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private int heldLeases(String holder) throws Exception {
        try (Connection c = db.connect(); PreparedStatement s = c.prepareStatement(
                "select count(*) from job_lease where holder = ? and lease_until > current_timestamp")) {
            s.setString(1, holder);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
