package org.minyi.alert;

import static org.minyi.Api.asAdmin;
import static org.minyi.Api.unique;

import io.restassured.path.json.JsonPath;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Hand-made streams for alert tests: rules, posts at chosen times, and reading alerts back. */
final class AlertFixtures {

    private AlertFixtures() {
    }

    /** A rule body. */
    static Map<String, Object> rule(String level, List<Map<String, Object>> conditions) {
        Map<String, Object> r = new HashMap<>();
        r.put("name", unique("预警规则"));
        r.put("level", level);
        r.put("conditions", conditions);
        return r;
    }

    static Map<String, Object> cond(Object... kv) {
        Map<String, Object> c = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            c.put((String) kv[i], kv[i + 1]);
        }
        return c;
    }

    static long createRule(Map<String, Object> body) {
        return asAdmin().body(body).post("/api/alert-rules").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    /** Stores one post; returns its id and topic. */
    static JsonPath post(String source, String title, String content, Instant publishedAt) {
        return post(source, title, content, publishedAt, null);
    }

    static JsonPath post(String source, String title, String content, Instant publishedAt, String author) {
        Map<String, Object> p = new HashMap<>();
        p.put("source", source);
        p.put("url", "https://example.org/" + unique("p"));
        p.put("title", title);
        p.put("content", content);
        p.put("publishedAt", publishedAt.atOffset(ZoneOffset.ofHours(8)).toString());
        if (author != null) {
            p.put("author", author);
        }
        return asAdmin().body(p).post("/api/posts").then().statusCode(201).extract().jsonPath();
    }

    /** Alerts of one rule, newest first. */
    static List<Map<String, Object>> alertsOf(long ruleId) {
        return new ArrayList<>(asAdmin().queryParam("ruleId", ruleId).queryParam("size", 200).get("/api/alerts")
                .then().statusCode(200).extract().jsonPath().getList("items"));
    }

    static JsonPath detail(long alertId) {
        return asAdmin().get("/api/alerts/" + alertId).then().statusCode(200).extract().jsonPath();
    }

    static void disable(long ruleId) {
        asAdmin().delete("/api/alert-rules/" + ruleId).then().statusCode(204);
    }
}
