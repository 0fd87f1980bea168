package org.minyi.nlp.dict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.minyi.Api.as;
import static org.minyi.Api.asAdmin;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.minyi.Api;
import org.minyi.security.Role;

/** Edits the copy of the dictionaries in target/test-dictionaries (see application.properties). */
@QuarkusTest
class DictionaryResourceTest {

    private static RequestSpecification adminText() {
        return asAdmin().contentType(ContentType.TEXT.withCharset("UTF-8"));
    }

    private static Map<String, Object> analyze(String text) {
        return asAdmin().body(List.of(Map.of("id", 1, "text", text))).post("/api/nlp/analyze")
                .then().statusCode(200).extract().jsonPath().getMap("[0]");
    }

    private static String content(String name) {
        return asAdmin().get("/api/dictionaries/" + name).then().statusCode(200).extract().jsonPath().getString("content");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aNewCustomWordChangesSegmentationWithoutRestart() {
        String text = "嘀嗒咕噜站附近的嘀嗒咕噜站又出问题了";
        assertThat((List<Object>) analyze(text).get("keywords")).doesNotContain("嘀嗒咕噜站");
        String original = content("custom-words.txt");
        try {
            adminText().body(original + "\n嘀嗒咕噜站 ns 2000\n").put("/api/dictionaries/custom-words.txt").then().statusCode(200)
                    .body("linesAdded", equalTo(1)).body("linesRemoved", equalTo(0));
            assertThat((List<Object>) analyze(text).get("keywords")).contains("嘀嗒咕噜站");
            asAdmin().get("/api/dictionaries/changes?file=custom-words.txt").then().statusCode(200)
                    .body("[0].changedBy", equalTo("admin")).body("[0].summary", org.hamcrest.Matchers.containsString("嘀嗒咕噜站"));
        } finally {
            adminText().body(original).put("/api/dictionaries/custom-words.txt").then().statusCode(200);
        }
        assertThat((List<Object>) analyze(text).get("keywords")).doesNotContain("嘀嗒咕噜站");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aNewSentimentWordChangesTheScoreAndABrokenFileIsRefused() {
        String text = "这个窗口的服务真是叽里呱啦";
        String before = ((Map<String, Object>) analyze(text).get("sentiment")).get("label").toString();
        assertThat(before).isNotEqualTo("negative");
        String original = content("sentiment.txt");
        try {
            adminText().body(original + "\n叽里呱啦\t-3\n").put("/api/dictionaries/sentiment.txt").then().statusCode(200);
            assertThat(((Map<String, Object>) analyze(text).get("sentiment")).get("label")).isEqualTo("negative");

            int lines = original.split("\n", -1).length;
            adminText().body(original + "\n乱七八糟 很差\n").put("/api/dictionaries/sentiment.txt").then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("errors[0].field", equalTo("content[line " + (lines + 1) + "]"));
            // refused: nothing changed
            assertThat(content("sentiment.txt")).isEqualTo(original + "\n叽里呱啦\t-3\n");
        } finally {
            adminText().body(original).put("/api/dictionaries/sentiment.txt").then().statusCode(200);
        }
        assertThat(((Map<String, Object>) analyze(text).get("sentiment")).get("label")).isEqualTo(before);
    }

    @Test
    void onlyListedFilesAndOnlyAdministrators() {
        asAdmin().get("/api/dictionaries").then().statusCode(200).body("name", hasItem("categories/教育.txt"))
                .body("name", not(hasItem("README.md")));
        asAdmin().get("/api/dictionaries/README.md").then().statusCode(404);
        asAdmin().get("/api/dictionaries/../pom.xml").then().statusCode(404);
        asAdmin().get("/api/dictionaries/categories/教育.txt").then().statusCode(200).body("format", equalTo("CATEGORY"));
        String user = Api.newUser(Role.spokesperson);
        as(user, "password-123").get("/api/dictionaries/sentiment.txt").then().statusCode(403);
        as(user, "password-123").contentType(ContentType.TEXT).body("好\t1").put("/api/dictionaries/sentiment.txt")
                .then().statusCode(403);
        as(user, "password-123").get("/api/dictionaries/changes").then().statusCode(403);
    }
}
