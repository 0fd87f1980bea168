package org.minyi.topic.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.minyi.Api;

/** The topic pages: sign-in required, no inline scripts, charts served locally, edit actions for analysts only. */
@QuarkusTest
class TopicPagesTest {

    private static String login(String user, String password) {
        Response login = org.minyi.Api.formLogin(user, password);
        assertThat(login.statusCode()).isIn(302, 303);
        return login.getCookie("minyi-session");
    }

    @Test
    void pagesNeedSignInAndLoadTheirScripts() {
        given().redirects().follow(false).get("/topics").then().statusCode(303).header("Location", endsWith("/login"));
        given().redirects().follow(false).get("/topics/1").then().statusCode(303).header("Location", endsWith("/login"));

        String admin = login("admin", Api.ADMIN_PASSWORD);
        given().cookie("minyi-session", admin).get("/topics").then().statusCode(200)
                .body(containsString("/static/topics.js")).body(containsString("href=\"/topics\""))
                .body(not(containsString("<script>")));
        given().cookie("minyi-session", admin).get("/topics/42").then().statusCode(200)
                .body(containsString("data-topic-id=\"42\"")).body(containsString("/_static/echarts/5.6.0/dist/echarts.min.js"))
                .body(containsString("id=\"split\"")).body(not(containsString("<script>")));
        given().get("/_static/echarts/5.6.0/dist/echarts.min.js").then().statusCode(200);
        given().get("/static/topic.js").then().statusCode(200).body(not(containsString("innerHTML")));

        String spokesperson = Api.newUser("spokesperson");
        given().cookie("minyi-session", login(spokesperson, "password-123")).get("/topics/42").then().statusCode(200)
                .body(containsString("data-can-edit=\"false\"")).body(not(containsString("id=\"split\"")))
                .body(containsString("href=\"/topics\""));
    }
}
