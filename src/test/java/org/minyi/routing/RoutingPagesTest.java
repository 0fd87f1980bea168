package org.minyi.routing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.not;
import static org.minyi.Api.as;
import static org.minyi.Api.asAdmin;
import static org.minyi.routing.Fixtures.PW;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.minyi.Api;

@QuarkusTest
class RoutingPagesTest {

    @Test
    void pagesPerRoleWithoutInlineScripts() {
        given().redirects().follow(false).get("/inbox").then().statusCode(303).header("Location", endsWith("/login"));
        String spokes = Api.newUser("spokesperson");
        String analyst = Api.newUser("analyst");
        as(spokes, PW).accept("text/html").get("/inbox").then().statusCode(200)
                .body(containsString("/static/inbox.js")).body(not(containsString("<script>")))
                .body(containsString("href=\"/inbox\"")).body(not(containsString("href=\"/dispatch\"")));
        as(spokes, PW).accept("text/html").get("/dispatch").then().statusCode(403);
        as(spokes, PW).accept("text/html").get("/rules").then().statusCode(403);
        as(analyst, PW).accept("text/html").get("/dispatch").then().statusCode(200).body(containsString("/static/dispatch.js"))
                .body(containsString("href=\"/rules\""));
        as(analyst, PW).accept("text/html").get("/rules").then().statusCode(200).body(containsString("explain-form"));
        given().get("/static/inbox.js").then().statusCode(200).body(containsString("textContent"))
                .body(not(containsString("innerHTML")));
    }

    @Test
    void theDispatchBoardListsPostsWithoutACaseWithSuggestedUnitsAndTheirRules() {
        int post = Fixtures.post("湖滨社区旁边的化工厂天天排放污水，河水发黑发臭，空气污染严重。");
        JsonPath board = asAdmin().get("/api/routing/unassigned?size=100").then().statusCode(200).extract().jsonPath();
        String item = "find { it.postId == " + post + " }";
        assertThat(board.getList(item + ".suggestions.unit", String.class)).contains("湖滨社区", "生态环境分局");
        assertThat(board.getString(item + ".suggestions.find { it.unit == '湖滨社区' }.rule")).startsWith("属地管理");
        int unitId = board.getInt(item + ".suggestions.find { it.unit == '湖滨社区' }.unitId");
        asAdmin().body(Map.of("postId", post, "unitId", unitId)).post("/api/cases").then().statusCode(201);
        assertThat(asAdmin().get("/api/routing/unassigned?size=100").then().extract().jsonPath()
                .getList("postId", Integer.class)).doesNotContain(post);
        as(Api.newUser("spokesperson"), PW).get("/api/routing/unassigned").then().statusCode(403);
        asAdmin().get("/api/routing/unassigned?size=0").then().statusCode(400);
    }
}
