package org.minyi.alert;

import static org.assertj.core.api.Assertions.assertThat;
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
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.minyi.Api;
import org.minyi.TestClock;

/** Each rule type fires and does not fire on hand-made streams, with the clock fixed on a day of its own. */
@QuarkusTest
class AlertRulesTest {

    @Inject
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    static Instant day(int n) {
        return Instant.parse("2011-03-01T02:00:00Z").plus(Duration.ofDays(n));
    }

    @Test
    void phraseNearAWordFiresButNotInsideAnExclusionOrWithoutTheNearbyWord() {
        Instant now = day(1);
        clock.set(now);
        String source = Api.newSource();
        Map<String, Object> body = rule("黄", List.of(
                cond("type", "PHRASE", "phrases", List.of("爆炸"), "near", List.of("工厂", "化工"), "exclude", List.of("爆炸性新闻"), "distance", 8),
                cond("type", "SOURCE", "sources", List.of(source))));
        long ruleId = createRule(body);
        try {
            post(source, "手机电池", "我的手机电池突然爆炸了，吓了一跳，还好人没事。", now.minusSeconds(300));
            post(source, "网红直播", "主播说今天有一条爆炸性新闻，化工行业要变天了，大家关注。", now.minusSeconds(240));
            post(source, "远处", "听说爆炸了，这件事跟我们小区很远很远很远很远的那个工厂无关。", now.minusSeconds(200));
            assertThat(alertsOf(ruleId)).isEmpty();

            long postId = post(source, "紧急", "澄心社区旁边的化工厂发生爆炸，浓烟滚滚，居民紧急疏散！", now.minusSeconds(60)).getLong("id");
            List<Map<String, Object>> alerts = alertsOf(ruleId);
            assertThat(alerts).hasSize(1);
            Map<String, Object> a = alerts.get(0);
            assertThat(a.get("level")).isEqualTo("YELLOW");
            assertThat(a.get("levelLabel")).isEqualTo("黄色预警（III级）");
            // 化工厂 holds both nearby words; the first listed is named
            assertThat((String) a.get("reason")).contains("「爆炸」近「工厂」");
            assertThat(a.get("status")).isEqualTo("OPEN");
            JsonPath d = detail(((Number) a.get("id")).longValue());
            assertThat(d.getList("evidence.postId", Long.class)).containsExactly(postId);
            assertThat(d.getList("events.kind", String.class)).containsExactly("FIRED");
        } finally {
            disable(ruleId);
        }
    }

    @Test
    void topicVolumeSpikeFiresAtTheFifthPostInTheWindowNotForPostsSpreadOverHours() {
        Instant now = day(2);
        clock.set(now);
        String source = Api.newSource();
        long ruleId = createRule(rule("ORANGE", List.of(
                // floor 2 posts/h: the threshold is 3 × 2 = 6/h, 5 posts in 30 min (10/h) hold it less than twice (no rise)
                cond("type", "SPIKE", "scope", "TOPIC", "window", "PT30M", "factor", 3, "minPosts", 5, "floor", 2),
                cond("type", "SOURCE", "sources", List.of(source)))));
        try {
            // a slow story: 6 posts over 3 hours, at most 1 in any 30 minutes
            for (int i = 0; i < 6; i++) {
                post(source, "路灯", "海韵社区东门路灯长期不亮，晚上走路很危险，希望修一下。第" + i + "次反映", now.minus(Duration.ofMinutes(25 + 35L * i)));
            }
            assertThat(alertsOf(ruleId)).isEmpty();
            // a burst: 5 posts about a gas leak within 20 minutes
            Long topic = null;
            for (int i = 0; i < 5; i++) {
                JsonPath p = post(source, "燃气泄漏", "潮音社区燃气管道泄漏，气味很大，物业已经疏散居民，消防正在处理。现场" + i,
                        now.minus(Duration.ofMinutes(20 - 4L * i)));
                topic = p.getLong("topicId");
                if (i < 4) {
                    assertThat(alertsOf(ruleId)).as("after %d posts", i + 1).isEmpty();
                }
            }
            List<Map<String, Object>> alerts = alertsOf(ruleId);
            assertThat(alerts).hasSize(1);
            assertThat(((Number) alerts.get(0).get("topicId")).longValue()).isEqualTo(topic);
            assertThat((String) alerts.get(0).get("reason")).contains("30 分钟内帖子 5 条");
            assertThat(alerts.get(0).get("level")).isEqualTo("ORANGE");
        } finally {
            disable(ruleId);
        }
    }

