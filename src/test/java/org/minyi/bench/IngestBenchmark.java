package org.minyi.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.minyi.ServiceProcess;

/**
 * End-to-end ingestion throughput: the packaged service receives realistic Chinese posts over HTTP in batches from a few
 * concurrent clients and validates, analyses, stores, clusters and routes them (and runs every observer of
 * {@code PostsStored}) before answering. The posts are real Weibo texts of the shared data (when present) each with a
 * generated local-issue sentence, a third of them replies to an earlier post, spread over the last two days.
 *
 * <p>Run on H2 (the default build) or PostgreSQL (the {@code -Ppg} build, a fresh database {@code minyi_bench_ingest}
 * on 127.0.0.1:5432):
 * <pre>
 * ./mvnw -q package -DskipTests
 * ./mvnw -q exec:java -Dexec.classpathScope=test -Dexec.mainClass=org.minyi.bench.IngestBenchmark -Dexec.args="--db h2"
 * ./mvnw -q -Ppg package -DskipTests
 * ./mvnw -q -Ppg exec:java -Dexec.classpathScope=test -Dexec.mainClass=org.minyi.bench.IngestBenchmark -Dexec.args="--db pg"
 * </pre>
 * Options: {@code --posts 40000 --warmup 5000 --batch 500 --clients 3}. Writes {@code target/benchmarks/ingest-<db>.json}.
 */
public final class IngestBenchmark {

    static final String[] PLACES = {"湖滨社区", "澄心社区", "柳岸社区", "书香苑社区", "观澜社区", "潮音社区", "渔火社区", "海韵社区",
        "帆影社区", "云锦社区", "启航社区", "星河湾社区", "鹭鸣社区", "芦汀社区", "翠堤社区", "鹭岛社区", "青屿村", "石塘村", "渔光村",
        "茶岙村", "盐田村", "潮头村", "沙洲村", "东埠村"};
    static final String[] ISSUES = {"夜间施工噪音扰民", "垃圾清运不及时", "河道发黑发臭", "拆迁补偿标准不公", "工厂偷排废水",
        "小区电梯频繁故障", "学校门口交通拥堵", "外卖店卫生堪忧", "燃气管道老化漏气", "物业乱收费", "停车位严重不足", "路灯长期不亮",
        "农民工工资被拖欠", "广场舞噪音太大", "违章搭建无人管", "公交线路调整不便", "菜市场缺斤短两", "自来水发黄有异味",
        "餐馆油烟扰民", "共享单车乱停乱放", "楼道堆放杂物有火灾隐患", "医院排队挂号太难", "幼儿园学位紧张", "化工厂气味刺鼻",
        "暴雨后道路积水严重", "小区绿化被毁", "电动车进楼充电", "流浪狗伤人", "快递柜收费不合理", "老旧小区加装电梯难"};
    static final String[] DETAILS = {"已经一个多月了", "多次打12345没有回音", "老人孩子都受不了", "希望有关部门尽快处理", "居民意见很大",
        "晚上根本睡不着", "物业说不归他们管", "街道说会研究", "邻居们都在群里抱怨", "拍了照片留证据", "媒体也来采访过", "有人已经生病了",
        "去年也出现过同样问题", "整改了几天又恢复原样", "业主准备联名投诉", "希望给个说法", "再不解决就去信访", "感谢网格员帮忙反映"};

