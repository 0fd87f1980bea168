package org.minyi.routing;

import static org.assertj.core.api.Assertions.assertThat;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.minyi.Api;
import org.minyi.TestClock;

/** The deadline job with a fixed clock: reminders before, escalation after, once per deadline, and a bad case skipped. */
@QuarkusTest
class EscalationTest {

    static final Instant T0 = Instant.parse("2025-09-30T02:00:00Z");

    @Inject
    TestClock clock;

    @Inject
    Escalation escalation;

    @Inject
    EntityManager em;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    /** Unrelated complaints: each is a topic of its own, so each gets a case of its own. */
    private static final String[] STORIES = {
        "海边步道栏杆松动，有人差点掉下去。",
        "菜市场里的活禽摊位卫生很差，地上污水横流。",
        "学校门口早上接送孩子的车辆乱停乱放，堵得走不动。",
        "小区电梯这个月已经坏了三次，老人只能爬楼。",
    };
    private int opened;

    int open(Fixtures.Desk desk, String grade) {
        int post = Fixtures.post(STORIES[opened++ % STORIES.length]);
        return asAdmin().body(Map.of("postId", post, "unitId", desk.unitId(), "grade", grade)).post("/api/cases")
                .then().statusCode(201).extract().path("id");
    }

    @Test
    void remindsBeforeEscalatesAfterOnceAndOneBrokenCaseDoesNotStopTheBatch() {
        String analyst = Api.newUser("analyst");
        String head = Api.newUser("spokesperson");
        Fixtures.Desk desk = Fixtures.desk();
        Map<String, Object> unit = new HashMap<>(Map.of("name", desk.unit(), "kind", "COMMUNITY", "head", head,
                "parentId", UnitResourceTest.idOf("澄湖街道"), "spokespersons", List.of(desk.spokesperson())));
        asAdmin().body(unit).put("/api/units/" + desk.unitId()).then().statusCode(200);

        clock.set(T0);
        int broken = open(desk, "重大");
        int major = open(desk, "重大");
        int general = open(desk, "一般");
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("update routing_case set grade = 'BOGUS' where id = ?1")
                .setParameter(1, broken).executeUpdate());
        try {
            // 90 minutes in: the 重大 acknowledgement (2 h) is within the 2-hour reminder window
            clock.set(T0.plus(Duration.ofMinutes(90)));
            Escalation.Run run = escalation.run();
            assertThat(run.failedCases()).contains((long) broken);
            JsonPath notes = desk.asSpokesperson().get("/api/notifications").then().statusCode(200).extract().jsonPath();
            assertThat(notes.getList("findAll { it.caseId == " + major + " && it.kind != 'ASSIGNED' }.kind", String.class))
                    .containsExactly("REMINDER");
            assertThat(notes.getList("findAll { it.caseId == " + general + " && it.kind != 'ASSIGNED' }.id")).isEmpty();
            escalation.run();
            assertThat(desk.asSpokesperson().get("/api/notifications").then().extract().jsonPath()
                    .getList("findAll { it.caseId == " + major + " && it.kind == 'REMINDER' }.id")).hasSize(1);

            // three hours in: overdue, escalated to the head and the duty analysts, attention one grade up
            clock.set(T0.plus(Duration.ofHours(3)));
            assertThat(escalation.dueBefore(T0.plus(Duration.ofHours(3)))).contains((long) major);
            long version = asAdmin().get("/api/cases/" + major).then().extract().jsonPath().getLong("item.version");
            run = escalation.run();
            assertThat(run.failedCases()).contains((long) broken);
            assertThat(run.escalated()).isGreaterThanOrEqualTo(1);
            assertThat(as(head, PW).get("/api/notifications").then().statusCode(200).extract().jsonPath()
                    .getList("findAll { it.caseId == " + major + " }.kind", String.class)).containsExactly("ESCALATION");
            assertThat(as(analyst, PW).get("/api/notifications").then().extract().jsonPath()
                    .getList("findAll { it.caseId == " + major + " }.message", String.class))
                    .singleElement().asString().contains("签收").contains("特别重大");
            JsonPath c = asAdmin().get("/api/cases/" + major).then().statusCode(200).extract().jsonPath();
            assertThat(c.getBoolean("item.overdue")).isTrue();
            assertThat(c.getInt("item.escalations")).isEqualTo(1);
            assertThat(c.getString("item.attention")).isEqualTo("EXTRAORDINARY");
            assertThat(c.getList("events.kind", String.class)).endsWith("ESCALATED");
            asAdmin().get("/api/cases/" + general).then().body("item.escalations", org.hamcrest.Matchers.equalTo(0));

            // the escalation marks the deadline without a new version (an edit in flight is not refused for it)
            assertThat(c.getLong("item.version")).isEqualTo(version);
            // the same deadline is escalated once, and later ticks do not even read the case again
            assertThat(escalation.dueBefore(T0.plus(Duration.ofHours(3)))).doesNotContain((long) major).contains((long) broken);
            escalation.run();
            asAdmin().get("/api/cases/" + major).then().body("item.escalations", org.hamcrest.Matchers.equalTo(1));

            // acknowledged, the response clock runs (5 h) and later runs out: a second escalation
            desk.asSpokesperson().body(Fixtures.step(major)).post("/api/cases/" + major + "/acknowledge").then().statusCode(200);
            clock.set(T0.plus(Duration.ofHours(6)));
            escalation.run();
            asAdmin().get("/api/cases/" + major).then().body("item.escalations", org.hamcrest.Matchers.equalTo(2))
                    .body("item.runningClock", org.hamcrest.Matchers.equalTo("RESPONSE"));
        } finally {
            QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("update routing_case set status = 'CLOSED', grade = 'GENERAL' where id = ?1")
                    .setParameter(1, broken).executeUpdate());
        }
    }
}
