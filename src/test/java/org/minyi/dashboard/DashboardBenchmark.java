package org.minyi.dashboard;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.minyi.ServiceProcess;
import org.minyi.bench.BenchmarkResult;

/**
 * Dashboard queries at size: 1,000,000 posts in PostgreSQL. Creates the database {@code minyi_bench_dash}, starts the
 * packaged (PostgreSQL) service on it (Flyway creates the schema), loads sources, 3,000 topics with their hourly
 * series, 1,000,000 posts over 90 days and 3,000 cases by SQL, rebuilds the aggregates through the admin endpoint,
 * then times every dashboard endpoint over HTTP (form-login session) with varied periods and filters and prints
 * p50/p95/p99 per endpoint (aim: p95 ≤ 300 ms). Run:
 * <pre>
 * ./mvnw -q -Ppg package -DskipTests
 * ./mvnw -q exec:java -Dexec.classpathScope=test -Dexec.mainClass=org.minyi.dashboard.DashboardBenchmark [-Dexec.args="1000000 150"]
 * </pre>
 * Arguments: posts (default 1,000,000) and timed requests per endpoint (default 150). Environment: MINYI_BENCH_PG
 * (default jdbc:postgresql://127.0.0.1:5432/), user postgres.
 */
public final class DashboardBenchmark {

    static final String[] ENDPOINTS = {"summary", "volume", "topics", "keywords", "breakdown", "jurisdiction", "units"};
    static final String[] CATEGORIES = {"环境保护", "征地拆迁", "社会治安", "安全生产与消防", "食品药品安全", "劳动就业与外来务工", "城市管理",
        "交通出行", "教育", "医疗卫生", "社会保障", "信访与维权", "其他"};
    static final String[] PLACES = {"湖滨社区", "澄心社区", "柳岸社区", "书香苑社区", "观澜社区", "潮音社区", "渔火社区", "海韵社区",
        "帆影社区", "云锦社区", "启航社区", "星河湾社区", "鹭鸣社区", "芦汀社区", "翠堤社区", "鹭岛社区", "青屿村", "石塘村", "渔光村", "茶岙村"};
    static final String[] STREETS = {"澄湖街道", "望潮街道", "云帆街道", "白鹭湾街道", "青屿镇"};