    @Test
    void districtSpikeAgainstItsBaseline() {
        Instant now = day(3);
        clock.set(now);
        String source = Api.newSource();
        long ruleId = createRule(rule("BLUE", List.of(
                cond("type", "SPIKE", "scope", "DISTRICT", "window", "PT10M", "factor", 2, "minPosts", 4, "baseline", "PT2H"))));
        try {
            String[] texts = {"观澜社区停水了", "星河湾小区停电", "翠堤路面塌陷", "芦汀村河道污染"};
            for (int i = 0; i < 3; i++) {
                post(source, texts[i], texts[i] + "，大家注意。", now.minus(Duration.ofMinutes(8 - i)));
            }
            assertThat(alertsOf(ruleId)).isEmpty();
            post(source, texts[3], texts[3] + "，大家注意。", now.minus(Duration.ofMinutes(1)));
            List<Map<String, Object>> alerts = alertsOf(ruleId);
            assertThat(alerts).hasSize(1);
            assertThat(alerts.get(0).get("subject")).isEqualTo("district");
            assertThat((String) alerts.get(0).get("reason")).startsWith("全区 10 分钟内帖子 4 条");
        } finally {
            disable(ruleId);
        }
    }

    @Test
    void negativeSurgeNeedsNegativePostsNotJustVolume() {
        Instant now = day(4);
        clock.set(now);
        String source = Api.newSource();
        long ruleId = createRule(rule("RED", List.of(
                cond("type", "NEGATIVE_SURGE", "scope", "DISTRICT", "window", "PT30M", "minPosts", 3, "minShare", 0.6, "factor", 2),
                cond("type", "SOURCE", "sources", List.of(source)))));
        try {
            for (int i = 0; i < 4; i++) {
                post(source, "点赞", "感谢社区工作人员，服务很好，非常满意，点赞！谢谢大家" + i, now.minus(Duration.ofMinutes(20 - i)));
            }
            assertThat(alertsOf(ruleId)).isEmpty();
            for (int i = 0; i < 8; i++) {
                post(source, "愤怒", "垃圾堆积如山臭气熏天，居民非常愤怒，强烈不满，投诉无门，太差劲了！" + i, now.minus(Duration.ofMinutes(10 - i)));
            }
            List<Map<String, Object>> alerts = alertsOf(ruleId);
            assertThat(alerts).hasSize(1);
            assertThat((String) alerts.get(0).get("reason")).contains("负面帖子").contains("负面占");
        } finally {
            disable(ruleId);
        }
    }

    @Test
    void emergingTopicFiresOnceTopicDetectionFlagsIt() {
        Instant now = day(5);
        clock.set(now);
        String source = Api.newSource();
        long ruleId = createRule(rule("YELLOW", List.of(cond("type", "EMERGING"), cond("type", "SOURCE", "sources", List.of(source)))));
        try {
            post(source, "鹭鸣社区", "鹭鸣社区流浪狗伤人，孩子被咬伤送医。", now.minus(Duration.ofMinutes(25)));
            assertThat(alertsOf(ruleId)).isEmpty();
            for (int i = 1; i < 8; i++) {
                post(source, "鹭鸣社区流浪狗", "鹭鸣社区流浪狗伤人，又有孩子被咬伤送医，家长很担心。" + i, now.minus(Duration.ofMinutes(25 - 3L * i)));
            }
            List<Map<String, Object>> alerts = alertsOf(ruleId);
            assertThat(alerts).hasSize(1);
            assertThat((String) alerts.get(0).get("reason")).startsWith("新兴话题");
        } finally {
            disable(ruleId);
        }
    }

