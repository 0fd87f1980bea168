package org.minyi.security;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Cross-site request forgery protection with a double-submit token, for everything a browser sends on its own:
 * every state-changing request (POST, PUT, PATCH, DELETE) that carries the session cookie (the logout form among
 * them), and the login form, must carry the token of the cookie {@value #COOKIE} in the header {@value #HEADER} (the pages' scripts add it
 * to every fetch, {@code static/csrf.js}) or in the query parameter {@value #PARAM} (the two HTML forms put it in their
 * action). Otherwise: 403. API clients that sign in with HTTP Basic and send no session cookie need no token: a
 * browser never adds Basic credentials to another site's request on its own here.
 *
 * <p>Why not the {@code quarkus-rest-csrf} extension: it protects only REST endpoints (the login form is handled by
 * the HTTP layer before them), it cannot tell session-cookie requests from Basic-auth API clients, and with a token
 * header configured it would require the token of every API client. A 60-line filter on the HTTP layer covers all
 * three; the session cookie itself is also SameSite=Strict (Quarkus' default).
 */
@ApplicationScoped
public class CsrfFilter {

    public static final String COOKIE = "minyi-csrf";
    public static final String HEADER = "X-CSRF-Token";
    public static final String PARAM = "csrf-token";
    /** Routing-context key of the request's token, for the templates ({@link CsrfToken}). */
    static final String KEY = "minyi.csrf";

    private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS, HttpMethod.TRACE);
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final SecureRandom RANDOM = new SecureRandom();

    @ConfigProperty(name = "quarkus.http.auth.form.cookie-name", defaultValue = "quarkus-credential")
    String sessionCookie;

    void register(@Observes Filters filters) {
        // before authentication (SecurityHandlerPriorities.AUTHENTICATION = 200), which answers the login form itself
        filters.register(this::handle, 250);
    }

    void handle(RoutingContext rc) {
        Cookie cookie = rc.request().getCookie(COOKIE);
        String token = cookie == null ? null : cookie.getValue();
        boolean fresh = false;
        if (token == null || !TOKEN.matcher(token).matches()) {
            token = newToken();
            fresh = true;
            rc.response().addCookie(Cookie.cookie(COOKIE, token).setPath("/").setSameSite(CookieSameSite.STRICT)
                    .setSecure(rc.request().isSSL()));
        }
        rc.put(KEY, token);
        if (!SAFE.contains(rc.request().method()) && needsToken(rc)) {
            String sent = rc.request().getHeader(HEADER);
            if (sent == null) {
                sent = rc.request().getParam(PARAM);
            }
            if (fresh || sent == null || !MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8),
                    token.getBytes(StandardCharsets.UTF_8))) {
                rc.response().setStatusCode(403).putHeader("Content-Type", "application/problem+json")
                        .end("{\"type\":\"about:blank\",\"title\":\"Forbidden\",\"status\":403,\"detail\":\""
                                + (sent == null ? "CSRF token missing" : "CSRF token does not match")
                                + ": send the value of the cookie " + COOKIE + " in the header " + HEADER + "\"}");
                return;
            }
        }
        rc.next();
    }

    private boolean needsToken(RoutingContext rc) {
        String path = rc.normalizedPath();
        return path.equals("/j_security_check") || rc.request().getCookie(sessionCookie) != null;
    }

    static String newToken() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
