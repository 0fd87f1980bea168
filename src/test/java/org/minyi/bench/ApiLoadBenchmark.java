package org.minyi.bench;

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
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.minyi.ServiceProcess;

/**
 * API latency under load at scale: a PostgreSQL database {@code minyi_bench_api} with 1,000,000 posts over 30 days
 * (loaded by SQL in a minute: {@code INSERT ... SELECT ... generate_series} with skewed sources, topics, sentiment and
 * hours of the day), their topics, hourly rows, 60 units with spokespersons and 100,000 cases; the packaged service
 * ({@code -Ppg} build) runs against it and a fixed pool of 50 client threads on loopback calls the latest posts, the
 * topics, a spokesperson's inbox and the dashboard (when the service has one) for a bounded time. Prints p50/p95/p99
 * per endpoint and the heap at rest and under load (after a full GC, via jcmd).
 * <pre>
 * ./mvnw -q -Ppg package -DskipTests
 * ./mvnw -q -Ppg test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=org.minyi.bench.ApiLoadBenchmark [-Dexec.args="--posts 1000000 --users 50 --seconds 60"]
 * </pre>
 * The loaded database is kept and reused by the next run when it has the same number of posts ({@code --reload}
 * forces a fresh load). Writes {@code target/benchmarks/api.json}.
 */
public final class ApiLoadBenchmark {

    static final String DB = "minyi_bench_api";
    static final int UNITS = 60;