    @Test
    void watchedAuthorAndAnyCombination() {
        Instant now = day(6);
        clock.set(now);
        String source = Api.newSource();
        String other = Api.newSource();
        String author = Api.unique("大V");
        long ruleId = createRule(Map.of("name", Api.unique("关注"), "level", "蓝", "match", "ANY", "conditions", List.of(
                cond("type", "SOURCE", "authors", List.of(author)),
                cond("type", "SOURCE", "sources", List.of(source)))));
        try {
            post(other, "随便说说", "今天天气不错，公园里人很多。", now.minusSeconds(100), "路人甲");
            assertThat(alertsOf(ruleId)).isEmpty();
            post(other, "大V发声", "关于拆迁补偿我有话要说，请大家关注。", now.minusSeconds(90), author);
            assertThat(alertsOf(ruleId)).hasSize(1);
            assertThat((String) alertsOf(ruleId).get(0).get("reason")).contains("作者「" + author + "」");
            post(source, "重点来源", "这是被关注来源发布的一条消息，关于学校门口交通。", now.minusSeconds(80));
            assertThat(alertsOf(ruleId)).hasSize(2);
        } finally {
            disable(ruleId);
        }
    }

    @Test
    void coolDownJoinsEvidenceAndTheLevelRisesThenANewAlertAfterTheCoolDown() {
        Instant now = day(7);
        clock.set(now);
        String source = Api.newSource();
        Map<String, Object> body = rule("BLUE", List.of(cond("type", "PHRASE", "phrases", List.of("疏散")),
                cond("type", "SOURCE", "sources", List.of(source))));
        body.put("cooldown", "PT1H");
        body.put("riseEvery", 2);
        long ruleId = createRule(body);
        try {
            String text = "望潮街道石塘村化工仓库起火，消防正在扑救，附近居民紧急疏散，请大家远离现场。";
            Long topic = post(source, "石塘村仓库起火", text, now.minusSeconds(50)).getLong("topicId");
            Long t2 = post(source, "石塘村仓库起火", text + "（转）", now.minusSeconds(40)).getLong("topicId");
            assertThat(t2).isEqualTo(topic);
            List<Map<String, Object>> alerts = alertsOf(ruleId);
            assertThat(alerts).hasSize(1);
            long alertId = ((Number) alerts.get(0).get("id")).longValue();
            assertThat(alerts.get(0).get("evidenceCount")).isEqualTo(2);
            assertThat(alerts.get(0).get("level")).isEqualTo("BLUE");

            post(source, "石塘村仓库起火", text + "（再转）", now.minusSeconds(30));
            post(source, "石塘村仓库起火", text + "（三转）", now.minusSeconds(20));
            alerts = alertsOf(ruleId);
            assertThat(alerts).hasSize(1);
            assertThat(alerts.get(0).get("evidenceCount")).isEqualTo(4);
            assertThat(alerts.get(0).get("level")).isEqualTo("YELLOW");
            JsonPath d = detail(alertId);
            assertThat(d.getList("events.kind", String.class)).containsExactly("FIRED", "EVIDENCE", "EVIDENCE", "LEVEL_RAISED");
            assertThat(d.getString("events.find { it.kind == 'LEVEL_RAISED' }.note")).contains("由蓝色预警（IV级）升级为黄色预警（III级）");

            // two hours later, past the cool-down: a new alert
            Instant later = now.plus(Duration.ofHours(2));
            clock.set(later);
            post(source, "石塘村仓库起火", text + "（续）", later.minusSeconds(10));
            alerts = alertsOf(ruleId);
            assertThat(alerts).hasSize(2);
            assertThat(((Number) alerts.get(1).get("id")).longValue()).isEqualTo(alertId);
            assertThat(alerts.get(0).get("evidenceCount")).isEqualTo(1);
        } finally {
            disable(ruleId);
        }
    }

