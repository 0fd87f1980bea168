package org.minyi.nlp.learn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;
import static org.minyi.Api.as;
import static org.minyi.Api.asAdmin;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.minyi.Api;
import org.minyi.security.Role;

@QuarkusTest
class LearnResourceTest {

    /** A made-up phrase the dictionaries know nothing about. */
    private static final String PHRASE = "咕噜星球啵啵茶第七号铺";

    private static RequestSpecification adminText() {
        return asAdmin().contentType(ContentType.TEXT.withCharset("UTF-8"));
    }

    private static String label(String text) {
        return asAdmin().body(List.of(Map.of("id", 1, "text", text))).post("/api/nlp/analyze")
                .then().statusCode(200).extract().jsonPath().getString("[0].sentiment.label");
    }

    private static long trainAndWait() throws InterruptedException {
        long id = asAdmin().post("/api/nlp/models/train?task=SENTIMENT").then().statusCode(202)
                .body("status", equalTo("TRAINING")).extract().jsonPath().getLong("id");
        for (int i = 0; i < 600; i++) {
            String status = asAdmin().get("/api/nlp/models/" + id).then().statusCode(200).extract().jsonPath().getString("status");
            if (status.equals("ACTIVE")) {
                return id;
            }
            assertThat(status).isIn("TRAINING", "READY");
            Thread.sleep(100);
        }
        throw new AssertionError("training did not finish");
    }

    @Test
    void aCorrectionChangesTheNextPredictionAfterRetrainingAndVersionsCanBeRestored() throws Exception {
        String before = label(PHRASE);
        assertThat(before).isEqualTo("neutral");
        String source = Api.newSource();
        long post = asAdmin().body(Map.of("source", source, "url", "https://example.org/learn/" + Api.unique("p"),
                        "content", PHRASE, "publishedAt", "2026-11-20T21:23:00+08:00"))
                .post("/api/posts").then().statusCode(201).extract().jsonPath().getLong("id");
        String base = Files.readString(Path.of("src/test/resources/fixtures/learn/sentiment-small.tsv"), StandardCharsets.UTF_8);
        adminText().body(base).post("/api/nlp/examples/import?task=SENTIMENT&strict=true").then().statusCode(200)
                .body("imported", equalTo(24));

        asAdmin().body(Map.of("label", "negative", "note", "店名是投诉对象")).put("/api/posts/" + post + "/sentiment")
                .then().statusCode(200).body("sentiment", equalTo("negative")).body("sentimentCorrectedBy", equalTo("admin"));
        asAdmin().get("/api/posts/" + post).then().statusCode(200).body("analysis.sentiment.label", equalTo("negative"));
        asAdmin().get("/api/nlp/examples").then().statusCode(200).body("totals.SENTIMENT", notNullValue());

        long v1 = trainAndWait();
        assertThat(label(PHRASE)).isEqualTo("negative");
        asAdmin().get("/api/nlp/models/" + v1).then().body("quality.n", notNullValue()).body("progress", equalTo(100));

        asAdmin().body(Map.of("label", "positive")).put("/api/posts/" + post + "/sentiment").then().statusCode(200);
        long v2 = trainAndWait();
        assertThat(label(PHRASE)).isEqualTo("positive");
        asAdmin().get("/api/nlp/models/" + v1).then().body("status", equalTo("RETIRED"));

        // restore the previous version
        asAdmin().post("/api/nlp/models/" + v1 + "/activate").then().statusCode(200).body("status", equalTo("ACTIVE"));
        asAdmin().get("/api/nlp/models/" + v2).then().body("status", equalTo("RETIRED"));
        assertThat(label(PHRASE)).isEqualTo("negative");
        asAdmin().get("/api/nlp/models?task=SENTIMENT").then().statusCode(200)
                .body("id", hasItems((int) v1, (int) v2));

        // retiring the active version brings back the dictionaries' answer
        asAdmin().post("/api/nlp/models/" + v1 + "/retire").then().statusCode(200).body("status", equalTo("RETIRED"));
        assertThat(label(PHRASE)).isEqualTo(before);
        asAdmin().post("/api/nlp/models/" + v1 + "/retire").then().statusCode(409);
        asAdmin().post("/api/nlp/models/999999/activate").then().statusCode(404);
    }

