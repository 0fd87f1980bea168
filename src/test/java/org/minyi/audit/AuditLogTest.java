package org.minyi.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.minyi.Api.as;
import static org.minyi.Api.asAdmin;
import static org.minyi.Api.unique;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.minyi.Api;

/** Sensitive actions are written to the audit log with their actor, and administrators search it. */
@QuarkusTest
class AuditLogTest {

    @Inject
    AuditLog audit;

    static List<Map<String, Object>> events(Object... kv) {
        var req = asAdmin().queryParam("size", 200);
        for (int i = 0; i < kv.length; i += 2) {
            req = req.queryParam((String) kv[i], kv[i + 1]);
        }
        return req.get("/api/audit").then().statusCode(200).extract().jsonPath().getList("items");
    }

    @Test
    void userAndRoleChangesCaseStepsRuleAndSourceEditsAreAudited() {
        String user = Api.newUser("analyst");
        int userId = asAdmin().get("/api/users").then().extract().jsonPath().getInt("find { it.username == '" + user + "' }.id");
        asAdmin().body(Map.of("roles", List.of("analyst", "emergency"))).put("/api/users/" + userId).then().statusCode(200);
        List<Map<String, Object>> userEvents = events("targetType", "user", "targetId", String.valueOf(userId), "action", "USER_*");
        assertThat(userEvents).extracting(e -> e.get("action")).containsExactly("USER_CHANGED", "USER_CREATED");
        assertThat((String) userEvents.get(0).get("detail")).contains("roles analyst -> analyst,emergency");
        assertThat(userEvents.get(0).get("actor")).isEqualTo("admin");
        assertThat(userEvents.get(0).get("clientIp")).isEqualTo("127.0.0.1");

        // a case opened by the analyst and assigned: both steps carry the analyst's name
        String source = Api.newSource();
        int post = asAdmin().body(Map.of("source", source, "url", "https://example.org/" + unique("a"), "title", "积水",
                "content", "下雨后地下通道积水很深")).post("/api/posts").then().statusCode(201).extract().path("id");
        Map<String, Object> unit = new HashMap<>();
        unit.put("name", unique("审计测试局"));
        unit.put("kind", "DEPARTMENT");
        int unitId = asAdmin().body(unit).post("/api/units").then().statusCode(201).extract().path("id");
        int caseId = as(user, "password-123").body(Map.of("postId", post, "unitId", unitId)).post("/api/cases").then()
                .statusCode(201).extract().path("id");
        assertThat(events("targetType", "case", "targetId", String.valueOf(caseId))).extracting(e -> e.get("action"))
                .containsExactlyInAnyOrder("CASE_ASSIGNED", "CASE_OPENED");
        assertThat(events("actor", user, "action", "CASE_*")).hasSize(2);
        assertThat(events("targetType", "unit", "targetId", String.valueOf(unitId))).extracting(e -> e.get("action"))
                .containsExactly("UNIT_CREATED");

        // a rule edit and a source edit
        int rule = asAdmin().get("/api/routing/rules").then().extract().jsonPath().getInt("[0].id");
        Map<String, Object> r = asAdmin().get("/api/routing/rules/" + rule).then().extract().jsonPath().getMap("$");
        asAdmin().body(r).put("/api/routing/rules/" + rule).then().statusCode(200);
        assertThat(events("action", "RULE_CHANGED", "targetId", String.valueOf(rule))).isNotEmpty();
        assertThat(events("action", "SOURCE_CREATED")).anySatisfy(e -> assertThat((String) e.get("detail")).contains(source));
    }