    public static void main(String[] args) throws Exception {
        int posts = Bench.intArg(args, "posts", 1_000_000);
        int users = Bench.intArg(args, "users", 50);
        int seconds = Bench.intArg(args, "seconds", 60);
        // several stateless instances on the same database, the users spread over them (docs/scaling.md)
        int instances = Bench.intArg(args, "instances", 1);
        boolean reload = List.of(args).contains("--reload");
        String password = "bench-pw";
        Map<String, String> env = Map.of("MINYI_DB_URL", Bench.PG + DB, "MINYI_DB_USER", Bench.PG_USER,
                "MINYI_DEMO_ENABLED", "false", "MINYI_CRAWL_SCHEDULER_ENABLED", "false");
        Path work = Files.createTempDirectory("minyi-api-bench");
        boolean fresh = reload || !Bench.databaseExists(DB) || count("post") != posts;
        if (fresh) {
            Bench.freshDatabase(DB);
            // the service creates the schema (Flyway) and its users; then the bulk load
            try (ServiceProcess service = new ServiceProcess(work, env, password).start()) {
                service.call("POST", "/api/users", "{\"username\":\"bench-spokes\",\"displayName\":\"发言人\",\"password\":\"password-123\","
                        + "\"roles\":[\"spokesperson\"],\"enabled\":true}");
            }
            long t0 = System.nanoTime();
            load(posts);
            System.out.printf(Locale.ROOT, "loaded %d posts in %.0f s%n", posts, (System.nanoTime() - t0) / 1e9);
        } else {
            System.out.printf(Locale.ROOT, "reusing database %s with %d posts%n", DB, posts);
        }
        Map<String, ConcurrentHistogram> histograms = new LinkedHashMap<>();
        Map<String, AtomicLong> errors = new LinkedHashMap<>();
        double heapRest;
        double heapLoad;
        double requestsPerSecond;
        List<String> endpoints = new ArrayList<>();
        List<ServiceProcess> others = new ArrayList<>();
        try (ServiceProcess service = new ServiceProcess(work, env, password).start()) {
            List<String> bases = new ArrayList<>(List.of(service.baseUrl()));
            for (int k = 1; k < instances; k++) {
                ServiceProcess other = new ServiceProcess(Files.createTempDirectory("minyi-api-bench"), env, password).start();
                others.add(other);
                bases.add(other.baseUrl());
            }
            String admin = basic("admin", password);
            String spokes = basic("bench-spokes", "password-123");
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                    .executor(Executors.newFixedThreadPool(4, r -> {
                        // daemon threads: exec:java waits for every non-daemon thread before it returns
                        Thread t = new Thread(r, "bench-http");
                        t.setDaemon(true);
                        return t;
                    })).build();
            if (service.call("POST", "/api/dashboard/aggregates/rebuild", "{}").statusCode() / 100 == 2) {
                System.out.println("dashboard aggregates rebuilt");
            }
            Map<String, String[]> calls = new LinkedHashMap<>();
            calls.put("latest posts", new String[] {"/api/posts?size=50", admin});
            calls.put("latest posts, negative", new String[] {"/api/posts?size=50&sentiment=negative", admin});
            calls.put("topics", new String[] {"/api/topics?size=50", admin});
            calls.put("inbox", new String[] {"/api/cases?open=true&size=50", spokes});
            for (String d : List.of("/api/dashboard/overview", "/api/dashboard", "/api/dashboard/summary")) {
                if (get(http, service.baseUrl() + d, admin).statusCode() == 200) {
                    calls.put("dashboard", new String[] {d, admin});
                    break;
                }
            }
            for (Map.Entry<String, String[]> e : calls.entrySet()) {
                int status = get(http, service.baseUrl() + e.getValue()[0], e.getValue()[1]).statusCode();
                if (status != 200) {
                    throw new IllegalStateException("GET " + e.getValue()[0] + " answered " + status);
                }
                histograms.put(e.getKey(), new ConcurrentHistogram(60_000_000_000L, 3));
                errors.put(e.getKey(), new AtomicLong());
                endpoints.add(e.getKey() + ": GET " + e.getValue()[0]);
            }
            heapRest = Bench.heapAfterGc(service.pid());
            // warm-up: 10 s of the same load, not recorded
            run(http, bases, calls, users, 10, null, null);
            long t0 = System.nanoTime();
            long total = run(http, bases, calls, users, seconds, histograms, errors);
            requestsPerSecond = total / ((System.nanoTime() - t0) / 1e9);
            heapLoad = Bench.heapUsed(service.baseUrl(), password);
            double heapAfter = Bench.heapAfterGc(service.pid());
            heapLoad = Math.max(heapLoad, heapAfter);
        } finally {
            for (ServiceProcess o : others) {
                o.close();
                Bench.deleteTree(o.log().getParent());
            }
        }
        BenchmarkResult result = new BenchmarkResult(instances == 1 ? "api" : "api-" + instances + "-instances")
                .command("./mvnw -q -Ppg package -DskipTests")
                .command("./mvnw -q -Ppg test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=" + ApiLoadBenchmark.class.getName()
                        + Bench.appDirOption() + " -Dexec.args=\"" + String.join(" ", args) + "\"");
        System.out.printf(Locale.ROOT, "%n%d posts in PostgreSQL, %d instance(s), %d concurrent users on loopback for %d s, %.0f requests/s%n%n",
                posts, instances, users, seconds, requestsPerSecond);
        System.out.println("| endpoint | requests | p50 ms | p95 ms | p99 ms | errors |\n|---|---|---|---|---|---|");
        for (Map.Entry<String, ConcurrentHistogram> e : histograms.entrySet()) {
            Histogram h = e.getValue();
            double p50 = h.getValueAtPercentile(50) / 1e6;
            double p95 = h.getValueAtPercentile(95) / 1e6;
            double p99 = h.getValueAtPercentile(99) / 1e6;
            System.out.printf(Locale.ROOT, "| %s | %d | %.1f | %.1f | %.1f | %d |%n", e.getKey(), h.getTotalCount(), p50, p95, p99,
                    errors.get(e.getKey()).get());
            result.figure(e.getKey() + " p50", p50, "ms");
            result.atMost(e.getKey() + " p95", p95, "ms", 300);
            result.note(users + " users, " + posts + " posts, " + h.getTotalCount() + " requests, " + errors.get(e.getKey()).get() + " errors");
            result.figure(e.getKey() + " p99", p99, "ms");
        }
        result.figure("requests per second (all endpoints)", requestsPerSecond, "req/s");
        result.figure("heap at rest (after full GC)", heapRest / 1048576, "MiB");
        result.atMost("heap under load", heapLoad / 1048576, "MiB", 1024);
        result.note("the larger of the heap in use at the end of the load and after a full GC; -Xmx1g");
        System.out.printf(Locale.ROOT, "%nheap at rest %.0f MiB, under load %.0f MiB (aim < 1024)%nendpoints: %s%n",
                heapRest / 1048576, heapLoad / 1048576, endpoints);
        result.write();
        Bench.deleteTree(work);
    }

