package org.minyi.crawl;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.minyi.ServiceProcess;
import org.minyi.bench.BenchmarkResult;
import org.minyi.crawl.extract.ArticleExtractor;
import org.minyi.crawl.extract.ExtractionBenchmark;

/**
 * Crawl benchmark: the packaged service crawls a generated GBK Discuz forum on 127.0.0.1 with politeness off, through
 * the whole pipeline (fetch, decode, parse, analyse, store), and the figures of one full and one incremental crawl are
 * printed with the page-extraction figures. Run:
 * <pre>
 * ./mvnw -q package -DskipTests
 * ./mvnw -q exec:java -Dexec.classpathScope=test -Dexec.mainClass=org.minyi.crawl.CrawlBenchmark -Dexec.args="--threads 400"
 * </pre>
 */
public final class CrawlBenchmark {

    private static final Pattern NUMBER = Pattern.compile("\"%s\":(\\d+)");

    public static void main(String[] args) throws Exception {
        BenchmarkResult result = new BenchmarkResult("crawl")
                .command("./mvnw -q package -DskipTests")
                .command("./mvnw -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=" + CrawlBenchmark.class.getName()
                        + org.minyi.bench.Bench.appDirOption() + " -Dexec.args=\"" + String.join(" ", args) + "\"");
        int threads = 400;
        String labelled = "../shared/data/extraction/labelled";
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals("--threads")) {
                threads = Integer.parseInt(args[i + 1]);
            } else if (args[i].equals("--labelled")) {
                labelled = args[i + 1];
            }
        }
        int perList = 25;
        int postsPerPage = 10;
        int pagesPerThread = 2;
        Charset gbk = Charset.forName("GBK");
        try (FixtureSite site = new FixtureSite()) {
            site.put("/robots.txt", "text/plain", StandardCharsets.UTF_8, "User-agent: *\nAllow: /\n");
            int lists = (threads + perList - 1) / perList;
            for (int l = 1; l <= lists; l++) {
                List<String[]> rows = new ArrayList<>();
                for (int t = (l - 1) * perList; t < Math.min(threads, l * perList); t++) {
                    rows.add(new String[] {String.valueOf(1000 + t), "第" + t + "号帖：小区门口道路积水严重，出行很不方便",
                            "居民" + t, String.valueOf(postsPerPage * pagesPerThread - 1), String.valueOf(100 + t)});
                }
                site.put("/bbs/forum-2-" + l + ".html", "text/html; charset=GBK", gbk,
                        DiscuzPages.list("民生热线", rows, l < lists ? "forum-2-" + (l + 1) + ".html" : null));
            }
            for (int t = 0; t < threads; t++) {
                int tid = 1000 + t;
                for (int p = 1; p <= pagesPerThread; p++) {
                    List<String[]> posts = new ArrayList<>();
                    for (int k = 0; k < postsPerPage; k++) {
                        int pid = tid * 100 + (p - 1) * postsPerPage + k;
                        posts.add(new String[] {String.valueOf(pid), "网友" + (pid % 97), "2026-11-2" + (k % 8) + " 1" + (k % 10) + ":0" + (k % 6),
                                "第" + pid + "楼：这条路一下雨就积水，电动车都过不去，希望区住建局和街道尽快派人来看看，已经反映好几次了，"
                                        + "物业说不归他们管，社区说要上报，到底谁来管？"});
                    }
                    site.put("/bbs/thread-" + tid + "-" + p + "-1.html", "text/html; charset=GBK", gbk,
                            DiscuzPages.thread("第" + t + "号帖：小区门口道路积水严重", posts,
                                    p < pagesPerThread ? "thread-" + tid + "-" + (p + 1) + "-1.html" : null));
                }
            }
            Path work = Files.createTempDirectory("minyi-crawl-bench");
            Map<String, String> env = Map.of("MINYI_CRAWL_POLITENESS", "false", "MINYI_CRAWL_ALLOW_LOOPBACK", "true",
                    "MINYI_CRAWL_SCHEDULER_ENABLED", "false", "MINYI_DEMO_ENABLED", "false");
            try (ServiceProcess service = new ServiceProcess(work, env, "bench-pw").start()) {
                String body = "{\"name\":\"bench-forum\",\"type\":\"FORUM\",\"baseUrl\":\"" + site.base() + "/bbs/\","
                        + "\"startUrls\":[\"" + site.base() + "/bbs/forum-2-1.html\"],\"maxDepth\":10,\"maxPages\":100000}";
                String created = service.call("POST", "/api/sources", body).body();
                long sourceId = number(created, "id");
                System.out.printf("fixture: %d list pages, %d threads x %d pages, %d posts%n", lists, threads, pagesPerThread,
                        threads * pagesPerThread * postsPerPage);
                System.out.println("| crawl | pages | new posts | seconds | pages/s | posts stored/s |");
                System.out.println("|---|---|---|---|---|---|");
                double[] full = crawl(service, sourceId, "full");
                result.figure("full crawl", full[0], "pages/s").note((long) full[1] + " pages, " + (long) full[2]
                        + " new posts; politeness off, one fixture host on 127.0.0.1");
                result.figure("full crawl, posts stored", full[2] / full[3], "posts/s");
                double[] again = crawl(service, sourceId, "incremental (nothing new)");
                result.figure("incremental crawl (nothing new)", again[0], "pages/s");
            }
        }
        Path dir = Path.of(labelled);
        if (Files.isDirectory(dir)) {
            ExtractionBenchmark.Summary s = ExtractionBenchmark.run(dir, new ArticleExtractor());
            System.out.printf("%nextraction over %s: pages=%d content_f1=%.3f time=%.3f author=%.3f%n", dir,
                    s.pages().size(), s.contentF1(), s.timeAccuracy(), s.authorAccuracy());
            result.figure("extraction content F1 (labelled pages)", s.contentF1(), "F1");
        } else {
            System.out.println("\nextraction: " + dir + " is absent, skipped");
        }
        result.write();
    }

    /** Runs one crawl; returns pages/s, pages, new posts, seconds. */
    private static double[] crawl(ServiceProcess service, long sourceId, String label) throws Exception {
        String started = service.call("POST", "/api/sources/" + sourceId + "/crawl", null).body();
        long run = number(started, "id");
        String record;
        long t0 = System.nanoTime();
        while (true) {
            record = service.call("GET", "/api/crawl-runs/" + run, null).body();
            if (!record.contains("\"status\":\"RUNNING\"")) {
                break;
            }
            Thread.sleep(1000);
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        Instant a = Instant.parse(text(record, "startedAt"));
        Instant b = Instant.parse(text(record, "finishedAt"));
        double secs = Math.max(0.001, Duration.between(a, b).toMillis() / 1000.0);
        long pages = number(record, "pagesFetched") + number(record, "pagesNotModified");
        long posts = number(record, "newPosts");
        System.out.printf("| %s | %d | %d | %.1f | %.1f | %.1f |%n", label, pages, posts, secs, pages / secs, posts / secs);
        if (!record.contains("\"status\":\"SUCCEEDED\"")) {
            System.out.println("run ended " + text(record, "status") + " (wall " + wall + " s): " + record);
        }
        return new double[] {pages / secs, pages, posts, secs};
    }

    private static long number(String json, String field) {
        Matcher m = Pattern.compile(String.format(NUMBER.pattern(), field)).matcher(json);
        if (!m.find()) {
            throw new IllegalStateException(field + " not in " + json);
        }
        return Long.parseLong(m.group(1));
    }

    private static String text(String json, String field) {
        Matcher m = Pattern.compile("\"" + field + "\":\"([^\"]*)\"").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException(field + " not in " + json);
        }
        return m.group(1);
    }
}