    @Test
    void alertRulesChannelsHandlingReportsAndExportsAreAudited() {
        String duty = Api.newUser("emergency");
        String source = Api.newSource();
        String phrase = unique("审计预警词");
        Map<String, Object> rule = new HashMap<>();
        rule.put("name", unique("审计规则"));
        rule.put("level", "ORANGE");
        rule.put("conditions", List.of(Map.of("type", "PHRASE", "phrases", List.of(phrase)),
                Map.of("type", "SOURCE", "sources", List.of(source))));
        int ruleId = as(duty, "password-123").body(rule).post("/api/alert-rules").then().statusCode(201).extract().path("id");
        rule.put("level", "RED");
        as(duty, "password-123").body(rule).put("/api/alert-rules/" + ruleId).then().statusCode(200);
        assertThat(events("targetType", "alert-rule", "targetId", String.valueOf(ruleId))).extracting(e -> e.get("action"))
                .containsExactly("ALERT_RULE_CHANGED", "ALERT_RULE_CREATED");
        assertThat(events("targetType", "alert-rule", "targetId", String.valueOf(ruleId))).allSatisfy(e ->
                assertThat(e.get("actor")).isEqualTo(duty));

        // an alert acknowledged and closed by the duty member
        asAdmin().body(Map.of("source", source, "url", "https://example.org/" + unique("a"), "title", "化工厂" + phrase,
                "content", "东区化工厂附近出现" + phrase + "，居民请求处置。")).post("/api/posts").then().statusCode(201);
        int alertId = asAdmin().queryParam("ruleId", ruleId).get("/api/alerts").then().statusCode(200).extract().path("items[0].id");
        as(duty, "password-123").body(Map.of()).post("/api/alerts/" + alertId + "/acknowledge").then().statusCode(200);
        as(duty, "password-123").body(Map.of("note", "已处置")).post("/api/alerts/" + alertId + "/close").then().statusCode(200);
        List<Map<String, Object>> alertEvents = events("targetType", "alert", "targetId", String.valueOf(alertId));
        assertThat(alertEvents).extracting(e -> e.get("action")).containsExactly("ALERT_CLOSED", "ALERT_ACKNOWLEDGED");
        assertThat(alertEvents).allSatisfy(e -> assertThat(e.get("actor")).isEqualTo(duty));
        assertThat((String) alertEvents.get(0).get("detail")).isEqualTo("已处置");
        asAdmin().delete("/api/alert-rules/" + ruleId).then().statusCode(204);
        assertThat(events("targetType", "alert-rule", "targetId", String.valueOf(ruleId), "action", "ALERT_RULE_DELETED"))
                .singleElement().satisfies(e -> assertThat(e.get("actor")).isEqualTo("admin"));

        // a channel created and deleted by the administrator
        int channel = asAdmin().body(Map.of("name", unique("审计通道"), "kind", "WEBHOOK", "url", "http://127.0.0.1:9/hook"))
                .post("/api/alert-channels").then().statusCode(201).extract().path("id");
        asAdmin().delete("/api/alert-channels/" + channel).then().statusCode(204);
        assertThat(events("targetType", "alert-channel", "targetId", String.valueOf(channel))).extracting(e -> e.get("action"))
                .containsExactly("ALERT_CHANNEL_DELETED", "ALERT_CHANNEL_CREATED");

        // who exported which posts: the filter is in the record
        String propaganda = Api.newUser("propaganda");
        as(propaganda, "password-123").queryParam("from", "2026-01-01").queryParam("to", "2026-01-03").queryParam("sentiment", "negative")
                .accept("*/*").get("/api/exports/posts.csv").then().statusCode(200);
        assertThat(events("actor", propaganda, "action", "POSTS_EXPORTED")).singleElement().satisfies(e ->
                assertThat((String) e.get("detail")).contains("csv", "from=2026-01-01", "to=2026-01-03", "sentiment=negative", "rows="));
        // a report request
        int report = as(propaganda, "password-123").body(Map.of("kind", "DAILY", "date", "2026-01-02")).post("/api/reports").then()
                .statusCode(org.hamcrest.Matchers.anyOf(equalTo(200), equalTo(202))).extract().path("id");
        assertThat(events("actor", propaganda, "action", "REPORT_REQUESTED", "targetId", String.valueOf(report))).hasSize(1);
    }

    @Test
    void theRecordCommitsOrRollsBackWithTheAuditedChange() {
        String marker = unique("rollback");
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                audit.record("tester", "TEST_ACTION", "test", marker, "must not stay");
                throw new IllegalStateException("the audited change fails");
            });
        } catch (IllegalStateException expected) {
            // rolled back
        }
        assertThat(events("targetType", "test", "targetId", marker)).isEmpty();
        QuarkusTransaction.requiringNew().run(() -> audit.record("tester", "TEST_ACTION", "test", marker, "stays"));
        assertThat(events("targetType", "test", "targetId", marker)).hasSize(1);
    }

    @Test
    void searchFiltersByTimeAndPagesAndRefusesBadInput() {
        String user = Api.newUser("propaganda");
        as(user, "password-123").get("/api/me").then().statusCode(200);
        Instant after = Instant.now().plusSeconds(3600);
        assertThat(events("actor", user, "action", "LOGIN")).hasSize(1);
        assertThat(events("actor", user, "action", "LOGIN", "from", after.toString().replace("Z", "+00:00"))).isEmpty();
        asAdmin().queryParam("size", 1).get("/api/audit").then().statusCode(200).body("size", equalTo(1))
                .body("items.size()", equalTo(1));
        asAdmin().queryParam("from", "yesterday").get("/api/audit").then().statusCode(400)
                .body("errors[0].field", equalTo("from"));
        asAdmin().queryParam("size", 0).get("/api/audit").then().statusCode(400);
        as(user, "password-123").get("/api/audit").then().statusCode(403);
    }
}