    @Test
    void importReportsMalformedLinesOrRefusesWhenStrict() {
        String body = "label\ttext\nnegative\t排水沟堵了一个星期\nno tab on this line\nangry\t气死了\npositive\t服务周到\n";
        adminText().body(body).post("/api/nlp/examples/import?task=SENTIMENT").then().statusCode(200)
                .body("imported", equalTo(2)).body("skippedCount", equalTo(2))
                .body("skipped[0].line", equalTo(3)).body("skipped[1].line", equalTo(4))
                .body("skipped[1].reason", org.hamcrest.Matchers.containsString("unknown label"));
        long total = asAdmin().get("/api/nlp/examples").then().extract().jsonPath().getLong("totals.SENTIMENT");
        adminText().body(body).post("/api/nlp/examples/import?task=SENTIMENT&strict=true").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("body[line 3]"));
        assertThat(asAdmin().get("/api/nlp/examples").then().extract().jsonPath().getLong("totals.SENTIMENT")).isEqualTo(total);
        adminText().body("教育\t学校门口堵车\n").post("/api/nlp/examples/import?task=CATEGORY").then().statusCode(200)
                .body("imported", equalTo(1));
        adminText().body(body).post("/api/nlp/examples/import?task=OPINION").then().statusCode(400)
                .body("errors[0].field", equalTo("task"));
    }

    @Test
    void evaluationReportsTheFiguresOfTheCurrentAnalyser() {
        String body = "label\ttext\nnegative\t对拆迁补偿非常不满意\npositive\t社区医生上门服务，非常感谢！\nneutral\t明天上午九点开会\nbroken line\n";
        int correct = 0;
        String[][] rows = {{"negative", "对拆迁补偿非常不满意"}, {"positive", "社区医生上门服务，非常感谢！"}, {"neutral", "明天上午九点开会"}};
        for (String[] r : rows) {
            correct += label(r[1]).equals(r[0]) ? 1 : 0;
        }
        float accuracy = asAdmin().contentType(ContentType.TEXT.withCharset("UTF-8")).body(body).post("/api/nlp/evaluate")
                .then().statusCode(200).body("n", equalTo(3)).body("skipped[0].line", equalTo(5))
                .body("perClass.negative.support", equalTo(1)).body("textsPerSecond", notNullValue())
                .extract().jsonPath().getFloat("accuracy");
        assertThat((double) accuracy).isCloseTo(correct / 3.0, org.assertj.core.api.Assertions.within(1e-3));
    }

    @Test
    void correctionsAreValidated() {
        String source = Api.newSource();
        long post = asAdmin().body(Map.of("source", source, "url", "https://example.org/learn/" + Api.unique("v"),
                        "content", "学校门口早上堵车严重", "publishedAt", "2026-11-20T21:23:00+08:00"))
                .post("/api/posts").then().statusCode(201).extract().jsonPath().getLong("id");
        asAdmin().body(Map.of("label", "angry")).put("/api/posts/" + post + "/sentiment").then().statusCode(400)
                .body("errors[0].field", equalTo("label"));
        asAdmin().body(Map.of("label", "negative")).put("/api/posts/99999999/sentiment").then().statusCode(404);
        asAdmin().body(Map.of("categories", List.of("教育", "火星"))).put("/api/posts/" + post + "/categories")
                .then().statusCode(400).body("errors[0].field", equalTo("categories[1]"));
        asAdmin().body(Map.of("categories", List.of("教育", "交通出行"))).put("/api/posts/" + post + "/categories")
                .then().statusCode(200).body("categories", equalTo(List.of("教育", "交通出行")));
        asAdmin().get("/api/posts/" + post).then().body("analysis.categories", equalTo(List.of("教育", "交通出行")));
        String analyst = Api.newUser(Role.analyst);
        as(analyst, "password-123").body(Map.of("label", "neutral")).put("/api/posts/" + post + "/sentiment")
                .then().statusCode(200);
    }

    @Test
    void aSpokespersonMayNotTouchModelsExamplesOrCorrections() {
        String user = Api.newUser(Role.spokesperson);
        as(user, "password-123").contentType(ContentType.TEXT).body("negative\t差").post("/api/nlp/examples/import?task=SENTIMENT")
                .then().statusCode(403);
        as(user, "password-123").get("/api/nlp/examples").then().statusCode(403);
        as(user, "password-123").post("/api/nlp/models/train?task=SENTIMENT").then().statusCode(403);
        as(user, "password-123").get("/api/nlp/models").then().statusCode(403);
        as(user, "password-123").post("/api/nlp/models/1/activate").then().statusCode(403);
        as(user, "password-123").contentType(ContentType.TEXT).body("negative\t差").post("/api/nlp/evaluate").then().statusCode(403);
        as(user, "password-123").body(Map.of("label", "negative")).put("/api/posts/1/sentiment").then().statusCode(403);
        as(user, "password-123").body(Map.of("categories", List.of("教育"))).put("/api/posts/1/categories").then().statusCode(403);
    }
}
