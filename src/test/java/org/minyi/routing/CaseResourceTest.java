package org.minyi.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.minyi.Api.as;
import static org.minyi.Api.asAdmin;
import static org.minyi.routing.Fixtures.PW;
import static org.minyi.routing.Fixtures.step;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.minyi.Api;
import org.minyi.TestClock;

@QuarkusTest
class CaseResourceTest {

    @Inject
    TestClock clock;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void aCaseGoesFromAssignedToClosedAndEveryStepIsInTheTrail() {
        Fixtures.Desk desk = Fixtures.desk();
        int id = Fixtures.openCase(desk, "一般");
        asAdmin().get("/api/cases/" + id).then().statusCode(200).body("item.status", equalTo("ASSIGNED"))
                .body("item.unit", equalTo(desk.unit())).body("item.runningClock", equalTo("ACKNOWLEDGE"))
                .body("item.acknowledgeDue", notNullValue()).body("item.overdue", equalTo(false))
                .body("post.content", equalTo("小区门口的路灯坏了一个月没人修，晚上很黑。"));
        desk.asSpokesperson().get("/api/notifications").then().statusCode(200)
                .body("find { it.caseId == " + id + " }.kind", equalTo("ASSIGNED"));

        desk.asSpokesperson().body(step(id, "note", "收到")).post("/api/cases/" + id + "/acknowledge").then().statusCode(200)
                .body("status", equalTo("ACKNOWLEDGED")).body("runningClock", equalTo("RESPONSE"));
        // acknowledging twice is not in the table: 409 with what is allowed
        desk.asSpokesperson().body(step(id)).post("/api/cases/" + id + "/acknowledge").then().statusCode(409)
                .contentType("application/problem+json").body("from", equalTo("ACKNOWLEDGED"))
                .body("allowed", hasItems("RESPONDED", "TRANSFER_REQUESTED", "CLOSED"));
        desk.asSpokesperson().body(step(id, "text", "已安排维修，三日内修复。", "channel", "FORUM_REPLY",
                        "url", "https://bbs.example.org/thread-1.html"))
                .post("/api/cases/" + id + "/respond").then().statusCode(200).body("status", equalTo("RESPONDED"))
                .body("response.channel", equalTo("FORUM_REPLY")).body("respondedAt", notNullValue());
        desk.asSpokesperson().body(step(id, "note", "已修复")).post("/api/cases/" + id + "/close").then().statusCode(200)
                .body("status", equalTo("CLOSED"));
        asAdmin().body(step(id)).post("/api/cases/" + id + "/reopen").then().statusCode(400).body("errors.field", hasItem("note"));
        asAdmin().body(step(id, "note", "群众反映仍未修好")).post("/api/cases/" + id + "/reopen").then().statusCode(200)
                .body("status", equalTo("REOPENED"));

        JsonPath detail = asAdmin().get("/api/cases/" + id).then().statusCode(200).extract().jsonPath();
        assertThat(detail.getList("events.kind", String.class)).containsExactly("OPENED", "ASSIGNED", "ACKNOWLEDGED",
                "RESPONDED", "CLOSED", "REOPENED");
        assertThat(detail.getList("events.actor", String.class)).containsExactly("admin", "admin", desk.spokesperson(),
                desk.spokesperson(), desk.spokesperson(), "admin");
        assertThat(detail.getList("events.to", String.class)).containsExactly("NEW", "ASSIGNED", "ACKNOWLEDGED",
                "RESPONDED", "CLOSED", "REOPENED");
        assertThat(detail.getString("events[2].note")).isEqualTo("收到");
    }

    @Test
    void staleVersionsAndMissingVersionsAreRefused() {
        Fixtures.Desk desk = Fixtures.desk();
        int id = Fixtures.openCase(desk, "一般");
        int seen = Fixtures.version(id);
        desk.asSpokesperson().body(Map.of("version", seen)).post("/api/cases/" + id + "/acknowledge").then().statusCode(200);
        // a second client still holding the old version
        desk.asSpokesperson().body(Map.of("version", seen, "reason", "不归我们管")).post("/api/cases/" + id + "/transfer")
                .then().statusCode(409).body("errors.field", hasItem("version"));
        desk.asSpokesperson().body(Map.of("reason", "不归我们管")).post("/api/cases/" + id + "/transfer")
                .then().statusCode(400).body("errors.field", hasItem("version"));
    }

