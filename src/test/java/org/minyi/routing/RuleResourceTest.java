package org.minyi.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.minyi.Api.as;
import static org.minyi.Api.asAdmin;
import static org.minyi.Api.unique;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.minyi.Api;

@QuarkusTest
class RuleResourceTest {

    static final String POLLUTION = "湖滨社区旁边的化工厂天天排放污水，河水发黑发臭，空气污染严重。";

    @Test
    void defaultRulesRouteToTheOwningDepartmentAndTheCommunity() {
        JsonPath answer = asAdmin().body(Map.of("title", "投诉污染", "content", POLLUTION)).post("/api/routing/explain")
                .then().statusCode(200).extract().jsonPath();
        assertThat(answer.getList("units.unit", String.class)).contains("湖滨社区", "生态环境分局");
        assertThat(answer.getString("units.find { it.unit == '湖滨社区' }.rule")).startsWith("属地管理");
        assertThat(answer.getString("units.find { it.unit == '湖滨社区' }.reason")).contains("湖滨社区");
        assertThat(answer.getString("units.find { it.unit == '生态环境分局' }.rule")).isEqualTo("类别 环境保护 → 生态环境分局");
        assertThat(answer.getString("units.find { it.unit == '生态环境分局' }.reason")).contains("环境保护");
        assertThat(answer.getList("rules.findAll { it.holds }.rule", String.class)).hasSizeGreaterThanOrEqualTo(2)
                .doesNotContain("类别 交通出行 → 交通局");
    }

    @Test
    void explainAStoredPost() {
        String source = Api.newSource();
        int postId = asAdmin().body(Map.of("source", source, "url", "https://example.org/" + unique("p"), "title", "污染",
                "content", POLLUTION)).post("/api/posts").then().statusCode(201).extract().path("id");
        asAdmin().body(Map.of("postId", postId)).post("/api/routing/explain").then().statusCode(200)
                .body("units.unit", hasItems("湖滨社区", "生态环境分局")).body("facts.postId", equalTo(postId));
        asAdmin().body(Map.of("postId", 987654321)).post("/api/routing/explain").then().statusCode(404);
        asAdmin().body(Map.of("title", " ")).post("/api/routing/explain").then().statusCode(400)
                .body("errors.field", hasItem("content"));
    }

    @Test
    void aFirstRuleDecidesAndKeywordSourceAndSentimentConditionsMustAllHold() {
        String word = unique("关键字");
        Map<String, Object> rule = new HashMap<>();
        rule.put("name", "关键词 → 信访局");
        rule.put("keywords", List.of(word));
        rule.put("maxSentiment", -0.2);
        rule.put("targetUnits", List.of("信访局", "生态环境分局"));
        rule.put("grade", "重大");
        rule.put("autoOpen", true);
        int id = asAdmin().body(rule).post("/api/routing/rules").then().statusCode(201)
                .body("grade", equalTo("MAJOR")).extract().path("id");
        try {
            // last in the list: the category rule decides for 生态环境分局, this one for 信访局
            JsonPath a = asAdmin().body(Map.of("content", POLLUTION + word)).post("/api/routing/explain").then().statusCode(200)
                    .extract().jsonPath();
            assertThat(a.getString("units.find { it.unit == '信访局' }.rule")).isEqualTo("关键词 → 信访局");
            assertThat(a.getString("units.find { it.unit == '信访局' }.reason")).contains("关键词 " + word).contains("情感");
            assertThat(a.getString("units.find { it.unit == '生态环境分局' }.rule")).startsWith("类别");

            // moved to the top it decides for both
            List<Integer> ids = new ArrayList<>(asAdmin().get("/api/routing/rules").then().statusCode(200)
                    .extract().jsonPath().getList("id", Integer.class));
            ids.remove(Integer.valueOf(id));
            ids.add(0, id);
            asAdmin().body(Map.of("ids", ids)).put("/api/routing/rules/order").then().statusCode(200).body("[0].id", equalTo(id));
            a = asAdmin().body(Map.of("content", POLLUTION + word)).post("/api/routing/explain").then().extract().jsonPath();
            assertThat(a.getString("units.find { it.unit == '生态环境分局' }.rule")).isEqualTo("关键词 → 信访局");

            // a positive text does not hold for the sentiment condition
            a = asAdmin().body(Map.of("content", "感谢社区工作人员，服务很好，非常满意。" + word)).post("/api/routing/explain")
                    .then().extract().jsonPath();
            assertThat(a.getList("units.rule", String.class)).doesNotContain("关键词 → 信访局");

            // a source condition that does not hold
            rule.put("sources", List.of("no-such-source"));
            asAdmin().body(rule).put("/api/routing/rules/" + id).then().statusCode(200);
            a = asAdmin().body(Map.of("content", POLLUTION + word)).post("/api/routing/explain").then().extract().jsonPath();
            assertThat(a.getList("units.rule", String.class)).doesNotContain("关键词 → 信访局");
            ids.remove(0);
            ids.add(id);
            asAdmin().body(Map.of("ids", ids)).put("/api/routing/rules/order").then().statusCode(200);
        } finally {
            asAdmin().delete("/api/routing/rules/" + id).then().statusCode(204);
        }
    }

    @Test
    void badRulesAndBadOrdersAreRefusedNamingTheField() {
        Map<String, Object> rule = new HashMap<>();
        rule.put("name", "");
        rule.put("categories", List.of("天气"));
        rule.put("places", List.of("生态环境分局"));
        rule.put("targetUnits", List.of("无此单位"));
        rule.put("maxSentiment", -3);
        rule.put("grade", "超级");
        asAdmin().body(rule).post("/api/routing/rules").then().statusCode(400)
                .body("errors.field", hasItems("name", "categories", "places", "targetUnits", "maxSentiment", "grade"));
        asAdmin().body(Map.of("name", "无目标")).post("/api/routing/rules").then().statusCode(400)
                .body("errors.field", hasItem("targetUnits"));
        asAdmin().body(Map.of("ids", List.of(1))).put("/api/routing/rules/order").then().statusCode(400)
                .body("errors.field", hasItem("ids"));
        asAdmin().get("/api/routing/rules/9999999").then().statusCode(404);
    }

    @Test
    void rulesArePerRole() {
        String analyst = Api.newUser("analyst");
        String spokes = Api.newUser("spokesperson");
        as(analyst, "password-123").get("/api/routing/rules").then().statusCode(200);
        as(analyst, "password-123").body(Map.of("name", "x", "toPlace", true)).post("/api/routing/rules").then().statusCode(403);
        as(analyst, "password-123").body(Map.of("content", POLLUTION)).post("/api/routing/explain").then().statusCode(200);
        as(spokes, "password-123").get("/api/routing/rules").then().statusCode(403);
        as(spokes, "password-123").body(Map.of("content", POLLUTION)).post("/api/routing/explain").then().statusCode(403);
    }
}
