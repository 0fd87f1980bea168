package org.minyi.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.minyi.Api.asAdmin;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.minyi.Api;

/**
 * CSRF: a request a browser would send on its own (session cookie, login and logout forms) needs the token; API
 * clients with HTTP Basic and no session cookie do not. And the security headers on pages and API answers.
 */
@QuarkusTest
class CsrfAndHeadersTest {

    static final String PW = "password-123";

    record Browser(String session, String csrf) {
    }

    static Browser signIn(String user, String password) {
        Response login = Api.formLogin(user, password);
        assertThat(login.statusCode()).isIn(302, 303);
        String session = login.getCookie("minyi-session");
        assertThat(session).as(login.statusCode() + " " + login.getHeader("Location") + " " + login.getHeaders().getValues("Set-Cookie")).isNotBlank();
        String csrf = given().cookie("minyi-session", session).get("/posts").then().statusCode(200).extract().cookie("minyi-csrf");
        return new Browser(session, csrf);
    }

    @Test
    void aCrossSiteRequestWithTheSessionCookieButNoTokenIsRefused() {
        String analyst = Api.newUser("analyst");
        String source = Api.newSource();
        Browser b = signIn(analyst, PW);
        Map<String, Object> post = Map.of("source", source, "url", "https://example.org/" + Api.unique("c"), "content", "测试");
        // what another site's page can make the browser send: the cookies, no token
        given().cookie("minyi-session", b.session()).contentType("application/json").body(post)
                .post("/api/posts").then().statusCode(403).body("detail", containsString("CSRF token missing"));
        // a guessed token
        given().cookie("minyi-session", b.session()).cookie("minyi-csrf", b.csrf()).header("X-CSRF-Token", "x".repeat(43))
                .contentType("application/json").body(post).post("/api/posts").then().statusCode(403);
        // a form post (urlencoded) to an API as a hostile page would send it
        given().cookie("minyi-session", b.session()).contentType("application/x-www-form-urlencoded").formParam("name", "x")
                .post("/api/routing/explain").then().statusCode(403);
        // nothing was stored
        asAdmin().queryParam("source", source).get("/api/posts").then().statusCode(200).body("total", equalTo(0));
        // our own page's script sends the token from the cookie: accepted
        given().cookie("minyi-session", b.session()).cookie("minyi-csrf", b.csrf()).header("X-CSRF-Token", b.csrf())
                .contentType("application/json").body(post).post("/api/posts").then().statusCode(201);
        // an API client with HTTP Basic and no session cookie needs no token
        Api.as(analyst, PW).body(Map.of("source", source, "url", "https://example.org/" + Api.unique("d"), "content", "测试"))
                .post("/api/posts").then().statusCode(201);
    }

    @Test
    void theLoginAndLogoutFormsCarryTheTokenAndNeedIt() {
        Response page = given().get("/login");
        String csrf = page.getCookie("minyi-csrf");
        assertThat(csrf).matches("[A-Za-z0-9_-]{43}");
        assertThat(page.getDetailedCookie("minyi-csrf").getSameSite()).isEqualToIgnoringCase("Strict");
        assertThat(page.asString()).contains("action=\"/j_security_check?csrf-token=" + csrf + "\"");
        // a login form on another site (login CSRF): no token
        given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("j_username", "admin").formParam("j_password", Api.ADMIN_PASSWORD)
                .post("/j_security_check").then().statusCode(403);
        // the token of another browser's cookie does not fit this one's
        given().redirects().follow(false).cookie("minyi-csrf", CsrfFilter.newToken())
                .queryParam("csrf-token", csrf).contentType("application/x-www-form-urlencoded")
                .formParam("j_username", "admin").formParam("j_password", Api.ADMIN_PASSWORD)
                .post("/j_security_check").then().statusCode(403);
        Browser b = signIn("admin", Api.ADMIN_PASSWORD);
        String shell = given().cookie("minyi-session", b.session()).cookie("minyi-csrf", b.csrf()).get("/posts").then()
                .statusCode(200).extract().asString();
        assertThat(shell).contains("action=\"/logout?csrf-token=" + b.csrf() + "\"").contains("/static/csrf.js");
        given().redirects().follow(false).cookie("minyi-session", b.session()).cookie("minyi-csrf", b.csrf())
                .post("/logout").then().statusCode(403);
        given().redirects().follow(false).cookie("minyi-session", b.session()).cookie("minyi-csrf", b.csrf())
                .queryParam("csrf-token", b.csrf()).post("/logout").then().statusCode(303);
    }

    @Test
    void pagesAndApiAnswersCarryTheSecurityHeaders() {
        for (String path : List.of("/login", "/static/minyi.css")) {
            given().get(path).then().statusCode(200)
                    .header("Content-Security-Policy", containsString("script-src 'self'"))
                    .header("Content-Security-Policy", not(containsString("unsafe-inline")))
                    .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                    .header("Content-Security-Policy", containsString("object-src 'none'"))
                    .header("X-Frame-Options", equalTo("DENY"))
                    .header("X-Content-Type-Options", equalTo("nosniff"))
                    .header("Referrer-Policy", equalTo("same-origin"));
        }
        asAdmin().get("/api/me").then().statusCode(200)
                .header("X-Frame-Options", equalTo("DENY"))
                .header("X-Content-Type-Options", equalTo("nosniff"))
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"));
        // the session cookie: HttpOnly, SameSite=Strict; it expires after 30 idle minutes
        Response login = Api.formLogin("admin", Api.ADMIN_PASSWORD);
        String setCookie = login.getHeaders().getValues("Set-Cookie").stream().filter(c -> c.startsWith("minyi-session="))
                .findFirst().orElseThrow();
        assertThat(setCookie).containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Strict");
    }
}