    public static void main(String[] args) throws Exception {
        int posts = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int requests = args.length > 1 ? Integer.parseInt(args[1]) : 150;
        String pg = System.getenv().getOrDefault("MINYI_BENCH_PG", "jdbc:postgresql://127.0.0.1:5432/");
        String db = "minyi_bench_dash";
        BenchmarkResult result = new BenchmarkResult("dashboard")
                .command("./mvnw -q -Ppg package -DskipTests")
                .command("./mvnw -q exec:java -Dexec.classpathScope=test -Dexec.mainClass=org.minyi.dashboard.DashboardBenchmark -Dexec.args=\""
                        + posts + " " + requests + "\"");
        try (Connection admin = DriverManager.getConnection(pg + "test", "postgres", "")) {
            try (Statement st = admin.createStatement()) {
                st.execute("DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
                st.execute("CREATE DATABASE " + db);
            }
        }
        Path work = Files.createTempDirectory("minyi-dash-bench");
        Map<String, String> env = Map.of("MINYI_DB_URL", pg + db, "MINYI_DB_USER", "postgres", "MINYI_DEMO_ENABLED", "false",
                "MINYI_ROUTING_DEMO_UNITS", "true", "MINYI_REPORTS_DAILY_CRON", "off", "MINYI_REPORTS_WEEKLY_CRON", "off");
        try (ServiceProcess service = new ServiceProcess(work, env, "bench-pw").start()) {
            long t0 = System.nanoTime();
            try (Connection c = DriverManager.getConnection(pg + db, "postgres", "")) {
                load(c, posts);
            }
            double loadSeconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf(Locale.ROOT, "loaded %,d posts in %.0f s%n", posts, loadSeconds);

            long t1 = System.nanoTime();
            int status = service.call("POST", "/api/dashboard/aggregates/rebuild", null).statusCode();
            if (status != 202) {
                throw new IllegalStateException("rebuild answered " + status);
            }
            String state;
            do {
                Thread.sleep(2000);
                state = service.call("GET", "/api/dashboard/aggregates/rebuild", null).body();
                System.out.println("rebuild: " + state);
            } while (state.contains("\"RUNNING\""));
            if (!state.contains("\"DONE\"")) {
                throw new IllegalStateException("rebuild failed: " + state);
            }
            double rebuildSeconds = (System.nanoTime() - t1) / 1e9;
            long rows;
            try (Connection c = DriverManager.getConnection(pg + db, "postgres", "");
                 Statement st = c.createStatement()) {
                st.execute("ANALYZE");
                try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM stat_hour")) {
                    rs.next();
                    rows = rs.getLong(1);
                }
            }
            System.out.printf(Locale.ROOT, "aggregates rebuilt in %.0f s: %,d rows in stat_hour%n", rebuildSeconds, rows);

            Timer timer = new Timer(service.baseUrl(), "admin", "bench-pw");
            Random random = new Random(8);
            StringBuilder table = new StringBuilder(String.format(Locale.ROOT,
                    "%n%,d posts over 90 days, %,d stat_hour rows; %d timed requests per endpoint after 20 warm-up ones%n%n"
                            + "| endpoint | p50 ms | p95 ms | p99 ms | max ms |%n|---|---|---|---|---|%n", posts, rows, requests));
            Map<String, double[]> all = new LinkedHashMap<>();
            for (String endpoint : ENDPOINTS) {
                for (int i = 0; i < 20; i++) {
                    timer.time("/api/dashboard/" + endpoint + "?" + params(random));
                }
                double[] ms = new double[requests];
                for (int i = 0; i < requests; i++) {
                    ms[i] = timer.time("/api/dashboard/" + endpoint + "?" + params(random));
                }
                Arrays.sort(ms);
                all.put(endpoint, ms);
                table.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f | %.1f | %.1f |%n", endpoint, pct(ms, 50), pct(ms, 95),
                        pct(ms, 99), ms[ms.length - 1]));
            }
            table.append(String.format(Locale.ROOT, "%nload %.0f s, rebuild %.0f s; filters: periods of 1, 7, 30 or 90 days ending at"
                    + " random days of the 90, a third with a category, a third with a street or community%n", loadSeconds, rebuildSeconds));
            System.out.print(table);
            result.figure("load time", Math.round(loadSeconds), "s").figure("aggregate rebuild time", Math.round(rebuildSeconds), "s")
                    .figure("stat_hour rows", rows, "rows");
            all.forEach((endpoint, ms) -> result.atMost(endpoint + " p95", Math.round(pct(ms, 95) * 10) / 10.0, "ms", 300)
                    .figure(endpoint + " p50", Math.round(pct(ms, 50) * 10) / 10.0, "ms")
                    .figure(endpoint + " p99", Math.round(pct(ms, 99) * 10) / 10.0, "ms"));
            Path out = Path.of("target", "dashboard-benchmark.txt");
            Files.createDirectories(out.getParent());
            Files.writeString(out, table.toString());
            result.write();
        }
    }

    static double pct(double[] sorted, int p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    static String params(Random r) {
        int[] days = {1, 7, 30, 90};
        int d = days[r.nextInt(days.length)];
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        LocalDate to = today.minusDays(r.nextInt(Math.max(1, 90 - d + 1)));
        StringBuilder sb = new StringBuilder("from=" + to.minusDays(d - 1) + "&to=" + to);
        int f = r.nextInt(3);
        if (f == 1) {
            sb.append("&category=").append(URLEncoder.encode(CATEGORIES[r.nextInt(CATEGORIES.length)], StandardCharsets.UTF_8));
        } else if (f == 2) {
            String place = r.nextBoolean() ? STREETS[r.nextInt(STREETS.length)] : PLACES[r.nextInt(PLACES.length)];
            sb.append("&place=").append(URLEncoder.encode(place, StandardCharsets.UTF_8));
        }
        return sb.toString();
    }

    /** Timed GETs with one form-login session (no password hashing per request). */
    static final class Timer {
        final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        final String base;
        final String cookie;

        Timer(String base, String user, String password) throws Exception {
            this.base = base;
            // the sign-in form is CSRF-protected (double submit): the login page sets the cookie, the form sends it back
            String csrf = http.send(HttpRequest.newBuilder(URI.create(base + "/login")).build(), HttpResponse.BodyHandlers.discarding())
                    .headers().allValues("set-cookie").stream().filter(c -> c.startsWith("minyi-csrf="))
                    .map(c -> c.split(";", 2)[0].substring("minyi-csrf=".length())).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no CSRF cookie from /login"));
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/j_security_check"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("Cookie", "minyi-csrf=" + csrf).header("X-CSRF-Token", csrf)
                    .POST(HttpRequest.BodyPublishers.ofString("j_username=" + user + "&j_password=" + password)).build(),
                    HttpResponse.BodyHandlers.ofString());
            cookie = r.headers().allValues("set-cookie").stream().filter(c -> c.startsWith("minyi-session="))
                    .map(c -> c.split(";", 2)[0]).findFirst().orElseThrow(() -> new IllegalStateException("login failed"));
        }

        double time(String path) throws Exception {
            long t = System.nanoTime();
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Cookie", cookie)
                    .header("Accept", "application/json").timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
            double ms = (System.nanoTime() - t) / 1e6;
            if (r.statusCode() != 200) {
                throw new IllegalStateException(path + " answered " + r.statusCode() + ": " + r.body());
            }
            return ms;
        }
    }

    // ------------------------------------------------------------------ data

    static void load(Connection c, int posts) throws Exception {
        c.setAutoCommit(true);
        try (Statement st = c.createStatement()) {
            st.execute("INSERT INTO source (id, name, type, base_url, enabled, created_at, updated_at) SELECT 1000 + s, "
                    + "(ARRAY['海澄论坛','澄州新闻网','海澄发布','12345热线','澄州晚报','本地生活号','海澄贴吧','业主之家'])[s], 'API',"
                    + " 'https://bench.example/' || s || '/', TRUE, now(), now() FROM generate_series(1, 8) s");
            st.execute("SELECT setval(pg_get_serial_sequence('source', 'id'), 2000)");
            st.execute("CREATE TEMP TABLE bench_topic AS SELECT k, now() - interval '90 days' + (k * interval '87 days' / 3000) AS start,"
                    + " (ARRAY[" + array(CATEGORIES) + "])[1 + (k * 7) % " + CATEGORIES.length + "] AS category,"
                    + " CASE WHEN k % 10 < 7 THEN (ARRAY[" + array(PLACES) + "])[1 + (k * 3) % " + PLACES.length + "] ELSE '' END AS place"
                    + " FROM generate_series(0, 2999) k");
            System.out.println("loading posts...");
            int chunk = 100_000;
            for (int from = 1; from <= posts; from += chunk) {
                int to = Math.min(posts, from + chunk - 1);
                st.execute("INSERT INTO post (id, source_id, url, title, content, author, published_at, collected_at, reply_count, view_count,"
                        + " fingerprint, topic_id, sentiment_label, sentiment_score, keywords, places, categories, summary, analyzed_at)"
                        + " SELECT x.g, 1001 + floor(x.r2 * x.r2 * 8)::int, 'https://bench.example/p/' || x.g,"
                        + " t.place || t.category || '问题反映 ' || x.g, t.place || '居民反映' || t.category || '方面的问题，希望尽快处理。编号' || x.g,"
                        + " 'user' || (x.g % 50000), x.at, x.at, floor(x.r3 * 40)::int, floor(x.r3 * x.r2 * 2000)::int, md5(x.g::text), t.k + 1,"
                        + " CASE WHEN x.r1 < 0.38 THEN 'negative' WHEN x.r1 < 0.85 THEN 'neutral' ELSE 'positive' END,"
                        + " CASE WHEN x.r1 < 0.38 THEN -0.6 WHEN x.r1 < 0.85 THEN 0.0 ELSE 0.6 END,"
                        + " '[\"' || t.category || '\",\"问题\",\"处理\"]',"
                        + " CASE WHEN t.place = '' THEN '[]' ELSE '[{\"name\":\"' || t.place || '\",\"unit\":\"' || t.place || '\",\"level\":\"community\"}]' END,"
                        + " '[\"' || t.category || '\"]', '居民反映问题', x.at"
                        + " FROM (SELECT g, floor(random() * 3000)::int AS k, random() AS r1, random() AS r2, random() AS r3,"
                        + "   NULL::timestamptz AS at FROM generate_series(" + from + ", " + to + ") g) y"
                        + " JOIN bench_topic t ON t.k = y.k,"
                        + " LATERAL (SELECT y.g, y.r1, y.r2, y.r3, LEAST(t.start + random() * random() * interval '3 days', now()) AS at) x");
                System.out.printf(Locale.ROOT, "  %,d posts%n", to);
            }
            st.execute("SELECT setval('post_seq', " + (posts + 1000) + ")");
            st.execute("INSERT INTO topic (id, label, label_locked, status, keywords, places, categories, first_seen, last_seen, post_count,"
                    + " negative_count, neutral_count, positive_count, hotness, emerging, emerging_reason, created_at, updated_at)"
                    + " SELECT t.k + 1, t.place || t.category || '问题 #' || t.k, FALSE, 'OPEN', '[\"' || t.category || '\",\"问题\",\"处理\",\"' || t.place || '\"]',"
                    + " CASE WHEN t.place = '' THEN '{}' ELSE '{\"' || t.place || '\":' || COUNT(p.id) || '}' END,"
                    + " '{\"' || t.category || '\":' || COUNT(p.id) || '}', MIN(p.published_at), MAX(p.published_at), COUNT(p.id),"
                    + " SUM(CASE WHEN p.sentiment_label = 'negative' THEN 1 ELSE 0 END), SUM(CASE WHEN p.sentiment_label = 'neutral' THEN 1 ELSE 0 END),"
                    + " SUM(CASE WHEN p.sentiment_label = 'positive' THEN 1 ELSE 0 END), COUNT(p.id), t.k % 97 = 0,"
                    + " CASE WHEN t.k % 97 = 0 THEN '近 6 小时信息量为基线的 5 倍' END, MIN(p.published_at), now()"
                    + " FROM bench_topic t JOIN post p ON p.topic_id = t.k + 1 GROUP BY t.k, t.place, t.category");
            st.execute("SELECT setval(pg_get_serial_sequence('topic', 'id'), 10000)");
            st.execute("INSERT INTO topic_hour (topic_id, hour_start, posts, negative, positive, replies)"
                    + " SELECT topic_id, date_trunc('hour', published_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC', COUNT(*),"
                    + " SUM(CASE WHEN sentiment_label = 'negative' THEN 1 ELSE 0 END), SUM(CASE WHEN sentiment_label = 'positive' THEN 1 ELSE 0 END), 0"
                    + " FROM post GROUP BY 1, 2");
            st.execute("INSERT INTO routing_case (topic_id, unit_id, title, grade, status, requires_approval, created_by, created_at, assigned_at,"
                    + " acknowledged_at, responded_at, acknowledge_due, response_due)"
                    + " SELECT 1 + (g % 3000), u.id, '交办 ' || g, 'GENERAL', CASE WHEN g % 10 < 7 THEN 'RESPONDED' ELSE 'ASSIGNED' END, FALSE, 'bench',"
                    + " a.at, a.at, a.at + interval '2 hours', CASE WHEN g % 10 < 7 THEN a.at + (g % 72) * interval '1 hour' END,"
                    + " a.at + interval '24 hours', a.at + interval '48 hours'"
                    + " FROM generate_series(1, 3000) g"
                    + " CROSS JOIN LATERAL (SELECT now() - (g % 90) * interval '1 day' - (g % 24) * interval '1 hour' AS at) a"
                    + " JOIN (SELECT id, row_number() OVER (ORDER BY id) - 1 AS n, COUNT(*) OVER () AS total FROM org_unit) u ON u.n = g % u.total");
            st.execute("ANALYZE");
        }
    }

    static String array(String[] values) {
        List<String> quoted = new ArrayList<>();
        for (String v : values) {
            quoted.add("'" + v + "'");
        }
        return String.join(",", quoted);
    }
}
