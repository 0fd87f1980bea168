package org.minyi.security;

import static org.minyi.Api.asAdmin;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.minyi.Api;

/**
 * Fuzz over HTTP: every target below gets random bodies of the wrong shape and type, broken JSON, binary bodies,
 * wrong content types, hostile Unicode and bodies over the size limit; query parameters get garbage. Each answer must
 * come within a time bound and be either a {@code 2xx} (best effort) or a {@code 4xx} problem+json; never a 5xx.
 * <p>Adding an endpoint is one line in {@link #TARGETS} (body targets) or {@link #QUERIES} (query targets).
 */
@QuarkusTest
class HttpFuzzTest {

    static final long SEED = 4242L;
    static final int CASES_PER_TARGET = 30;

    /** A body target: method, path, the body's media type and the fields the endpoint reads. */
    record Target(String method, String path, String type, List<String> fields) {
    }

    static Target json(String method, String path, String... fields) {
        return new Target(method, path, "application/json", List.of(fields));
    }

    static final List<Target> TARGETS = List.of(
            json("POST", "/api/posts", "source", "url", "title", "content", "author", "publishedAt", "replyCount", "viewCount", "parentUrl"),
            json("POST", "/api/nlp/analyze", "id", "text"),
            new Target("POST", "/api/extract?url=http%3A%2F%2F127.0.0.1%2Ffuzz.html", "text/html", List.of()),
            json("POST", "/api/routing/explain", "postId", "title", "content", "source"),
            json("POST", "/api/cases", "postId", "topicId", "unitId", "grade", "note", "requiresApproval", "acknowledgeBy"),
            json("POST", "/api/sources", "name", "type", "baseUrl", "enabled", "startUrls", "selectors", "maxDepth"),
            json("POST", "/api/units", "name", "kind", "parentId", "aliases", "head", "spokespersons"),
            json("POST", "/api/users", "username", "displayName", "password", "roles", "enabled"),
            json("PUT", "/api/posts/999999999/sentiment", "label", "note"),
            json("PUT", "/api/posts/999999999/categories", "categories", "note"),
            json("POST", "/api/topics/999999999/rename", "label"),
            new Target("POST", "/api/nlp/evaluate", "text/plain", List.of()),
            // alerts, reports (issue 9 extension); {alert} is a real alert raised for the test
            json("POST", "/api/alert-rules", "name", "enabled", "level", "match", "conditions", "recipients", "cooldown", "riseEvery", "version"),
            json("PUT", "/api/alert-rules/999999999", "name", "enabled", "level", "match", "conditions", "recipients", "cooldown", "version"),
            json("POST", "/api/alert-rules/test", "rule", "lookback"),
            json("POST", "/api/alert-channels", "name", "kind", "url", "secret", "addresses", "enabled", "version"),
            json("POST", "/api/alerts/{alert}/acknowledge", "version", "note", "takeOver"),
            json("POST", "/api/alerts/{alert}/comment", "note"),
            json("POST", "/api/alerts/{alert}/link-case", "version", "note", "caseId", "open", "unitId", "grade"),
            json("POST", "/api/alerts/{alert}/close", "version", "note"),
            json("POST", "/api/reports", "kind", "date", "from", "to", "zone", "topicId"));

    /** A query target: a path and the parameters it reads. */
    record Query(String path, List<String> params) {
    }

    static final List<Query> QUERIES = List.of(
            new Query("/api/posts", List.of("source", "from", "to", "sentiment", "category", "place", "q", "after", "page", "size")),
            new Query("/api/topics", List.of("sort", "sentiment", "category", "place", "emerging", "page", "size")),
            new Query("/api/cases", List.of("status", "unitId", "overdue", "open", "page", "size")),
            new Query("/api/crawl-runs", List.of("source", "page", "size")),
            new Query("/api/audit", List.of("actor", "action", "targetType", "targetId", "from", "to", "page", "size")),
            new Query("/api/routing/stats", List.of("from", "to", "days")),
            new Query("/api/topics/999999999/timeline", List.of("from", "to")),
            new Query("/api/alerts", List.of("status", "level", "ruleId", "topicId", "page", "size")),
            new Query("/api/reports", List.of("kind", "page", "size")),
            new Query("/api/dashboard/summary", List.of("from", "to", "zone", "category", "place", "unit")),
            new Query("/api/dashboard/volume", List.of("from", "to", "zone", "category", "place", "unit")),
            new Query("/api/dashboard/topics", List.of("from", "to", "zone", "category", "place", "unit")),
            new Query("/api/dashboard/keywords", List.of("from", "to", "zone", "category", "place", "unit")),
            new Query("/api/dashboard/breakdown", List.of("from", "to", "zone", "category", "place", "unit")),
            new Query("/api/dashboard/jurisdiction", List.of("from", "to", "zone", "category", "place", "unit")),
            new Query("/api/dashboard/units", List.of("from", "to", "zone", "category", "place", "unit")),
            new Query("/api/exports/posts.csv", List.of("from", "to", "zone", "category", "place", "unit", "sentiment", "source", "token")),
            new Query("/api/exports/posts.xlsx", List.of("from", "to", "zone", "category", "place", "unit", "sentiment", "source", "token")));