    @Test
    void transferNeedsAReasonAndTheTrailSaysWhoDeclinedAndWhereItWent() {
        Fixtures.Desk first = Fixtures.desk();
        Fixtures.Desk second = Fixtures.desk();
        int id = Fixtures.openCase(first, "较大");
        first.asSpokesperson().body(step(id, "reason", " ")).post("/api/cases/" + id + "/transfer").then().statusCode(400)
                .body("errors.field", hasItem("reason"));
        first.asSpokesperson().body(step(id, "reason", "该路段属于相邻社区")).post("/api/cases/" + id + "/transfer")
                .then().statusCode(200).body("status", equalTo("TRANSFER_REQUESTED")).body("transferReason", equalTo("该路段属于相邻社区"));
        // the spokesperson cannot reassign it themselves
        first.asSpokesperson().body(step(id, "unitId", second.unitId())).post("/api/cases/" + id + "/assign").then().statusCode(403);
        asAdmin().body(step(id, "unitId", second.unitId(), "note", "改派")).post("/api/cases/" + id + "/assign").then()
                .statusCode(200).body("status", equalTo("ASSIGNED")).body("unit", equalTo(second.unit()));
        asAdmin().get("/api/cases/" + id).then().body("publicTrail", contains("交办至 " + first.unit(),
                first.unit() + " 申请转办，理由：该路段属于相邻社区", "交办至 " + second.unit()));
        // now the first unit cannot see it any more, the second can
        first.asSpokesperson().get("/api/cases/" + id).then().statusCode(403);
        second.asSpokesperson().get("/api/cases/" + id).then().statusCode(200);

        // refused: the unit keeps the case
        second.asSpokesperson().body(step(id, "reason", "不是我们的")).post("/api/cases/" + id + "/transfer").then().statusCode(200);
        second.asSpokesperson().body(step(id)).post("/api/cases/" + id + "/refuse-transfer").then().statusCode(403);
        asAdmin().body(step(id, "note", "属于本社区")).post("/api/cases/" + id + "/refuse-transfer").then().statusCode(200)
                .body("status", equalTo("ACKNOWLEDGED")).body("unit", equalTo(second.unit()));
        asAdmin().get("/api/cases/" + id).then().body("publicTrail", hasItem("转办申请未获同意，原单位继续办理：属于本社区"));
    }

    @Test
    void aSpokespersonSeesAndActsOnlyOnTheirOwnUnitsCases() {
        Fixtures.Desk mine = Fixtures.desk();
        Fixtures.Desk other = Fixtures.desk();
        int id = Fixtures.openCase(other, "一般");
        int own = Fixtures.openCase(mine, "一般");
        mine.asSpokesperson().get("/api/cases/" + id).then().statusCode(403);
        mine.asSpokesperson().body(step(id)).post("/api/cases/" + id + "/acknowledge").then().statusCode(403);
        mine.asSpokesperson().body(step(id, "text", "x", "channel", "WEIBO", "url", "https://weibo.com/1"))
                .post("/api/cases/" + id + "/respond").then().statusCode(403);
        mine.asSpokesperson().get("/api/cases?size=200").then().statusCode(200).body("items.id", hasItem(own))
                .body("items.id", not(hasItem(id))).body("items.unitId", not(hasItem((int) other.unitId())));
        mine.asSpokesperson().get("/api/cases?unitId=" + other.unitId()).then().statusCode(200).body("total", equalTo(0));
        mine.asSpokesperson().get("/api/cases/99999999").then().statusCode(404);
        // spokespersons do not open cases
        int post = Fixtures.post("测试帖子内容，路面坑洼。");
        mine.asSpokesperson().body(Map.of("postId", post, "unitId", mine.unitId())).post("/api/cases").then().statusCode(403);

        String propaganda = Api.newUser("propaganda");
        as(propaganda, PW).get("/api/cases/" + id).then().statusCode(200);
        as(propaganda, PW).body(step(id)).post("/api/cases/" + id + "/acknowledge").then().statusCode(403);
        as(propaganda, PW).body(step(id, "note", "x")).post("/api/cases/" + id + "/close").then().statusCode(403);
        String analyst = Api.newUser("analyst");
        as(analyst, PW).get("/api/cases?size=200").then().statusCode(200).body("items.id", hasItems(id, own));
        as(analyst, PW).body(step(id)).post("/api/cases/" + id + "/acknowledge").then().statusCode(403);
        as(analyst, PW).body(step(id, "note", "重复")).post("/api/cases/" + id + "/close").then().statusCode(200);
        // a spokesperson may close only after responding
        mine.asSpokesperson().body(step(own, "note", "x")).post("/api/cases/" + own + "/close").then().statusCode(403);
    }

