package org.minyi.topic.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.minyi.Api.as;
import static org.minyi.Api.asAdmin;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.minyi.Api;
import org.minyi.TestClock;
import org.minyi.topic.service.TopicService;

/**
 * Topics through the API, on small hand-made Chinese streams: joining, starting, replies and reposts, edits and the
 * merge job respecting them, the time series after out-of-order arrivals, the emerging flag with an injected clock.
 */
@QuarkusTest
class TopicResourceTest {

    @Inject
    TestClock clock;

    @Inject
    TopicService topics;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private static Map<String, Object> post(String source, String url, String text, String at, String parentUrl) {
        Map<String, Object> p = new HashMap<>();
        p.put("source", source);
        p.put("url", url);
        p.put("title", text.length() > 20 ? text.substring(0, 20) : text);
        p.put("content", text);
        p.put("publishedAt", at);
        if (parentUrl != null) {
            p.put("parentUrl", parentUrl);
        }
        return p;
    }

    /** Sends one post; answers {id, topicId}. */
    private static long[] send(String source, String url, String text, String at, String parentUrl) {
        JsonPath r = asAdmin().body(post(source, url, text, at, parentUrl)).post("/api/posts").then().statusCode(201)
                .extract().jsonPath();
        return new long[] {r.getLong("id"), r.getLong("topicId")};
    }

    private static long topicOf(long postId) {
        return asAdmin().get("/api/posts/" + postId).then().statusCode(200).extract().jsonPath().getLong("topicId");
    }

    private static final String NOISE_1 = "望潮街道观澜社区工地夜间施工，噪音扰民，居民整夜无法入睡，投诉多次没人管";
    private static final String NOISE_2 = "观澜社区工地半夜还在施工，噪音太大，老人孩子都睡不着，希望有关部门管管";
    private static final String NOISE_3 = "又是观澜社区那个工地，夜间施工噪音一直持续到凌晨两点";
    private static final String RIVER_1 = "化工厂偷排废水，河水发臭发黑，岸边死鱼成片，生态环境分局快来查查";
    private static final String RIVER_2 = "河里又漂满死鱼，废水直接排进河道，河水臭得没法走路";

    @Test
    void postsJoinTopicsByContentRepliesByThreadAndUnrelatedPostsStartTopics() {
        String s = Api.newSource();
        long[] n1 = send(s, "https://bbs.example.org/t/1", NOISE_1, "2026-06-01T09:00:00+08:00", null);
        long[] n2 = send(s, "https://bbs.example.org/t/2", NOISE_2, "2026-06-01T09:40:00+08:00", null);
        long[] r1 = send(s, "https://bbs.example.org/t/3", RIVER_1, "2026-06-01T11:00:00+08:00", null);
        long[] r2 = send(s, "https://bbs.example.org/t/4", RIVER_2, "2026-06-01T11:30:00+08:00", null);
        long[] n3 = send(s, "https://bbs.example.org/t/5", NOISE_3, "2026-06-01T13:00:00+08:00", null);
        // a reply sharing no word with its thread still joins it; so does an exact repost elsewhere
        long[] reply = send(s, "https://bbs.example.org/t/3#r1", "支持，必须严查！", "2026-06-01T15:00:00+08:00",
                "https://bbs.example.org/t/3");
        String other = Api.newSource();
        long[] repost = send(other, "https://news.example.org/a/1", NOISE_1, "2026-06-01T16:00:00+08:00", null);

        assertThat(n1[1]).isEqualTo(topicOf(n1[0]));
        assertThat(n2[1]).isEqualTo(n1[1]);
        assertThat(n3[1]).isEqualTo(n1[1]);
        assertThat(r1[1]).isNotEqualTo(n1[1]);
        assertThat(r2[1]).isEqualTo(r1[1]);
        assertThat(reply[1]).isEqualTo(r1[1]);
        assertThat(repost[1]).isEqualTo(n1[1]);

        asAdmin().get("/api/topics/" + n1[1]).then().statusCode(200)
                .body("postCount", equalTo(4)).body("sourceCount", equalTo(2)).body("status", equalTo("open"))
                .body("label", containsString("观澜社区")).body("keywords", hasItem("噪音"))
                .body("firstSeen", equalTo("2026-06-01T09:00:00+08:00")).body("lastSeen", equalTo("2026-06-01T16:00:00+08:00"))
                .body("sentiment.negative", notNullValue()).body("hotness", notNullValue())
                .body("sources.size()", equalTo(2));
        asAdmin().get("/api/topics/" + r1[1]).then().statusCode(200)
                .body("postCount", equalTo(3)).body("replyCount", equalTo(1));
        asAdmin().get("/api/topics/" + n1[1] + "/posts?sort=oldest").then().statusCode(200)
                .body("total", equalTo(4)).body("items[0].id", equalTo((int) n1[0]));
    }