    static long run(HttpClient http, List<String> bases, Map<String, String[]> calls, int users, int seconds,
                    Map<String, ConcurrentHistogram> histograms, Map<String, AtomicLong> errors) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(users);
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        List<String> names = new ArrayList<>(calls.keySet());
        AtomicLong total = new AtomicLong();
        List<Future<?>> futures = new ArrayList<>();
        for (int u = 0; u < users; u++) {
            int user = u;
            String base = bases.get(u % bases.size());
            futures.add(pool.submit(() -> {
                Random random = new Random(user);
                while (System.nanoTime() < end) {
                    String name = names.get(random.nextInt(names.size()));
                    String[] call = calls.get(name);
                    String path = call[0];
                    if (name.startsWith("latest posts") && random.nextInt(4) == 0) {
                        path += "&page=" + (1 + random.nextInt(5));
                    }
                    long s = System.nanoTime();
                    int status;
                    try {
                        status = get(http, base + path, call[1]).statusCode();
                    } catch (Exception ex) {
                        status = -1;
                    }
                    long took = System.nanoTime() - s;
                    total.incrementAndGet();
                    if (histograms != null) {
                        histograms.get(name).recordValue(Math.min(took, 59_000_000_000L));
                        if (status != 200) {
                            errors.get(name).incrementAndGet();
                        }
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        return total.get();
    }

    static HttpResponse<String> get(HttpClient http, String url, String auth) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).header("Authorization", auth)
                .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes());
    }

    static long count(String table) throws Exception {
        try (Connection c = Bench.pg(DB); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select count(*) from " + table)) {
            return rs.next() ? rs.getLong(1) : -1;
        } catch (Exception e) {
            return -1;
        }
    }

    /** Words that topics' keywords are drawn from (the issue words come with the titles). */
    static final String WORDS = "ARRAY['噪音','投诉','居民','物业','街道','整改','污水','异味','拖欠','补偿','施工','电梯','停车','垃圾','路灯',"
            + "'学校','医院','燃气','油烟','违建','积水','绿化','充电','快递','幼儿园','菜市场','公交','拆迁','信访','执法','安全',"
            + "'隐患','维修','排查','巡查','回复','协调','热线','网格员','业委会','夜间','凌晨','老人','孩子','租户','商户','工地',"
            + "'河道','工厂','学位','排队','收费','标准','监管','举报','视频','照片','媒体','联名','承诺']";

    /**
     * A topic's keywords as a JSON array: one word of {@link #WORDS} and three two-word compounds (3,600 of them),
     * picked by hashes of the topic id, so that topics differ as real ones do: identical keyword sets make every
     * topic converge with every other, and with only sixty words thousands of pairs of topics still share three of
     * four (the birthday problem); the merge job then merges twenty topics a minute for as long as the benchmark runs.
     */
    static String keywords(String topicExpr) {
        StringBuilder sql = new StringBuilder("'[\"' || ");
        for (int k = 0; k < 4; k++) {
            if (k > 0) {
                sql.append(" || '\",\"' || ");
            }
            sql.append(word(topicExpr, "a" + k));
            if (k > 0) {
                sql.append(" || ").append(word(topicExpr, "b" + k));
            }
        }
        return sql.append(" || '\"]'").toString();
    }

    private static String word(String topicExpr, String salt) {
        return "(" + WORDS + ")[1 + abs(hashtext((" + topicExpr + ")::text || '" + salt + "')) % 60]";
    }

    /** The bulk load: plain SQL, set-wise, realistic distributions. */
    static void load(int posts) throws Exception {
        int topics = Math.max(1, posts / 20);
        String places = "ARRAY['湖滨社区','澄心社区','柳岸社区','书香苑社区','观澜社区','潮音社区','渔火社区','海韵社区','帆影社区','云锦社区',"
                + "'启航社区','星河湾社区','青屿村','石塘村','渔光村','茶岙村','盐田村','潮头村','沙洲村','东埠村']";
        String issues = "ARRAY['夜间施工噪音扰民','垃圾清运不及时','河道发黑发臭','拆迁补偿标准不公','工厂偷排废水','小区电梯频繁故障',"
                + "'学校门口交通拥堵','燃气管道老化漏气','物业乱收费','停车位严重不足','路灯长期不亮','农民工工资被拖欠','违章搭建无人管',"
                + "'自来水发黄有异味','餐馆油烟扰民','楼道堆放杂物有火灾隐患','医院排队挂号太难','幼儿园学位紧张','化工厂气味刺鼻','暴雨后道路积水严重']";
        String categories = "ARRAY['环境保护','征地拆迁','社会治安','安全生产与消防','食品药品安全','劳动就业与外来务工','城市管理','交通出行','教育','信访与维权']";
        List<String> sql = List.of(
                "INSERT INTO source (name, type, base_url, enabled, created_at, updated_at) SELECT 'bench-source-' || s, 'API',"
                        + " 'https://bench' || s || '.example/', TRUE, now(), now() FROM generate_series(1, 20) s",
                // topics: ids 1..T, the recent ones hot
                "INSERT INTO topic (id, label, status, keywords, places, categories, first_seen, last_seen, post_count, source_count,"
                        + " author_count, negative_count, neutral_count, positive_count, heat, heat_at, hotness, emerging, created_at, updated_at)"
                        + " SELECT t, (" + places + ")[1 + t % 20] || (" + issues + ")[1 + (t / 20) % 20], 'OPEN',"
                        + " " + keywords("t") + ", '{\"' || (" + places + ")[1 + t % 20] || '\":3}',"
                        + " '{\"' || (" + categories + ")[1 + t % 10] || '\":3}',"
                        + " now() - interval '30 days' + (t::double precision / " + topics + ") * interval '30 days',"
                        + " now() - interval '30 days' + (t::double precision / " + topics + ") * interval '30 days' + interval '6 hours',"
                        + " 20, 3, 15, 8, 10, 2, t::double precision / " + topics + " * 20, now(), t::double precision / " + topics + " * 30,"
                        + " t % 997 = 0, now(), now() FROM generate_series(1, " + topics + ") t",
                "SELECT setval(pg_get_serial_sequence('topic', 'id'), " + (topics + 1) + ")",
                // posts: 30 days, more by day than by night, skewed over 20 sources, each in a topic of its time
                "INSERT INTO post (id, source_id, url, title, content, author, published_at, collected_at, reply_count, view_count,"
                        + " fingerprint, topic_id, sentiment_label, sentiment_score, keywords, places, categories, summary, simhash,"
                        + " simhash_b0, simhash_b1, simhash_b2, simhash_b3, analyzed_at)"
                        + " SELECT i, 1 + floor(20 * power(random(), 2))::int, 'https://bench.example/p/' || i,"
                        + " (" + places + ")[1 + (i / 20) % 20] || (" + issues + ")[1 + (i / 400) % 20],"
                        + " (" + places + ")[1 + (i / 20) % 20] || (" + issues + ")[1 + (i / 400) % 20] || '，已经一个多月了，多次打12345没有回音，希望有关部门尽快处理。第' || i || '条',"
                        + " '网友' || (i % 50000), ts, ts, (random() * 20)::int, (random() * 500)::int, md5(i::text) || md5((i + 1)::text),"
                        + " greatest(1, least(" + topics + ", (i::bigint * " + topics + " / " + posts + ")::int)),"
                        + " CASE WHEN random() < 0.35 THEN 'negative' WHEN random() < 0.8 THEN 'neutral' ELSE 'positive' END, random() * 2 - 1,"
                        + " " + keywords("greatest(1, least(" + topics + ", (i::bigint * " + topics + " / " + posts + ")::int))")
                        + ", '[]', '[\"' || (" + categories + ")[1 + i % 10] || '\"]', '希望有关部门尽快处理',"
                        + " h, (h & 65535)::int, ((h >> 16) & 65535)::int, ((h >> 32) & 65535)::int, ((h >> 48) & 65535)::int, ts"
                        + " FROM (SELECT i, now() - interval '30 days' + (i::double precision / " + posts + ") * interval '30 days'"
                        + " + (random() - 0.5) * interval '2 hours' AS ts, ('x' || md5(i::text))::bit(64)::bigint AS h"
                        + " FROM generate_series(1, " + posts + ") i) g",
                "SELECT setval('post_seq', " + (posts + 100) + ")",
                "INSERT INTO topic_hour (topic_id, hour_start, posts, negative, positive, replies) SELECT topic_id, date_trunc('hour', published_at),"
                        + " count(*), count(*) FILTER (WHERE sentiment_label = 'negative'), count(*) FILTER (WHERE sentiment_label = 'positive'), 0"
                        + " FROM post GROUP BY 1, 2",
                "INSERT INTO site_hour (hour_start, posts, topics) SELECT hour_start, sum(posts), count(*) FROM topic_hour GROUP BY 1",
                "INSERT INTO org_unit (name, kind, created_at) SELECT '基准单位' || u, 'DEPARTMENT', now() FROM generate_series(1, " + UNITS + ") u",
                "INSERT INTO unit_member (unit_id, user_id, role) SELECT u.id, a.id, 'SPOKESPERSON' FROM org_unit u, app_user a"
                        + " WHERE a.username = 'bench-spokes' AND u.name IN ('基准单位1', '基准单位2')",
                // cases: 100,000 over the units, most closed, the rest at each step of the state machine
                "INSERT INTO routing_case (post_id, topic_id, unit_id, title, grade, status, requires_approval, created_by, created_at,"
                        + " assigned_at, acknowledged_at, responded_at, closed_at, acknowledge_due, response_due, final_due)"
                        + " SELECT c * 10, greatest(1, c * 10 / 20), u.id, '案件' || c, 'GENERAL',"
                        + " (ARRAY['CLOSED','CLOSED','CLOSED','CLOSED','CLOSED','CLOSED','ASSIGNED','ACKNOWLEDGED','RESPONDED','NEW'])[1 + c % 10],"
                        + " FALSE, 'system', ts, ts, CASE WHEN c % 10 IN (0,1,2,3,4,5,7,8) THEN ts + interval '2 hours' END,"
                        + " CASE WHEN c % 10 IN (0,1,2,3,4,5,8) THEN ts + interval '1 day' END, CASE WHEN c % 10 < 6 THEN ts + interval '3 days' END,"
                        + " ts + interval '24 hours', ts + interval '48 hours', ts + interval '7 days'"
                        + " FROM (SELECT c, now() - interval '30 days' + (c::double precision / 100000) * interval '30 days' AS ts"
                        + " FROM generate_series(1, 100000) c) g JOIN org_unit u ON u.name = '基准单位' || (1 + c % " + UNITS + ")",
                // a running system has escalated its overdue cases as each deadline passed (the deadline job then
                // reads only those not yet escalated): so has the loaded database
                "UPDATE routing_case SET escalated_due = CASE WHEN acknowledged_at IS NULL THEN acknowledge_due"
                        + " WHEN responded_at IS NULL THEN response_due ELSE final_due END"
                        + " WHERE status <> 'CLOSED' AND CASE WHEN acknowledged_at IS NULL THEN acknowledge_due"
                        + " WHEN responded_at IS NULL THEN response_due ELSE final_due END < now()",
                "ANALYZE");
        List<String> sqlDrop = new ArrayList<>();
        try (Connection c = Bench.pg(DB); Statement s = c.createStatement()) {
            // secondary indexes of the posts are dropped for the load and built again after it (a bulk build is
            // several times faster than a million index insertions); their definitions are read from the catalog
            List<String> indexes = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("select indexname, indexdef from pg_indexes where tablename = 'post'"
                    + " and indexname not in (select conname from pg_constraint)")) {
                while (rs.next()) {
                    indexes.add(rs.getString(2));
                    sqlDrop.add("DROP INDEX " + rs.getString(1));
                }
            }
            for (String q : sqlDrop) {
                s.execute(q);
            }
            List<String> all = new ArrayList<>(sql);
            all.addAll(all.size() - 1, indexes);
            s.execute("SET maintenance_work_mem = '256MB'");
            for (String q : all) {
                long t0 = System.nanoTime();
                s.execute(q);
                System.out.printf(Locale.ROOT, "%5.1f s  %s%n", (System.nanoTime() - t0) / 1e9, q.length() > 90 ? q.substring(0, 90) + "…" : q);
            }
        }
    }
}
