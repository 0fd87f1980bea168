package org.minyi.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.minyi.Api.asAdmin;
import static org.minyi.alert.AlertFixtures.alertsOf;
import static org.minyi.alert.AlertFixtures.cond;
import static org.minyi.alert.AlertFixtures.createRule;
import static org.minyi.alert.AlertFixtures.detail;
import static org.minyi.alert.AlertFixtures.disable;
import static org.minyi.alert.AlertFixtures.post;
import static org.minyi.alert.AlertFixtures.rule;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.minyi.Api;

/** The emergency team acknowledges, comments, opens or links a case and closes; the holder is shown. */
@QuarkusTest
class AlertHandlingTest {

    @Test
    void acknowledgeCommentOpenACaseAndClose() {
        String duty = Api.newUser("emergency");
        String other = Api.newUser("emergency");
        String analyst = Api.newUser("analyst");
        String source = Api.newSource();
        long ruleId = createRule(rule("ORANGE", List.of(cond("type", "PHRASE", "phrases", List.of("围堵")),
                cond("type", "SOURCE", "sources", List.of(source)))));
        try {
            post(source, "群众围堵", "东埠村数十名村民围堵镇政府门口，要求解决拆迁补偿问题。", Instant.now().minusSeconds(30));
            long id = ((Number) alertsOf(ruleId).get(0).get("id")).longValue();

            Api.as(analyst, "password-123").get("/api/alerts/" + id).then().statusCode(200);
            Api.as(analyst, "password-123").body(Map.of()).post("/api/alerts/" + id + "/acknowledge").then().statusCode(403);

            Api.as(duty, "password-123").body(Map.of()).post("/api/alerts/" + id + "/acknowledge").then().statusCode(200)
                    .body("status", equalTo("ACKNOWLEDGED")).body("holder", equalTo(duty));
            // another member cannot silently take it over
            Api.as(other, "password-123").body(Map.of()).post("/api/alerts/" + id + "/acknowledge").then().statusCode(409)
                    .body("errors.field", hasItem("takeOver"));
            Api.as(other, "password-123").body(Map.of("takeOver", true)).post("/api/alerts/" + id + "/acknowledge").then().statusCode(200)
                    .body("holder", equalTo(other));

            Api.as(other, "password-123").body(Map.of("note", " ")).post("/api/alerts/" + id + "/comment").then().statusCode(400)
                    .body("errors.field", hasItem("note"));
            Api.as(other, "password-123").body(Map.of("note", "已通知镇政府和派出所到场")).post("/api/alerts/" + id + "/comment").then().statusCode(200);

            asAdmin().body(Map.of()).post("/api/alerts/" + id + "/link-case").then().statusCode(400).body("errors.field", hasItem("caseId"));
            asAdmin().body(Map.of("caseId", 987654321)).post("/api/alerts/" + id + "/link-case").then().statusCode(400)
                    .body("errors.field", hasItem("caseId"));
            long caseId = Api.as(other, "password-123").body(Map.of("open", true)).post("/api/alerts/" + id + "/link-case").then().statusCode(200)
                    .extract().jsonPath().getLong("caseId");
            asAdmin().get("/api/cases/" + caseId).then().statusCode(200).body("item.grade", equalTo("MAJOR"));

            long version = detail(id).getLong("alert.version");
            Api.as(other, "password-123").body(Map.of("version", version - 1)).post("/api/alerts/" + id + "/close").then().statusCode(409);
            Api.as(other, "password-123").body(Map.of("version", version, "note", "现场已平息")).post("/api/alerts/" + id + "/close").then()
                    .statusCode(200).body("status", equalTo("CLOSED")).body("closedBy", equalTo(other));
            Api.as(duty, "password-123").body(Map.of()).post("/api/alerts/" + id + "/acknowledge").then().statusCode(409);

            JsonPath d = detail(id);
            assertThat(d.getList("events.kind", String.class))
                    .containsExactly("FIRED", "ACKNOWLEDGED", "ACKNOWLEDGED", "COMMENTED", "CASE_LINKED", "CLOSED");
            assertThat(d.getList("events.actor", String.class)).containsSubsequence("system", duty, other, other, other, other);
            assertThat(d.getString("events.find { it.kind == 'COMMENTED' }.note")).isEqualTo("已通知镇政府和派出所到场");
            asAdmin().queryParam("status", "CLOSED").queryParam("ruleId", ruleId).get("/api/alerts").then().statusCode(200)
                    .body("total", equalTo(1));
            asAdmin().queryParam("status", "nonsense").get("/api/alerts").then().statusCode(400).body("errors.field", hasItem("status"));
            asAdmin().queryParam("size", 0).get("/api/alerts").then().statusCode(400).body("errors.field", hasItem("size"));
        } finally {
            disable(ruleId);
        }
    }
}