    public static void main(String[] args) throws Exception {
        String db = Bench.arg(args, "db", "h2");
        int total = Bench.intArg(args, "posts", 40_000);
        int warmup = Bench.intArg(args, "warmup", 5_000);
        int batch = Bench.intArg(args, "batch", 500);
        int clients = Bench.intArg(args, "clients", 3);
        List<String> bodies = bodies(warmup + total, batch);
        Map<String, String> env = new HashMap<>(Map.of("MINYI_DEMO_ENABLED", "false"));
        if (db.equals("pg")) {
            Bench.freshDatabase("minyi_bench_ingest");
            env.put("MINYI_DB_URL", Bench.PG + "minyi_bench_ingest");
            env.put("MINYI_DB_USER", Bench.PG_USER);
        }
        Path work = Files.createTempDirectory("minyi-ingest-bench");
        String password = "bench-pw";
        double rate;
        double p95;
        double heap;
        double cpuPerPost;
        try (ServiceProcess service = new ServiceProcess(work, env, password).start()) {
            int status = service.call("POST", "/api/sources", "{\"name\":\"bench-ingest\",\"type\":\"API\",\"baseUrl\":\"https://example.org/\"}").statusCode();
            if (status != 201) {
                throw new IllegalStateException("POST /api/sources answered " + status);
            }
            String auth = "Basic " + Base64.getEncoder().encodeToString(("admin:" + password).getBytes());
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            int warmBatches = (warmup + batch - 1) / batch;
            send(http, service.baseUrl(), auth, bodies.subList(0, warmBatches), clients, new ArrayList<>());
            System.out.printf(Locale.ROOT, "warm-up: %d posts stored%n", warmBatches * batch);
            List<Double> latencies = new ArrayList<>();
            Duration cpu0 = ProcessHandle.of(service.pid()).flatMap(h -> h.info().totalCpuDuration()).orElse(Duration.ZERO);
            long t0 = System.nanoTime();
            send(http, service.baseUrl(), auth, bodies.subList(warmBatches, bodies.size()), clients, latencies);
            double seconds = (System.nanoTime() - t0) / 1e9;
            Duration cpu1 = ProcessHandle.of(service.pid()).flatMap(h -> h.info().totalCpuDuration()).orElse(Duration.ZERO);
            cpuPerPost = (cpu1.toNanos() - cpu0.toNanos()) / 1e6 / total;
            int measured = total;
            rate = measured / seconds;
            double[] l = latencies.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            p95 = l[(int) Math.min(l.length - 1, Math.ceil(l.length * 0.95) - 1)];
            heap = Bench.heapUsed(service.baseUrl(), password);
            System.out.printf(Locale.ROOT, "%n| database | posts | clients x batch | seconds | posts/s | batch p95 ms | service CPU ms/post | heap MiB |%n"
                    + "|---|---|---|---|---|---|---|---|%n| %s | %d | %d x %d | %.1f | %.0f | %.0f | %.2f | %.0f |%n", db, measured, clients,
                    batch, seconds, rate, p95, cpuPerPost, heap / 1048576);
        }
        BenchmarkResult result = new BenchmarkResult("ingest-" + db);
        if (db.equals("pg")) {
            result.command("./mvnw -q -Ppg package -DskipTests");
        } else {
            result.command("./mvnw -q package -DskipTests");
        }
        result.command("./mvnw -q" + (db.equals("pg") ? " -Ppg" : "") + " test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass="
                + IngestBenchmark.class.getName() + Bench.appDirOption() + " -Dexec.args=\"" + String.join(" ", args) + "\"");
        if (db.equals("pg")) {
            result.atLeast("ingestion, end to end", rate, "posts/s", 1000);
        } else {
            result.figure("ingestion, end to end", rate, "posts/s");
        }
        result.note(clients + " clients x batches of " + batch + ", " + total + " posts after " + warmup + " warm-up");
        result.figure("batch latency p95", p95, "ms");
        result.figure("service CPU per post", cpuPerPost, "ms");
        result.note("CPU time of the service process (not the database) per stored post: the machine-independent cost; "
                + "2 cores give at most " + Math.round(2000 / cpuPerPost) + " posts/s for the service alone");
        result.figure("heap used after the run", heap / 1048576, "MiB");
        result.write();
        Bench.deleteTree(work);
    }

    static void send(HttpClient http, String base, String auth, List<String> bodies, int clients, List<Double> latencies)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        AtomicInteger next = new AtomicInteger();
        List<Future<?>> futures = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            futures.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < bodies.size(); i = next.getAndIncrement()) {
                    long s = System.nanoTime();
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/posts"))
                            .timeout(Duration.ofSeconds(300)).header("Authorization", auth)
                            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(bodies.get(i))).build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() != 201) {
                        throw new IllegalStateException("POST /api/posts answered " + r.statusCode() + ": " + r.body());
                    }
                    synchronized (latencies) {
                        latencies.add((System.nanoTime() - s) / 1e6);
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
    }

    /** Request bodies of {@code batch} posts each: real texts plus a generated local-issue sentence, a third replies. */
    static List<String> bodies(int posts, int batch) throws Exception {
        List<String> real = Bench.realTexts();
        Random random = new Random(20261128L);
        OffsetDateTime start = OffsetDateTime.now(ZoneOffset.ofHours(8)).minusDays(2);
        long step = Math.max(1, 2L * 24 * 3600 / posts);
        List<String> out = new ArrayList<>();
        StringBuilder body = new StringBuilder();
        List<int[]> active = new ArrayList<>();
        int threadStart = 0;
        for (int i = 0; i < posts; i++) {
            if (active.isEmpty() || random.nextInt(25) == 0) {
                active.add(new int[] {random.nextInt(PLACES.length), random.nextInt(ISSUES.length)});
                if (active.size() > 30) {
                    active.remove(0);
                }
            }
            int[] story = active.get(active.size() - 1 - Math.min(active.size() - 1, (int) Math.abs(random.nextGaussian() * 6)));
            String issue = PLACES[story[0]] + ISSUES[story[1]] + "，" + DETAILS[random.nextInt(DETAILS.length)] + "。";
            String text = real.isEmpty() ? issue + DETAILS[random.nextInt(DETAILS.length)] : issue + real.get(random.nextInt(real.size()));
            boolean reply = i > threadStart && random.nextInt(3) == 0;
            if (!reply) {
                threadStart = i;
            }
            body.append(body.length() == 0 ? "[" : ",").append("{\"source\":\"bench-ingest\",\"url\":\"https://example.org/p/").append(i).append('"');
            if (reply) {
                body.append(",\"parentUrl\":\"https://example.org/p/").append(threadStart).append('"');
            } else {
                body.append(",\"title\":").append(Bench.json(PLACES[story[0]] + ISSUES[story[1]]));
            }
            body.append(",\"content\":").append(Bench.json(text)).append(",\"author\":\"网友").append(random.nextInt(5000))
                    .append("\",\"publishedAt\":\"").append(start.plusSeconds(step * i)).append("\"}");
            if ((i + 1) % batch == 0 || i == posts - 1) {
                out.add(body.append("]").toString());
                body.setLength(0);
            }
        }
        return out;
    }
}