    @Test
    void timelineCountsLateArrivalsInTheirOwnHour() {
        String s = Api.newSource();
        String thread = "https://bbs.example.org/flood";
        long[] root = send(s, thread, "暴雨后海澄区多条道路积水严重，车辆熄火", "2026-06-02T10:30:00+08:00", null);
        send(s, thread + "#2", "早上八点就开始积水了", "2026-06-02T08:15:00+08:00", thread);
        send(s, thread + "#3", "九点多还是过不去", "2026-06-02T09:45:00+08:00", thread);
        send(s, thread + "#4", "十点半排水车才到", "2026-06-02T10:50:00+08:00", thread);

        List<Map<String, Object>> points = asAdmin().get("/api/topics/" + root[1] + "/timeline").then().statusCode(200)
                .extract().jsonPath().getList("$");
        assertThat(points).extracting(p -> p.get("hour"))
                .containsExactly("2026-06-02T08:00:00+08:00", "2026-06-02T09:00:00+08:00", "2026-06-02T10:00:00+08:00");
        assertThat(points).extracting(p -> p.get("posts")).containsExactly(1, 1, 2);
        assertThat(points).extracting(p -> p.get("replies")).containsExactly(1, 1, 1);
        asAdmin().get("/api/topics/" + root[1]).then().body("firstSeen", equalTo("2026-06-02T08:15:00+08:00"));
        asAdmin().queryParam("from", "2026-06-02T07:00:00+08:00").queryParam("to", "2026-06-02T08:00:00+08:00")
                .get("/api/topics/" + root[1] + "/timeline")
                .then().statusCode(200).body("posts", equalTo(List.of(0, 1)));
        asAdmin().get("/api/topics/" + root[1] + "/timeline?from=yesterday").then().statusCode(400)
                .body("errors[0].field", equalTo("from"));
    }

