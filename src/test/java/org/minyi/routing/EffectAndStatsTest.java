package org.minyi.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.minyi.Api.as;
import static org.minyi.Api.asAdmin;
import static org.minyi.routing.Fixtures.PW;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.minyi.Api;
import org.minyi.TestClock;

@QuarkusTest
class EffectAndStatsTest {

    static final Instant T0 = Instant.parse("2025-06-10T01:00:00Z");

    @Inject
    TestClock clock;

    @Inject
    EntityManager em;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    int post(String source, Instant published, String content) {
        return asAdmin().body(Map.of("source", source, "url", "https://example.org/" + Api.unique("t"), "content", content,
                "publishedAt", published.toString())).post("/api/posts").then().statusCode(201).extract().path("id");
    }

    void topic(long topicId, List<Integer> posts) {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("update post set topic_id = ?1 where id in (?2)")
                .setParameter(1, topicId).setParameter(2, posts).executeUpdate());
    }

    @Test
    void aResponseAfterWhichTheTopicCalmsShowsItsNumbersOnTheCaseAndInTheLeagueTable() {
        String source = Api.newSource();
        Fixtures.Desk desk = Fixtures.desk();
        long topicId = ThreadLocalRandom.current().nextLong(1_000_000, 9_000_000);
        clock.set(T0);
        List<Integer> before = new ArrayList<>();
        before.add(post(source, T0.minus(Duration.ofHours(5)), "垃圾站臭气熏天，太恶心了，投诉多次没人管！"));
        before.add(post(source, T0.minus(Duration.ofHours(3)), "垃圾站臭死了，愤怒，物业不作为！"));
        before.add(post(source, T0.minus(Duration.ofHours(2)), "今天路过垃圾站，有点味道。"));
        topic(topicId, before);
        int id = asAdmin().body(Map.of("topicId", topicId, "unitId", desk.unitId(), "grade", "一般")).post("/api/cases")
                .then().statusCode(201).extract().path("id");

        clock.set(T0.plus(Duration.ofMinutes(30)));
        desk.asSpokesperson().body(Fixtures.step(id)).post("/api/cases/" + id + "/acknowledge").then().statusCode(200);
        clock.set(T0.plus(Duration.ofHours(2)));
        desk.asSpokesperson().body(Fixtures.step(id, "text", "已清运并加装除臭设备。", "channel", "WEIBO",
                "url", "https://weibo.com/haicheng/1")).post("/api/cases/" + id + "/respond").then().statusCode(200);
        topic(topicId, List.of(post(source, T0.plus(Duration.ofHours(5)), "垃圾站已经清理干净了，谢谢。")));

        clock.set(T0.plus(Duration.ofDays(2)));
        JsonPath c = asAdmin().get("/api/cases/" + id).then().statusCode(200).extract().jsonPath();
        assertThat(c.getString("item.topicId")).isEqualTo(String.valueOf(topicId));
        assertThat(c.getInt("effect.postsBefore")).isEqualTo(3);
        assertThat(c.getInt("effect.postsAfter")).isEqualTo(1);
        assertThat(c.getInt("effect.negativeBefore")).isGreaterThanOrEqualTo(2);
        assertThat(c.getInt("effect.negativeAfter")).isZero();
        assertThat(c.getBoolean("effect.calmed")).isTrue();

        JsonPath table = as(Api.newUser("propaganda"), PW).get("/api/routing/stats?from=2025-06-09&to=2025-06-11").then()
                .statusCode(200).extract().jsonPath();
        String row = "units.find { it.unitId == " + desk.unitId() + " }";
        assertThat(table.getInt(row + ".cases")).isEqualTo(1);
        assertThat(table.getDouble(row + ".responseRate")).isEqualTo(1.0);
        assertThat(table.getDouble(row + ".onTimeRate")).isEqualTo(1.0);
        assertThat(table.getLong(row + ".medianMinutesToAcknowledge")).isEqualTo(30);
        assertThat(table.getLong(row + ".medianMinutesToRespond")).isEqualTo(120);
        assertThat(table.getDouble(row + ".effectRate")).isEqualTo(1.0);
        // outside the period the unit has no row
        assertThat(asAdmin().get("/api/routing/stats?from=2025-07-01&to=2025-07-02").then().statusCode(200)
                .extract().jsonPath().getList("units.unitId", Long.class)).doesNotContain(desk.unitId());
    }

    @Test
    void badPeriodsAreRefusedAndSpokespersonsDoNotReadTheTable() {
        asAdmin().get("/api/routing/stats?from=yesterday").then().statusCode(400).body("errors.field", hasItem("from"));
        asAdmin().get("/api/routing/stats?from=2025-07-02&to=2025-07-01").then().statusCode(400).body("errors.field", hasItem("to"));
        as(Api.newUser("spokesperson"), PW).get("/api/routing/stats").then().statusCode(403);
    }
}
