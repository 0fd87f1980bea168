package org.minyi.routing;

import static org.minyi.Api.as;
import static org.minyi.Api.asAdmin;
import static org.minyi.Api.unique;

import io.restassured.specification.RequestSpecification;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.minyi.Api;

/** A unit with its own spokesperson, a post, and cases opened through the API. */
final class Fixtures {

    static final String PW = "password-123";

    private Fixtures() {
    }

    /** A fresh community under 澄湖街道 with a fresh spokesperson. */
    record Desk(long unitId, String unit, String spokesperson) {
        RequestSpecification asSpokesperson() {
            return as(spokesperson, PW);
        }
    }

    static Desk desk() {
        String user = Api.newUser("spokesperson");
        String name = unique("社区");
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("kind", "COMMUNITY");
        body.put("parentId", UnitResourceTest.idOf("澄湖街道"));
        body.put("spokespersons", List.of(user));
        int id = asAdmin().body(body).post("/api/units").then().statusCode(201).extract().path("id");
        return new Desk(id, name, user);
    }

    static int post(String content) {
        String source = Api.newSource();
        return asAdmin().body(Map.of("source", source, "url", "https://example.org/" + unique("p"), "title", "帖子",
                "content", content)).post("/api/posts").then().statusCode(201).extract().path("id");
    }

    /** Opens a case for a new post, assigned to the desk's unit; returns the case id. */
    static int openCase(Desk desk, String grade) {
        int post = post("小区门口的路灯坏了一个月没人修，晚上很黑。");
        return asAdmin().body(Map.of("postId", post, "unitId", desk.unitId(), "grade", grade)).post("/api/cases")
                .then().statusCode(201).extract().path("id");
    }

    static int version(int caseId) {
        return asAdmin().get("/api/cases/" + caseId).then().statusCode(200).extract().path("item.version");
    }

    static Map<String, Object> step(int caseId, Object... kv) {
        Map<String, Object> m = new HashMap<>();
        m.put("version", version(caseId));
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}
