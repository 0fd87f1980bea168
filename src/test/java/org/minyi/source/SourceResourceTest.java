package org.minyi.source;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.minyi.Api.as;
import static org.minyi.Api.asAdmin;
import static org.minyi.Api.unique;

import io.quarkus.test.junit.QuarkusTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.minyi.Api;

@QuarkusTest
class SourceResourceTest {

    private static Map<String, Object> forum(String name) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("type", "FORUM");
        body.put("baseUrl", "http://bbs.example.org/");
        body.put("startUrls", List.of("http://bbs.example.org/forum-2-1.html"));
        body.put("selectors", Map.of("listLinks", "a.s.xst", "content", "td.t_f"));
        body.put("schedule", "PT10M");
        body.put("maxPages", 200);
        return body;
    }

    @Test
    void crud() {
        String name = unique("论坛");
        int id = asAdmin().body(forum(name)).post("/api/sources").then().statusCode(201)
                .body("id", notNullValue())
                .body("type", equalTo("FORUM"))
                .body("startUrls", contains("http://bbs.example.org/forum-2-1.html"))
                .body("selectors.content", equalTo("td.t_f"))
                .body("schedule", equalTo("PT10M"))
                .extract().path("id");

        asAdmin().get("/api/sources/" + id).then().statusCode(200).body("name", equalTo(name));
        asAdmin().get("/api/sources").then().statusCode(200).body("name", hasItem(name));

        Map<String, Object> changed = forum(name);
        changed.put("enabled", false);
        changed.put("baseUrl", "https://bbs.example.org/");
        asAdmin().body(changed).put("/api/sources/" + id).then().statusCode(200)
                .body("enabled", equalTo(false)).body("baseUrl", equalTo("https://bbs.example.org/"));

        asAdmin().delete("/api/sources/" + id).then().statusCode(204);
        asAdmin().get("/api/sources/" + id).then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void sameSourceAgainIsIdempotentButANameClashIsAConflict() {
        String name = unique("news");
        Map<String, Object> body = Map.of("name", name, "type", "NEWS", "baseUrl", "https://news.example.org/");
        int id = asAdmin().body(body).post("/api/sources").then().statusCode(201).extract().path("id");
        asAdmin().body(body).post("/api/sources").then().statusCode(200).body("id", equalTo(id));
        asAdmin().body(Map.of("name", name, "type", "FEED", "baseUrl", "https://news.example.org/rss"))
                .post("/api/sources").then().statusCode(409).body("errors[0].field", equalTo("name"));
    }

    @Test
    void badInputNamesTheField() {
        Map<String, Object> body = forum(unique("bad"));
        body.put("type", "BLOG");
        asAdmin().body(body).post("/api/sources").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("type"));

        body = forum(unique("bad"));
        body.put("baseUrl", "ftp://example.org/");
        asAdmin().body(body).post("/api/sources").then().statusCode(400).body("errors[0].field", equalTo("baseUrl"));

        body = forum(unique("bad"));
        body.put("startUrls", List.of("not a url"));
        asAdmin().body(body).post("/api/sources").then().statusCode(400).body("errors[0].field", equalTo("startUrls[0]"));

        body = forum(unique("bad"));
        body.put("selectors", Map.of("content", "div[[["));
        asAdmin().body(body).post("/api/sources").then().statusCode(400).body("errors[0].field", equalTo("selectors.content"));

        body = forum(unique("bad"));
        body.put("schedule", "every ten minutes");
        asAdmin().body(body).post("/api/sources").then().statusCode(400).body("errors[0].field", equalTo("schedule"));

        asAdmin().body("{\"name\": ").post("/api/sources").then().statusCode(400).contentType("application/problem+json");
        asAdmin().body(Map.of("type", "NEWS")).post("/api/sources").then().statusCode(400)
                .body("errors.field", hasItem("name")).body("errors.field", hasItem("baseUrl"));
    }

    @Test
    void sourceWithPostsIsNotDeleted() {
        String name = Api.newSource();
        asAdmin().body(Map.of("source", name, "url", "https://example.org/p/1", "content", "测试内容"))
                .post("/api/posts").then().statusCode(201);
        int id = asAdmin().get("/api/sources").then().extract().jsonPath().getInt("find { it.name == '" + name + "' }.id");
        asAdmin().delete("/api/sources/" + id).then().statusCode(409);
    }

    @Test
    void onlyAdminsChangeSources() {
        String propaganda = Api.newUser("propaganda");
        as(propaganda, "password-123").get("/api/sources").then().statusCode(403); // docs/security.md: admin and analyst
        as(propaganda, "password-123").body(forum(unique("x"))).post("/api/sources").then().statusCode(403);
    }
}
