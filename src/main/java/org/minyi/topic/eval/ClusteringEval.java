package org.minyi.topic.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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

/**
 * Clustering evaluation against a RUNNING service, exactly as {@code minyi_eval.py clustering} does it: creates an
 * API source, sends the rows of a {@code cascade_id<TAB>label<TAB>kind<TAB>text} file in file order (20 s apart,
 * batches of 500) through {@code POST /api/posts}, comments with {@code parentUrl} of their source post unless
 * {@code --content-only}, then reads each post's {@code topicId} and prints B-cubed precision, recall and F1 against
 * {@code cascade_id}, the number of topics and posts per second. The table is also written to
 * {@code target/clustering-eval.txt}.
 *
 * <pre>
 *   MINYI_URL=http://localhost:18080 MINYI_PASSWORD=... ./mvnw -q compile exec:java \
 *     -Dexec.mainClass=org.minyi.topic.eval.ClusteringEval -Dexec.args="../shared/data/clustering/ced_cluster_dev_300.tsv --content-only"
 * </pre>
 */
public final class ClusteringEval {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;
    private final String auth;
    private final String user;
    private final String password;
    /** The form-login session: reading 6,000 posts with HTTP Basic would check the bcrypt hash 6,000 times. */
    private String session;

    ClusteringEval(String base, String user, String password) {
        this.base = base.replaceAll("/$", "");
        this.auth = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        this.user = user;
        this.password = password;
    }

