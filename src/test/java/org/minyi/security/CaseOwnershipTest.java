package org.minyi.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.minyi.Api.as;
import static org.minyi.Api.asAdmin;
import static org.minyi.Api.unique;

import io.quarkus.test.junit.QuarkusTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.minyi.Api;

/**
 * Data ownership: a spokesperson reaches only the cases of their own units, by any id and on every case endpoint;
 * a notification is read only by the user it was sent to.
 */
@QuarkusTest
class CaseOwnershipTest {

    static final String PW = "password-123";

    record Desk(int unitId, String spokesperson) {
    }

    static Desk desk() {
        String user = Api.newUser("spokesperson");
        Map<String, Object> unit = new HashMap<>();
        unit.put("name", unique("归属测试局"));
        unit.put("kind", "DEPARTMENT");
        unit.put("spokespersons", List.of(user));
        int id = asAdmin().body(unit).post("/api/units").then().statusCode(201).extract().path("id");
        return new Desk(id, user);
    }

    static int openCase(Desk desk) {
        String source = Api.newSource();
        int post = asAdmin().body(Map.of("source", source, "url", "https://example.org/" + unique("p"), "title", "噪音扰民",
                        "content", "工地夜里施工噪音太大，投诉多次没人管。")).post("/api/posts").then().statusCode(201)
                .extract().path("id");
        return asAdmin().body(Map.of("postId", post, "unitId", desk.unitId())).post("/api/cases").then().statusCode(201)
                .extract().path("id");
    }

    static int version(int caseId) {
        return asAdmin().get("/api/cases/" + caseId).then().statusCode(200).extract().path("item.version");
    }

    @Test
    void aSpokespersonReachesNoCaseOfAnotherUnitOnAnyEndpoint() {
        Desk a = desk();
        Desk b = desk();
        int caseOfA = openCase(a);
        int v = version(caseOfA);
        // b, with a valid version and valid bodies, is refused on every endpoint with exactly 403
        as(b.spokesperson(), PW).get("/api/cases/" + caseOfA).then().statusCode(403);
        Map<String, Map<String, Object>> steps = Map.of(
                "assign", Map.of("version", v, "unitId", b.unitId()),
                "acknowledge", Map.of("version", v),
                "transfer", Map.of("version", v, "reason", "不归我们管"),
                "refuse-transfer", Map.of("version", v),
                "respond", Map.of("version", v, "text", "已处理", "channel", "PRESS_CONFERENCE"),
                "approve", Map.of("version", v),
                "close", Map.of("version", v),
                "reopen", Map.of("version", v, "note", "再看看"));
        steps.forEach((step, body) -> as(b.spokesperson(), PW).body(body).post("/api/cases/" + caseOfA + "/" + step)
                .then().statusCode(403));
        // nor with a stale or missing version (the refusal comes first, so nothing about the case leaks)
        as(b.spokesperson(), PW).body(Map.of()).post("/api/cases/" + caseOfA + "/acknowledge").then().statusCode(403);
        as(b.spokesperson(), PW).body(Map.of("version", v + 7)).post("/api/cases/" + caseOfA + "/respond").then().statusCode(403);
        // the list hides it, also when asked for a's unit by id
        List<Integer> listed = as(b.spokesperson(), PW).get("/api/cases?size=200").then().statusCode(200).extract().path("items.id");
        assertThat(listed).doesNotContain(caseOfA);
        List<Integer> byUnit = as(b.spokesperson(), PW).get("/api/cases?unitId=" + a.unitId()).then().statusCode(200)
                .extract().path("items.id");
        assertThat(byUnit).isEmpty();
        // nothing changed; a's spokesperson still acts on it
        assertThat(version(caseOfA)).isEqualTo(v);
        as(a.spokesperson(), PW).get("/api/cases/" + caseOfA).then().statusCode(200);
        as(a.spokesperson(), PW).body(Map.of("version", v)).post("/api/cases/" + caseOfA + "/acknowledge").then()
                .statusCode(200).body("status", equalTo("ACKNOWLEDGED"));
        // and a's spokesperson is refused the analysts' steps
        as(a.spokesperson(), PW).body(Map.of("version", version(caseOfA), "unitId", b.unitId()))
                .post("/api/cases/" + caseOfA + "/assign").then().statusCode(403);
    }

    @Test
    void aNotificationIsReadOnlyByItsUser() {
        Desk a = desk();
        Desk b = desk();
        openCase(a); // assignment notifies a's spokesperson
        List<Integer> mine = as(a.spokesperson(), PW).get("/api/notifications").then().statusCode(200).extract().path("id");
        assertThat(mine).isNotEmpty();
        List<Integer> theirs = as(b.spokesperson(), PW).get("/api/notifications").then().statusCode(200).extract().path("id");
        assertThat(theirs).doesNotContainAnyElementsOf(mine);
        as(b.spokesperson(), PW).post("/api/notifications/" + mine.get(0) + "/read").then().statusCode(404);
        as(a.spokesperson(), PW).post("/api/notifications/" + mine.get(0) + "/read").then().statusCode(200);
    }

    @Test
    void propagandaAndEmergencyReadCasesButChangeNone() {
        Desk a = desk();
        int c = openCase(a);
        int v = version(c);
        for (String role : List.of("propaganda", "emergency")) {
            String user = Api.newUser(role);
            as(user, PW).get("/api/cases/" + c).then().statusCode(200);
            for (String step : List.of("assign", "acknowledge", "transfer", "respond", "approve", "close", "reopen")) {
                as(user, PW).body(Map.of("version", v, "unitId", a.unitId(), "reason", "x", "note", "x"))
                        .post("/api/cases/" + c + "/" + step).then().statusCode(403);
            }
        }
        assertThat(version(c)).isEqualTo(v);
    }
}
