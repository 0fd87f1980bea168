package org.minyi.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.minyi.Api;
import org.minyi.security.Role;

@QuarkusTest
class LearnPageResourceTest {

    private static String session(String user, String password) {
        return org.minyi.Api.formLogin(user, password).getCookie("minyi-session");
    }

    @Test
    void adminPagesForAdministratorsOnly() {
        given().redirects().follow(false).get("/models").then().statusCode(303).header("Location", endsWith("/login"));
        String admin = session("admin", Api.ADMIN_PASSWORD);
        given().cookie("minyi-session", admin).get("/models").then().statusCode(200)
                .body(containsString("模型质量")).body(containsString("/static/models.js"))
                .body(containsString("href=\"/dictionaries\"")).body(not(containsString("<script>")));
        given().cookie("minyi-session", admin).get("/dictionaries").then().statusCode(200)
                .body(containsString("/static/dictionaries.js"));
        given().get("/static/models.js").then().statusCode(200);
        String analyst = Api.newUser(Role.analyst);
        String s = session(analyst, "password-123");
        given().cookie("minyi-session", s).get("/models").then().statusCode(403);
        given().cookie("minyi-session", s).get("/posts").then().statusCode(200)
                .body(not(containsString("href=\"/models\""))).body(containsString("/static/corrections.js"));
    }
}