    @Test
    void badInputNamesTheField() {
        Fixtures.Desk desk = Fixtures.desk();
        asAdmin().body(Map.of("grade", "一般")).post("/api/cases").then().statusCode(400).body("errors.field", hasItem("postId"));
        asAdmin().body(Map.of("postId", 987654321, "unitId", 987654321, "grade", "极大")).post("/api/cases").then()
                .statusCode(400).body("errors.field", hasItems("postId", "unitId", "grade"));
        asAdmin().body(Map.of("topicId", 987654321)).post("/api/cases").then().statusCode(400).body("errors.field", hasItem("topicId"));
        int post = Fixtures.post("河道垃圾堆积无人清理。");
        Map<String, Object> past = new HashMap<>(Map.of("postId", post, "unitId", desk.unitId(),
                "acknowledgeBy", OffsetDateTime.now().minusDays(1).toString()));
        asAdmin().body(past).post("/api/cases").then().statusCode(400).body("errors.field", hasItem("acknowledgeBy"));
        Map<String, Object> reversed = new HashMap<>(Map.of("postId", post, "unitId", desk.unitId(),
                "acknowledgeBy", OffsetDateTime.now().plusDays(3).toString(), "respondBy", OffsetDateTime.now().plusDays(1).toString()));
        asAdmin().body(reversed).post("/api/cases").then().statusCode(400).body("errors.field", hasItem("respondBy"));
        asAdmin().body(Map.of("postId", post, "acknowledgeBy", "tomorrow")).post("/api/cases").then().statusCode(400)
                .body("errors.field", hasItem("acknowledgeBy"));
        asAdmin().get("/api/cases?status=LOST").then().statusCode(400).body("errors.field", hasItem("status"));
        asAdmin().get("/api/cases?size=0").then().statusCode(400).body("errors.field", hasItem("size"));

        int id = Fixtures.openCase(desk, "一般");
        desk.asSpokesperson().body(step(id)).post("/api/cases/" + id + "/acknowledge").then().statusCode(200);
        desk.asSpokesperson().body(step(id, "channel", "FAX", "url", "ftp://x", "publishedAt", OffsetDateTime.now().plusDays(2).toString()))
                .post("/api/cases/" + id + "/respond").then().statusCode(400)
                .body("errors.field", hasItems("text", "channel", "publishedAt"));
        desk.asSpokesperson().body(step(id, "text", "回应", "channel", "WEIBO", "url", "javascript:alert(1)"))
                .post("/api/cases/" + id + "/respond").then().statusCode(400).body("errors.field", hasItem("url"));
        // the same post cannot be opened twice for the same unit while a case is open
        int again = asAdmin().get("/api/cases/" + id).then().extract().path("item.postId");
        asAdmin().body(Map.of("postId", again, "unitId", desk.unitId())).post("/api/cases").then().statusCode(409)
                .body("errors.field", hasItem("unitId"));
    }

    @Test
    void deadlinesFollowTheGradeAndTheWorkingDayCalendarAcrossNationalDay() {
        Fixtures.Desk desk = Fixtures.desk();
        int post = Fixtures.post("路面塌陷，存在安全隐患。");
        clock.set(Instant.parse("2025-09-30T02:00:00Z")); // Tuesday 10:00 in 海澄区, the day before the holiday
        JsonPath c = asAdmin().body(Map.of("postId", post, "unitId", desk.unitId(), "grade", "GENERAL")).post("/api/cases")
                .then().statusCode(201).extract().jsonPath();
        assertThat(c.getString("acknowledgeDue")).isEqualTo("2025-10-01T02:00:00Z");
        assertThat(c.getString("responseDue")).isEqualTo("2025-10-02T02:00:00Z");
        // 7 working days: 10-1..10-8 off, then Thu 9, Fri 10, the worked Saturday 11, Mon 13 .. Thu 16
        assertThat(c.getString("finalDue")).isEqualTo("2025-10-16T02:00:00Z");

        int post2 = Fixtures.post("化工厂爆炸，浓烟滚滚。");
        JsonPath major = asAdmin().body(Map.of("postId", post2, "unitId", desk.unitId(), "grade", "重大")).post("/api/cases")
                .then().statusCode(201).extract().jsonPath();
        assertThat(major.getString("responseDue")).isEqualTo("2025-09-30T07:00:00Z");
        assertThat(major.getString("finalDue")).isEqualTo("2025-10-01T02:00:00Z");

        // overdue is derived: three hours later nothing, six hours later the 重大 case's response is late
        clock.set(Instant.parse("2025-09-30T08:00:00Z"));
        int id = major.getInt("id");
        desk.asSpokesperson().get("/api/cases/" + id).then().body("item.overdue", equalTo(true));
        desk.asSpokesperson().get("/api/cases?overdue=true").then().body("items.id", contains(id));
        desk.asSpokesperson().get("/api/cases?overdue=false").then().body("items.id", contains(c.getInt("id")));
        // the inbox order: the nearest deadline first
        desk.asSpokesperson().get("/api/cases?open=true").then().body("items.id", contains(id, c.getInt("id")));
    }

