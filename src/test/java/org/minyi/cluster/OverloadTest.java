package org.minyi.cluster;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.minyi.Api.asAdmin;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.minyi.Api;

/**
 * Ingestion beyond capacity: with one batch at a time and one waiting, many concurrent clients get some 503s with
 * Retry-After and problem+json, never a 500, every acknowledged post is stored exactly once, and the metrics count
 * the refusals.
 */
@QuarkusTest
@TestProfile(OverloadTest.TinyLimits.class)
class OverloadTest {

    public static class TinyLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("minyi.posts.max-concurrent-batches", "1", "minyi.posts.max-queued-batches", "1",
                    "minyi.posts.max-queue-wait", "PT0.05S");
        }
    }

    record Outcome(int status, String retryAfter, String contentType, List<String> urls) {
    }

    @Test
    void ingestionBeyondCapacityIsRefusedWith503AndRetryAfter() throws Exception {
        String source = Api.newSource();
        int clients = 10;
        int batches = 1;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<Outcome>> futures = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            for (int b = 0; b < batches; b++) {
                int client = c;
                int batch = b;
                futures.add(pool.submit(() -> {
                    List<Map<String, Object>> posts = new ArrayList<>();
                    List<String> urls = new ArrayList<>();
                    for (int i = 0; i < 20; i++) {
                        String url = "https://example.org/overload/" + client + "/" + batch + "/" + i;
                        urls.add(url);
                        posts.add(Map.of("source", source, "url", url, "title", "过载测试 " + client,
                                "content", "第" + client + "个客户端第" + batch + "批第" + i + "条：小区门口的路灯坏了好几天，晚上回家很不安全，希望有关部门尽快维修。"));
                    }
                    Response r = asAdmin().contentType("application/json").body(posts).post("/api/posts");
                    return new Outcome(r.statusCode(), r.header("Retry-After"), r.contentType(), urls);
                }));
            }
        }
        Set<String> acknowledged = new HashSet<>();
        int refused = 0;
        for (Future<Outcome> f : futures) {
            Outcome o = f.get();
            assertThat(o.status()).as("no request may fail with a server error").isIn(201, 503);
            if (o.status() == 503) {
                refused++;
                assertThat(o.retryAfter()).as("Retry-After on 503").isNotNull();
                assertThat(Integer.parseInt(o.retryAfter())).isGreaterThanOrEqualTo(1);
                assertThat(o.contentType()).startsWith("application/problem+json");
            } else {
                acknowledged.addAll(o.urls());
            }
        }
        pool.shutdown();
        System.out.printf("overload: %d requests, %d acknowledged, %d refused with 503%n", futures.size(),
                futures.size() - refused, refused);
        assertThat(refused).as("some requests are refused at capacity").isGreaterThan(0);
        assertThat(acknowledged).as("some requests are admitted").isNotEmpty();

        List<String> stored = asAdmin().get("/api/posts?source=" + source + "&size=200").then().statusCode(200)
                .extract().jsonPath().getList("items.url", String.class);
        assertThat(stored).as("every acknowledged post stored, once").containsAll(acknowledged).doesNotHaveDuplicates();
        assertThat(stored).hasSize(acknowledged.size());

        String metrics = given().auth().preemptive().basic("admin", org.minyi.Api.ADMIN_PASSWORD).get("/q/metrics").then().statusCode(200).extract().asString();
        double rejected = metrics.lines().filter(l -> l.startsWith("minyi_admission_rejected_total{endpoint=\"posts\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
        assertThat(rejected).isGreaterThanOrEqualTo(refused);
        assertThat(metrics).contains("minyi_admission_in_flight{endpoint=\"posts\"").contains("minyi_admission_queued{endpoint=\"posts\"");
    }

    @Test
    void analyzeIsBoundedToo() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(10);
        List<Future<Response>> futures = new ArrayList<>();
        List<Map<String, Object>> texts = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            texts.add(Map.of("id", i, "text", "第" + i + "条：区政府门口道路施工，噪音扰民，附近居民意见很大，希望尽快解决。"));
        }
        for (int c = 0; c < 20; c++) {
            futures.add(pool.submit(() -> asAdmin().contentType("application/json").body(texts).post("/api/nlp/analyze")));
        }
        int refused = 0;
        for (Future<Response> f : futures) {
            Response r = f.get();
            assertThat(r.statusCode()).isIn(200, 503);
            if (r.statusCode() == 503) {
                refused++;
                assertThat(r.header("Retry-After")).isNotNull();
            }
        }
        pool.shutdown();
        assertThat(refused).isGreaterThan(0);
    }
}