    @Test
    void badRulesAre400NamingTheField() {
        String emergency = Api.newUser("emergency");
        String analyst = Api.newUser("analyst");
        asAdmin().body(rule("RED", List.of(cond("type", "SPIKE", "window", "PT0S")))).post("/api/alert-rules").then().statusCode(400)
                .body("errors.field", hasItem("conditions[0].window"));
        asAdmin().body(rule("RED", List.of(cond("type", "SPIKE", "window", "half an hour")))).post("/api/alert-rules").then().statusCode(400)
                .body("errors.field", hasItem("conditions[0].window"));
        asAdmin().body(rule("RED", List.of(cond("type", "PHRASE", "phrases", List.of())))).post("/api/alert-rules").then().statusCode(400)
                .body("errors.field", hasItem("conditions[0].phrases"));
        Map<String, Object> unknown = rule("RED", List.of(cond("type", "PHRASE", "phrases", List.of("爆炸"))));
        unknown.put("recipients", Map.of("users", List.of(emergency, "nobody-" + Api.unique("x")), "channels", List.of("no-such-channel")));
        asAdmin().body(unknown).post("/api/alert-rules").then().statusCode(400)
                .body("errors.field", hasItem("recipients.users[1]")).body("errors.field", hasItem("recipients.channels[0]"));
        Map<String, Object> wrongRole = rule("RED", List.of(cond("type", "PHRASE", "phrases", List.of("爆炸"))));
        wrongRole.put("recipients", Map.of("users", List.of(analyst)));
        asAdmin().body(wrongRole).post("/api/alert-rules").then().statusCode(400).body("errors.field", hasItem("recipients.users[0]"));
        asAdmin().body(rule("PURPLE", List.of(cond("type", "PHRASE", "phrases", List.of("爆炸"))))).post("/api/alert-rules").then()
                .statusCode(400).body("errors.field", hasItem("level"));
        // the analyst reads rules but cannot write them
        Api.as(analyst, "password-123").get("/api/alert-rules").then().statusCode(200);
        Api.as(analyst, "password-123").body(rule("RED", List.of(cond("type", "PHRASE", "phrases", List.of("爆炸")))))
                .post("/api/alert-rules").then().statusCode(403);
        Map<String, Object> ok = rule("RED", List.of(cond("type", "PHRASE", "phrases", List.of("爆炸"))));
        ok.put("recipients", Map.of("users", List.of(emergency)));
        ok.put("enabled", false);
        long id = createRule(ok);
        asAdmin().get("/api/alert-rules/" + id).then().statusCode(200).body("recipients.users", hasItem(emergency));
        disable(id);
    }

    @Test
    void ruleTestToolShowsWhichRecentPostsWouldHaveFiredAndStoresNothing() {
        Instant now = day(8);
        clock.set(now);
        String source = Api.newSource();
        long hit = post(source, "化工厂", "芦汀村化工厂昨晚发生爆炸，声音很大。", now.minus(Duration.ofHours(3))).getLong("id");
        post(source, "新闻", "这是一条爆炸性新闻：化工园区要搬迁了。", now.minus(Duration.ofHours(2)));
        post(source, "旧闻", "去年化工厂爆炸的事还记得吗", now.minus(Duration.ofDays(3)));
        long alertsBefore = asAdmin().get("/api/alerts").then().extract().jsonPath().getLong("total");
        JsonPath r = asAdmin().body(Map.of("lookback", "PT24H", "rule", rule("RED", List.of(
                        cond("type", "PHRASE", "phrases", List.of("爆炸"), "near", List.of("化工"), "exclude", List.of("爆炸性新闻")),
                        cond("type", "SOURCE", "sources", List.of(source))))))
                .post("/api/alert-rules/test").then().statusCode(200).extract().jsonPath();
        assertThat(r.getList("posts.postId", Long.class)).containsExactly(hit);
        assertThat(r.getInt("fired")).isEqualTo(1);
        assertThat(r.getInt("examined")).isGreaterThanOrEqualTo(2);
        assertThat(r.getList("posts[0].reasons", String.class)).anyMatch(s -> s.contains("「爆炸」近「化工」"));
        assertThat(asAdmin().get("/api/alerts").then().extract().jsonPath().getLong("total")).isEqualTo(alertsBefore);
        asAdmin().body(Map.of("lookback", "forever", "rule", rule("RED", List.of(cond("type", "PHRASE")))))
                .post("/api/alert-rules/test").then().statusCode(400)
                .body("errors.field", hasItem("lookback")).body("errors.field", hasItem("rule.conditions[0].phrases"));
    }
}