    private void login() throws IOException, InterruptedException {
        String form = "j_username=" + java.net.URLEncoder.encode(user, StandardCharsets.UTF_8) + "&j_password="
                + java.net.URLEncoder.encode(password, StandardCharsets.UTF_8);
        // the login form's CSRF token: the cookie minyi-csrf of the login page, sent back with the form
        String csrf = http.send(HttpRequest.newBuilder(URI.create(base + "/login")).GET().build(), HttpResponse.BodyHandlers.discarding())
                .headers().allValues("set-cookie").stream().filter(c -> c.startsWith("minyi-csrf="))
                .map(c -> c.split(";", 2)[0].substring("minyi-csrf=".length())).findFirst().orElse("");
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/j_security_check?csrf-token=" + csrf))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", "minyi-csrf=" + csrf)
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        session = r.headers().allValues("set-cookie").stream().filter(c -> c.startsWith("minyi-session="))
                .map(c -> c.split(";", 2)[0]).findFirst().orElse(null);
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: ClusteringEval FILE.tsv [--content-only]   (env MINYI_URL, MINYI_USER, MINYI_PASSWORD)");
            System.exit(2);
        }
        boolean contentOnly = List.of(args).contains("--content-only");
        ClusteringEval eval = new ClusteringEval(env("MINYI_URL", "http://localhost:8080"), env("MINYI_USER", "admin"),
                env("MINYI_PASSWORD", ""));
        String line = eval.run(Path.of(args[0]), !contentOnly);
        System.out.println(line);
        Path out = Path.of("target", "clustering-eval.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, line + System.lineSeparator(), StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
    }

    String run(Path file, boolean withStructure) throws IOException, InterruptedException {
        List<String[]> rows = new ArrayList<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (String l : lines.subList(1, lines.size())) {
            String[] parts = l.split("\t", 4);
            if (parts.length == 4) {
                rows.add(parts);
            }
        }
        String source = "eval-clustering-java-" + System.currentTimeMillis();
        ObjectNode src = JSON.createObjectNode().put("name", source).put("type", "API").put("baseUrl", "http://example.invalid/");
        HttpResponse<String> created = call("POST", "/api/sources", src.toString());
        if (created.statusCode() != 201 && created.statusCode() != 200) {
            throw new IllegalStateException("POST /api/sources answered " + created.statusCode() + ": " + created.body());
        }
        OffsetDateTime start = OffsetDateTime.of(2026, 11, 1, 8, 0, 0, 0, ZoneOffset.ofHours(8));
        Map<String, Integer> counter = new HashMap<>();
        Map<String, String> sourceUrl = new HashMap<>();
        ArrayNode posts = JSON.createArrayNode();
        for (int i = 0; i < rows.size(); i++) {
            String[] r = rows.get(i);
            int n = counter.merge(r[0], 1, Integer::sum) - 1;
            String url = "http://example.invalid/" + r[0] + "/" + n;
            ObjectNode p = posts.addObject().put("source", source).put("url", url)
                    .put("title", r[3].substring(0, Math.min(40, r[3].length()))).put("content", r[3])
                    .put("publishedAt", start.plusSeconds(20L * i).toString());
            if (r[2].equals("source")) {
                sourceUrl.put(r[0], url);
            } else if (withStructure && sourceUrl.containsKey(r[0])) {
                p.put("parentUrl", sourceUrl.get(r[0]));
            }
        }
        List<Long> ids = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int i = 0; i < posts.size(); i += 500) {
            ArrayNode chunk = JSON.createArrayNode();
            for (int j = i; j < Math.min(posts.size(), i + 500); j++) {
                chunk.add(posts.get(j));
            }
            HttpResponse<String> res = call("POST", "/api/posts", chunk.toString());
            if (res.statusCode() != 201 && res.statusCode() != 200) {
                throw new IllegalStateException("POST /api/posts answered " + res.statusCode() + ": " + res.body());
            }
            for (JsonNode r : JSON.readTree(res.body())) {
                ids.add(r.get("id").asLong());
            }
        }
        double rate = posts.size() / ((System.nanoTime() - t0) / 1e9);
        Thread.sleep(2000);
        login();
        List<String> pred = new ArrayList<>();
        for (Long id : ids) {
            HttpResponse<String> res = call("GET", "/api/posts/" + id, null);
            JsonNode topic = res.statusCode() == 200 ? JSON.readTree(res.body()).get("topicId") : null;
            pred.add(topic == null || topic.isNull() ? "missing-" + id : topic.asText());
        }
        List<String> gold = rows.stream().map(r -> r[0]).toList();
        double[] s = bcubed(gold, pred);
        return String.format(Locale.ROOT, "mode=%s rows=%d bcubed_p=%.3f bcubed_r=%.3f bcubed_f1=%.3f topics=%d ingest_per_s=%.0f",
                withStructure ? "structure" : "content-only", rows.size(), s[0], s[1], s[2], new java.util.HashSet<>(pred).size(), rate);
    }

    /** B-cubed precision, recall and F1 over items (as in minyi_eval.py). */
    public static <G, P> double[] bcubed(List<G> gold, List<P> pred) {
        Map<P, List<Integer>> byP = new HashMap<>();
        Map<G, List<Integer>> byG = new HashMap<>();
        for (int i = 0; i < gold.size(); i++) {
            byP.computeIfAbsent(pred.get(i), k -> new ArrayList<>()).add(i);
            byG.computeIfAbsent(gold.get(i), k -> new ArrayList<>()).add(i);
        }
        double pSum = 0;
        double rSum = 0;
        for (int i = 0; i < gold.size(); i++) {
            int inter = 0;
            for (int x : byP.get(pred.get(i))) {
                if (gold.get(x).equals(gold.get(i))) {
                    inter++;
                }
            }
            pSum += (double) inter / byP.get(pred.get(i)).size();
            rSum += (double) inter / byG.get(gold.get(i)).size();
        }
        double p = pSum / gold.size();
        double r = rSum / gold.size();
        return new double[] {p, r, p + r == 0 ? 0 : 2 * p * r / (p + r)};
    }

    private HttpResponse<String> call(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(300))
                .header("Accept", "application/json");
        if (session != null && body == null) {
            b.header("Cookie", session);
        } else {
            b.header("Authorization", auth);
        }
        if (body != null) {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