    @TestHTTPResource("/")
    URL root;

    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    final String auth = "Basic " + Base64.getEncoder().encodeToString(("admin:" + Api.ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));

    record Answer(int status, String type, String body) {
    }

    Answer send(String method, String path, String type, byte[] body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(root.toString().replaceAll("/$", "") + path))
                .expectContinue(body != null && body.length > 1_000_000)
                .timeout(Duration.ofSeconds(30)).header("Authorization", auth).header("Accept", "application/json, */*;q=0.1");
        if (type != null) {
            b.header("Content-Type", type);
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        try {
            HttpRequest request = b.build();
            HttpResponse<String> r;
            try {
                r = http.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (HttpTimeoutException e) {
                throw e;
            } catch (java.io.IOException e) {
                r = http.send(request, HttpResponse.BodyHandlers.ofString()); // a pooled connection closed by the server
            }
            return new Answer(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
        } catch (HttpTimeoutException e) {
            return new Answer(-1, "", "no answer within 30 s");
        }
    }

    /** Collects every answer that is not a 2xx or a 4xx problem+json. */
    final class Judge {
        final List<String> failures = new ArrayList<>();
        final Map<Integer, Integer> statuses = new LinkedHashMap<>();
        int requests;

        void check(String what, Answer a) {
            requests++;
            statuses.merge(a.status(), 1, Integer::sum);
            boolean ok = (a.status() >= 200 && a.status() < 300)
                    || (a.status() >= 400 && a.status() < 500 && a.type().startsWith("application/problem+json"));
            if (!ok && failures.size() < 40) {
                String body = a.body() == null ? "" : a.body();
                failures.add(what + " -> " + a.status() + " " + a.type() + " " + body.substring(0, Math.min(200, body.length())));
            }
        }
    }

    @Test
    void malformedBodiesGetA4xxProblemOrABestEffortAnswerNeverA500() throws Exception {
        Garbage g = new Garbage(SEED);
        Judge judge = new Judge();
        long start = System.nanoTime();
        List<Integer> rulesBefore = asAdmin().get("/api/alert-rules").then().statusCode(200).extract().jsonPath().getList("id");
        List<Integer> channelsBefore = asAdmin().get("/api/alert-channels").then().statusCode(200).extract().jsonPath().getList("id");
        String alert = String.valueOf(raiseAnAlert());
        for (Target t0 : TARGETS) {
            Target t = new Target(t0.method(), t0.path().replace("{alert}", alert), t0.type(), t0.fields());
            for (int i = 0; i < CASES_PER_TARGET; i++) {
                String what = t.method() + " " + t.path() + " seed " + SEED + " case " + i;
                String valid = t.fields().isEmpty() ? "{}" : g.jsonObject(t.fields());
                byte[] body;
                String type = t.type();
                switch (i % 10) {
                    case 0, 1, 2 -> body = Garbage.utf8(t.path().contains("analyze") ? "[" + valid + "]" : valid);
                    case 3 -> body = Garbage.utf8(g.brokenJson(valid));
                    case 4 -> body = g.bytes(5000);
                    case 5 -> body = Garbage.utf8(g.jsonValue(3)); // a value of any type where an object is expected
                    case 6 -> {
                        type = List.of("text/plain", "application/xml", "multipart/form-data; boundary=x",
                                "application/x-www-form-urlencoded", "application/json; charset=ebcdic", "*/*", "garbage").get(g.random().nextInt(7));
                        body = Garbage.utf8(valid);
                    }
                    case 7 -> {
                        type = null;
                        body = Garbage.utf8(valid);
                    }
                    case 8 -> body = Garbage.utf8(t.type().equals("application/json") ? g.brokenJson(valid) : g.tagSoup(300));
                    default -> body = Garbage.utf8(t.type().equals("application/json")
                            ? "[" + String.join(",", java.util.Collections.nCopies(Math.max(1, 2_000_000 / (valid.length() + 1)), valid)) + "]"
                            : g.unicode(50_000)); // up to ~2 MB of array
                }
                judge.check(what, send(t.method(), t.path(), type, body));
            }
            judge.check(t.method() + " " + t.path() + " empty body", send(t.method(), t.path(), t.type(), new byte[0]));
            judge.check(t.method() + " " + t.path() + " no body", send(t.method(), t.path(), t.type(), null));
        }
        // rules and channels the fuzz managed to create must not raise or send alerts for the other tests
        for (Integer id : asAdmin().get("/api/alert-rules").then().extract().jsonPath().<Integer>getList("id")) {
            if (!rulesBefore.contains(id)) {
                asAdmin().delete("/api/alert-rules/" + id);
            }
        }
        for (Integer id : asAdmin().get("/api/alert-channels").then().extract().jsonPath().<Integer>getList("id")) {
            if (!channelsBefore.contains(id)) {
                asAdmin().delete("/api/alert-channels/" + id);
            }
        }
        System.out.println("HTTP fuzz (bodies): " + judge.requests + " requests in " + (System.nanoTime() - start) / 1_000_000
                + " ms, statuses " + judge.statuses);
        assertThat(judge.failures).as("answers that are neither 2xx nor 4xx problem+json").isEmpty();
    }

    /** A phrase rule and a post that matches it: the id of the alert raised. */
    static long raiseAnAlert() {
        String source = Api.newSource();
        String phrase = Api.unique("模糊测试预警");
        int rule = asAdmin().body(Map.of("name", Api.unique("模糊测试规则"), "level", "BLUE", "conditions", List.of(
                Map.of("type", "PHRASE", "phrases", List.of(phrase)), Map.of("type", "SOURCE", "sources", List.of(source)))))
                .post("/api/alert-rules").then().statusCode(201).extract().path("id");
        asAdmin().body(Map.of("source", source, "url", "https://example.org/" + Api.unique("fz"), "title", phrase,
                "content", "河道出现" + phrase + "，请尽快处置。")).post("/api/posts").then().statusCode(201);
        long id = asAdmin().queryParam("ruleId", rule).get("/api/alerts").then().statusCode(200).extract().jsonPath().getLong("items[0].id");
        asAdmin().body(Map.of("enabled", false, "name", Api.unique("模糊测试规则"), "level", "BLUE", "conditions", List.of(
                Map.of("type", "PHRASE", "phrases", List.of(phrase))))).put("/api/alert-rules/" + rule).then().statusCode(200);
        return id;
    }

    @Test
    void bodiesOverTheLimitAreRefusedWith413() throws Exception {
        Judge judge = new Judge();
        byte[] huge = new byte[21 * 1024 * 1024];
        java.util.Arrays.fill(huge, (byte) 'a');
        for (Target t : List.of(TARGETS.get(0), TARGETS.get(2))) {
            // refused by Quarkus' body limit before any of minyi's code runs: a bare 413 (no problem+json body)
            Answer a = send(t.method(), t.path(), t.type(), huge);
            assertThat(a.status()).as(t.path()).isEqualTo(413);
        }
        // just under the limit: a huge text refused by validation, not by a crash
        String big = "{\"source\":\"x\",\"url\":\"https://example.org/big\",\"content\":\"" + "很".repeat(3_000_000) + "\"}";
        judge.check("/api/posts 9 MB content", send("POST", "/api/posts", "application/json", Garbage.utf8(big)));
        assertThat(judge.failures).isEmpty();
    }

    @Test
    void garbageQueryParametersGetA4xxProblemOrAnAnswer() throws Exception {
        Garbage g = new Garbage(SEED + 1);
        Judge judge = new Judge();
        String[] values = {"-1", "0", "999999999999999999999", "abc", "", "%00", "1e9", "2026-13-45", "true", "null", "[]",
                "' OR 1=1 --", "<script>", "\u202e", "%ff%fe", "2026-01-01T00:00:00Z", "NaN"};
        for (Query q : QUERIES) {
            for (int i = 0; i < 25; i++) {
                StringBuilder path = new StringBuilder(q.path()).append('?');
                for (String p : q.params()) {
                    if (g.random().nextBoolean()) {
                        boolean raw = g.random().nextInt(3) > 0;
                        String v = raw ? values[g.random().nextInt(values.length)] : g.unicode(40);
                        // the fixed values starting with % go as they are (broken escapes), everything else encoded
                        path.append(p).append('=').append(raw && v.startsWith("%") ? v : URLEncoder.encode(v, StandardCharsets.UTF_8)).append('&');
                    }
                }
                judge.check("GET " + path, send("GET", path.toString(), null, null));
            }
        }
        System.out.println("HTTP fuzz (queries): " + judge.requests + " requests, statuses " + judge.statuses);
        assertThat(judge.failures).as("answers that are neither 2xx nor 4xx problem+json").isEmpty();
    }
}