    @Test
    void anApprovalStepHoldsTheResponseUntilAnAnalystApproves() {
        Fixtures.Desk desk = Fixtures.desk();
        int post = Fixtures.post("学校门口交通拥堵，孩子上学不安全。");
        int id = asAdmin().body(Map.of("postId", post, "unitId", desk.unitId(), "requiresApproval", true)).post("/api/cases")
                .then().statusCode(201).extract().path("id");
        desk.asSpokesperson().body(step(id)).post("/api/cases/" + id + "/acknowledge").then().statusCode(200);
        desk.asSpokesperson().body(step(id, "text", "将增派交警疏导。", "channel", "WECHAT", "url", "https://mp.weixin.qq.com/s/abc"))
                .post("/api/cases/" + id + "/respond").then().statusCode(200).body("status", equalTo("ACKNOWLEDGED"))
                .body("responsePending", equalTo(true)).body("respondedAt", equalTo(null));
        desk.asSpokesperson().body(step(id)).post("/api/cases/" + id + "/approve").then().statusCode(403);
        asAdmin().body(step(id)).post("/api/cases/" + id + "/approve").then().statusCode(200)
                .body("status", equalTo("RESPONDED")).body("response.approvedBy", equalTo("admin"))
                .body("respondedAt", notNullValue());
        asAdmin().body(step(id)).post("/api/cases/" + id + "/approve").then().statusCode(409);
    }

    @Test
    void aRuleWithAutoOpenOpensACaseForANewPost() {
        Fixtures.Desk desk = Fixtures.desk();
        String word = Api.unique("井盖");
        Map<String, Object> rule = new HashMap<>();
        rule.put("name", "自动交办 " + word);
        rule.put("keywords", List.of(word));
        rule.put("targetUnits", List.of(desk.unit()));
        rule.put("autoOpen", true);
        rule.put("grade", "较大");
        int ruleId = asAdmin().body(rule).post("/api/routing/rules").then().statusCode(201).extract().path("id");
        try {
            int post = Fixtures.post("路上的" + word + "丢了，很危险。");
            JsonPath list = desk.asSpokesperson().get("/api/cases").then().statusCode(200).extract().jsonPath();
            assertThat(list.getList("items.postId", Integer.class)).containsExactly(post);
            assertThat(list.getString("items[0].grade")).isEqualTo("LARGER");
            assertThat(list.getString("items[0].status")).isEqualTo("ASSIGNED");
            assertThat(list.getString("items[0].createdBy")).isEqualTo("system");
        } finally {
            asAdmin().delete("/api/routing/rules/" + ruleId).then().statusCode(204);
        }
    }

    @Test
    void concurrentEditsOfOneCaseLetOneWinAndTheOtherGets409() throws Exception {
        Fixtures.Desk desk = Fixtures.desk();
        int id = Fixtures.openCase(desk, "一般");
        int seen = Fixtures.version(id);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<Integer>> results = new java.util.ArrayList<>();
            results.add(pool.submit(() -> {
                go.await();
                return desk.asSpokesperson().body(Map.of("version", seen)).post("/api/cases/" + id + "/acknowledge").statusCode();
            }));
            results.add(pool.submit(() -> {
                go.await();
                return desk.asSpokesperson().body(Map.of("version", seen, "reason", "不归本单位"))
                        .post("/api/cases/" + id + "/transfer").statusCode();
            }));
            go.countDown();
            List<Integer> codes = new java.util.ArrayList<>();
            for (var f : results) {
                codes.add(f.get());
            }
            assertThat(codes).containsExactlyInAnyOrder(200, 409);
        } finally {
            pool.shutdownNow();
        }
        JsonPath c = asAdmin().get("/api/cases/" + id).then().extract().jsonPath();
        assertThat(c.getInt("item.version")).isEqualTo(seen + 1);
        assertThat(c.getList("events.kind", String.class)).hasSize(3);
    }
}