    /** Two threads on a threaded source: the clusterer cannot join them (their opening posts differ). */
    private long[] twoThreadsAboutTheSameThing(String s, String day) {
        String a = "https://bbs.example.org/" + day + "/a";
        String b = "https://bbs.example.org/" + day + "/b";
        long[] ta = send(s, a, "拆迁补偿标准到底怎么定的", day + "T09:00:00+08:00", null);
        long[] tb = send(s, b, "村里开会说明天测量房屋面积", day + "T09:05:00+08:00", null);
        List<Map<String, Object>> replies = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String text = "征迁办的拆迁补偿款每平方米比邻村低了很多，村民要求公开补偿标准" + i;
            replies.add(post(s, a + "#" + i, text, day + "T09:1" + i + ":00+08:00", a));
            replies.add(post(s, b + "#" + i, text + "号", day + "T09:2" + i + ":00+08:00", b));
        }
        asAdmin().body(replies).post("/api/posts").then().statusCode(201);
        assertThat(ta[1]).isNotEqualTo(tb[1]);
        return new long[] {ta[1], tb[1], ta[0], tb[0]};
    }

    @Test
    void mergeJobMergesConvergingTopicsButNeverASplitPair() {
        String s = Api.newSource();
        long[] t = twoThreadsAboutTheSameThing(s, "2026-06-03");
        int merges = QuarkusTransaction.requiringNew().call(topics::mergeConverging);
        assertThat(merges).isGreaterThanOrEqualTo(1);
        long survivor = topicOf(t[2]);
        assertThat(topicOf(t[3])).isEqualTo(survivor);
        asAdmin().get("/api/topics/" + survivor).then().body("postCount", equalTo(14));
        long gone = survivor == t[0] ? t[1] : t[0];
        asAdmin().get("/api/topics/" + gone).then().statusCode(200).body("status", equalTo("merged"))
                .body("mergedInto", equalTo((int) survivor));

        // an analyst splits the second thread out again: the job leaves the pair apart, the moved posts stay moved
        List<Long> moved = asAdmin().get("/api/topics/" + survivor + "/posts?size=200").then().extract().jsonPath()
                .getList("items.findAll { it.url.contains('2026-06-03/b') }.id", Long.class);
        assertThat(moved).hasSize(7);
        long split = asAdmin().body(Map.of("postIds", moved, "label", "测量房屋面积")).post("/api/topics/" + survivor + "/split")
                .then().statusCode(201).body("postCount", equalTo(7)).body("label", equalTo("测量房屋面积"))
                .extract().jsonPath().getLong("id");
        asAdmin().get("/api/topics/" + survivor).then().body("postCount", equalTo(7));
        QuarkusTransaction.requiringNew().call(topics::mergeConverging);
        assertThat(topicOf(t[3])).isEqualTo(split);
        assertThat(topicOf(t[2])).isEqualTo(survivor);
        asAdmin().get("/api/topics/" + split).then().body("status", equalTo("open"));
    }

    @Test
    void analystEditsAndTheirBadInputs() {
        String s = Api.newSource();
        long[] a = send(s, "https://bbs.example.org/e/1", "锦绣小区物业乱收停车费，业主多次反映，物业公司态度恶劣", "2026-06-04T09:00:00+08:00", null);
        send(s, "https://bbs.example.org/e/1#1", "同样被多收了钱", "2026-06-04T09:05:00+08:00", "https://bbs.example.org/e/1");
        long[] b = send(s, "https://bbs.example.org/e/2", "冬季供暖不达标，暖气片冰凉，热力公司电话一直打不通", "2026-06-04T12:00:00+08:00", null);
        long[] c = send(s, "https://bbs.example.org/e/3", "学校食堂饭菜有异味，多名学生腹痛就医", "2026-06-04T15:00:00+08:00", null);

        // rename: the label stays when new posts arrive
        asAdmin().body(Map.of("label", "锦绣小区停车收费")).post("/api/topics/" + a[1] + "/rename").then().statusCode(200)
                .body("label", equalTo("锦绣小区停车收费")).body("labelLocked", equalTo(true));
        send(s, "https://bbs.example.org/e/4", "锦绣小区物业又涨停车费了，业主准备集体投诉物业公司", "2026-06-04T09:30:00+08:00", null);
        asAdmin().get("/api/topics/" + a[1]).then().body("label", equalTo("锦绣小区停车收费")).body("postCount", equalTo(3));
        asAdmin().body(Map.of("label", " ")).post("/api/topics/" + a[1] + "/rename").then().statusCode(400)
                .body("errors[0].field", equalTo("label"));

        // missing topics: 404
        asAdmin().body(Map.of("label", "x")).post("/api/topics/999999999/rename").then().statusCode(404);
        asAdmin().body(Map.of("into", a[1])).post("/api/topics/999999999/merge").then().statusCode(404);
        asAdmin().body(Map.of("into", 999999999)).post("/api/topics/" + a[1] + "/merge").then().statusCode(404);
        asAdmin().post("/api/topics/999999999/close").then().statusCode(404);
        asAdmin().body(Map.of("postIds", List.of(1))).post("/api/topics/999999999/split").then().statusCode(404);
        asAdmin().get("/api/topics/999999999").then().statusCode(404);
        asAdmin().get("/api/topics/999999999/posts").then().statusCode(404);
        asAdmin().get("/api/topics/999999999/timeline").then().statusCode(404);

        // merge into itself, or into a closed topic: 409 with the reason
        asAdmin().body(Map.of("into", a[1])).post("/api/topics/" + a[1] + "/merge").then().statusCode(409)
                .body("detail", containsString("itself"));
        asAdmin().post("/api/topics/" + c[1] + "/close").then().statusCode(200).body("status", equalTo("closed"));
        asAdmin().post("/api/topics/" + c[1] + "/close").then().statusCode(409);
        asAdmin().body(Map.of("into", c[1])).post("/api/topics/" + b[1] + "/merge").then().statusCode(409)
                .body("detail", containsString("closed"));
        asAdmin().body(Map.of()).post("/api/topics/" + b[1] + "/merge").then().statusCode(400).body("errors[0].field", equalTo("into"));
        // a closed topic takes no new posts: the same story starts a new topic
        long[] again = send(s, "https://bbs.example.org/e/5", "学校食堂饭菜有异味，又有学生腹痛就医", "2026-06-04T15:10:00+08:00", null);
        assertThat(again[1]).isNotEqualTo(c[1]);

        // split: every post, or a post of another topic, is refused and nothing changes
        List<Long> all = asAdmin().get("/api/topics/" + a[1] + "/posts").then().extract().jsonPath().getList("items.id", Long.class);
        asAdmin().body(Map.of("postIds", all)).post("/api/topics/" + a[1] + "/split").then().statusCode(409)
                .body("detail", containsString("empty"));
        asAdmin().body(Map.of("postIds", List.of(b[0]))).post("/api/topics/" + a[1] + "/split").then().statusCode(400)
                .body("errors[0].field", equalTo("postIds"));
        asAdmin().body(Map.of("postIds", List.of())).post("/api/topics/" + a[1] + "/split").then().statusCode(400);
        asAdmin().get("/api/topics/" + a[1]).then().body("postCount", equalTo(3));

        // a real merge moves the posts
        asAdmin().body(Map.of("into", a[1])).post("/api/topics/" + b[1] + "/merge").then().statusCode(200)
                .body("id", equalTo((int) a[1])).body("postCount", equalTo(4));
        assertThat(topicOf(b[0])).isEqualTo(a[1]);
        asAdmin().body(Map.of("into", a[1])).post("/api/topics/" + b[1] + "/merge").then().statusCode(409)
                .body("detail", containsString("merged"));
        asAdmin().post("/api/topics/" + c[1] + "/reopen").then().statusCode(200).body("status", equalTo("open"));

        // reading is for every role, editing for analysts and admins
        String spokesperson = Api.newUser("spokesperson");
        as(spokesperson, "password-123").get("/api/topics/" + a[1]).then().statusCode(200);
        as(spokesperson, "password-123").body(Map.of("label", "x")).post("/api/topics/" + a[1] + "/rename").then().statusCode(403);
    }

    @Test
    void listSortsAndFilters() {
        String s = Api.newSource();
        long[] a = send(s, "https://bbs.example.org/l/1", "望潮街道菜市场门口摊贩占道经营，早高峰车辆无法通行，城管执法在哪里", "2026-06-05T09:00:00+08:00", null);
        send(s, "https://bbs.example.org/l/2", "菜市场门口占道经营越来越严重，车辆和行人挤成一团，望潮街道管管吧", "2026-06-05T09:30:00+08:00", null);
        long[] b = send(s, "https://bbs.example.org/l/3", "化工园区夜里排放刺鼻气体，附近村民头晕恶心，强烈要求环保部门检查污染", "2026-06-05T20:00:00+08:00", null);

        JsonPath recent = asAdmin().queryParam("from", "2026-06-05T00:00:00+08:00").queryParam("to", "2026-06-06T00:00:00+08:00")
                .get("/api/topics?sort=recent")
                .then().statusCode(200).extract().jsonPath();
        assertThat(recent.getList("items.id", Long.class)).containsSubsequence(b[1], a[1]);
        assertThat(recent.getList("items[0].trend", Integer.class)).hasSize(24);
        asAdmin().get("/api/topics?sort=hotness&size=200").then().statusCode(200).body("items.id", hasItem((int) a[1]));
        asAdmin().get("/api/topics?place=望潮街道&size=200").then().statusCode(200).body("items.id", hasItem((int) a[1]));
        List<Long> env = asAdmin().get("/api/topics?category=环境保护&size=200").then().statusCode(200).extract().jsonPath()
                .getList("items.id", Long.class);
        assertThat(env).contains(b[1]);
        asAdmin().get("/api/topics?sentiment=negative&size=200").then().statusCode(200).body("items.id", hasItem((int) b[1]));
        asAdmin().get("/api/topics?emerging=false&size=200").then().statusCode(200).body("items.id", hasItem((int) a[1]));
        asAdmin().get("/api/topics?sort=loudest").then().statusCode(400).body("errors[0].field", equalTo("sort"));
        asAdmin().get("/api/topics?emerging=maybe").then().statusCode(400).body("errors[0].field", equalTo("emerging"));
        asAdmin().get("/api/topics?sentiment=angry").then().statusCode(400).body("errors[0].field", equalTo("sentiment"));
        asAdmin().get("/api/topics?size=0").then().statusCode(400).body("errors[0].field", equalTo("size"));
        asAdmin().queryParam("from", "2026-06-06T00:00:00+08:00").queryParam("to", "2026-06-05T00:00:00+08:00").get("/api/topics").then().statusCode(400);
    }

    @Test
    void aBurstAtThreeInTheMorningIsEmergingSteadyDaytimeTrafficIsNot() {
        // steady daytime traffic: a thread gets a reply every 2.5 minutes from 08:00 to 15:00
        String s = Api.newSource();
        OffsetDateTime day = OffsetDateTime.parse("2025-03-10T08:00:00+08:00");
        clock.set(day.plusHours(7).toInstant());
        String thread = "https://bbs.example.org/steady";
        long[] steady = send(s, thread, "地铁三号线早晚高峰拥挤，建议增加班次", day.toString(), null);
        List<Map<String, Object>> replies = new ArrayList<>();
        for (int i = 1; i < 168; i++) {
            replies.add(post(s, thread + "#" + i, "今天也挤不上车" + i, day.plusSeconds(150L * i).toString(), thread));
        }
        asAdmin().body(replies).post("/api/posts").then().statusCode(201);
        asAdmin().get("/api/topics/" + steady[1]).then().statusCode(200).body("postCount", equalTo(168))
                .body("emerging", equalTo(false)).body("emergingReason", containsString("posts in 30 min, baseline"));

        // 3 a.m. the next night: 12 angry posts in 20 minutes on a new thread
        OffsetDateTime night = OffsetDateTime.parse("2025-03-11T03:00:00+08:00");
        clock.set(night.plusMinutes(20).toInstant());
        String fire = "https://bbs.example.org/fire";
        long[] spike = send(s, fire, "凌晨观澜社区一栋居民楼起火，消防车迟迟不到，太气人了", night.toString(), null);
        List<Map<String, Object>> burst = new ArrayList<>();
        for (int i = 1; i < 12; i++) {
            burst.add(post(s, fire + "#" + i, "太可怕了，消防为什么这么慢，愤怒" + i, night.plusSeconds(100L * i).toString(), fire));
        }
        asAdmin().body(burst).post("/api/posts").then().statusCode(201);
        asAdmin().get("/api/topics/" + spike[1]).then().statusCode(200).body("postCount", equalTo(12))
                .body("emerging", equalTo(true)).body("emergingReason", containsString("12 posts in 30 min"))
                .body("emergingReason", containsString("% negative"));
        asAdmin().get("/api/topics?emerging=true&size=200").then().body("items.id", hasItem((int) spike[1]));

        // an hour later, without new posts, the minute job clears the flag
        clock.set(night.plusMinutes(90).toInstant());
        QuarkusTransaction.requiringNew().call(topics::refreshActive);
        asAdmin().get("/api/topics/" + spike[1]).then().body("emerging", equalTo(false));
        assertThat(Instant.now(clock)).isAfter(night.toInstant());
    }
}
