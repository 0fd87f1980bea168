package org.minyi;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.Map;
import java.util.UUID;

/** Shortcuts for API tests: requests as the test administrator, and unique names. */
public final class Api {

    public static final String ADMIN_PASSWORD = "admin-test-pw";

    private Api() {
    }

    public static RequestSpecification asAdmin() {
        return as("admin", ADMIN_PASSWORD);
    }

    public static RequestSpecification as(String user, String password) {
        return given().auth().preemptive().basic(user, password).contentType(ContentType.JSON).accept(ContentType.JSON);
    }

    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /**
     * Signs in with the login form as a browser does: fetches the login page for the CSRF cookie and sends its token
     * with the form (org.minyi.security.CsrfFilter). The answer (not followed) carries the session cookie.
     */
    public static io.restassured.response.Response formLogin(String user, String password) {
        String csrf = given().get("/login").then().statusCode(200).extract().cookie("minyi-csrf");
        return given().redirects().follow(false).cookie("minyi-csrf", csrf).queryParam("csrf-token", csrf)
                .contentType("application/x-www-form-urlencoded")
                .formParam("j_username", user).formParam("j_password", password).post("/j_security_check");
    }

    /** Creates an API source and returns its name. */
    public static String newSource() {
        String name = unique("src");
        asAdmin().body(Map.of("name", name, "type", "API", "baseUrl", "https://example.org/"))
                .post("/api/sources").then().statusCode(201);
        return name;
    }

    /** Creates a user with the given role and returns its username; the password is {@code password-123}. */
    public static String newUser(String role) {
        String name = unique(role);
        asAdmin().body(Map.of("username", name, "password", "password-123", "roles", java.util.List.of(role)))
                .post("/api/users").then().statusCode(201);
        return name;
    }
}
