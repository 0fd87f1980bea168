package org.minyi.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.minyi.common.DistrictConfig;
import org.minyi.security.Role;

/**
 * The web pages. Pages are open paths in the HTTP permissions; each one sends an anonymous visitor to the login
 * page. Data comes from {@code /api} with the session cookie; scripts are static files (no inline scripts).
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class PageResource {

    @Inject
    SecurityIdentity identity;

    @Inject
    DistrictConfig district;

    @Inject
    Navigation navigation;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance login(String error, String district);

        static native TemplateInstance posts(Navigation.Shell shell);

        static native TemplateInstance sources(Navigation.Shell shell, boolean admin);
    }

    @GET
    @Path("login")
    public TemplateInstance login(@QueryParam("error") String error, @jakarta.ws.rs.core.Context io.vertx.core.http.HttpServerRequest request) {
        String message = null;
        if (error != null) {
            String ip = request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
            var refusal = loginGuard.lastRefusal(ip, java.time.Instant.now(clock));
            message = refusal == null || refusal.refusal() == org.minyi.security.LoginGuard.Refusal.WRONG_PASSWORD
                    ? "用户名或密码错误。连续输错 " + security.maxFailures() + " 次，账户将锁定 " + security.lockDuration().toMinutes() + " 分钟。"
                    : refusal.refusal() == org.minyi.security.LoginGuard.Refusal.LOCKED
                    ? "账户因多次登录失败已被锁定，请 " + minutesLeft(refusal.until()) + " 分钟后再试，或请管理员解锁。"
                    : "此地址登录失败次数过多，请稍后再试。";
        }
        return Templates.login(message, district.name());
    }

    private long minutesLeft(java.time.Instant until) {
        if (until == null) {
            return security.lockDuration().toMinutes();
        }
        return Math.max(1, (java.time.Duration.between(java.time.Instant.now(clock), until).toSeconds() + 59) / 60);
    }

    @Inject
    org.minyi.security.LoginGuard loginGuard;

    @Inject
    org.minyi.security.SecurityConfig security;

    @Inject
    java.time.Clock clock;

    @POST
    @Path("logout")
    public Response logout() {
        return Response.seeOther(URI.create("/login"))
                .cookie(new NewCookie.Builder("minyi-session").value("").path("/").maxAge(0).build()).build();
    }

    @GET
    public Response home() {
        if (identity.isAnonymous()) {
            return toLogin();
        }
        return Response.seeOther(URI.create(navigation.home(identity))).build();
    }

    @GET
    @Path("posts")
    public Response posts() {
        if (identity.isAnonymous()) {
            return toLogin();
        }
        return Response.ok(Templates.posts(navigation.shell(identity, "posts", "最新帖子"))).build();
    }

    @GET
    @Path("sources")
    public Response sources() {
        if (identity.isAnonymous()) {
            return toLogin();
        }
        if (!identity.hasRole(Role.admin) && !identity.hasRole(Role.analyst)) {
            return Response.status(403).entity("需要管理员或分析员权限").type(MediaType.TEXT_PLAIN + ";charset=UTF-8").build();
        }
        return Response.ok(Templates.sources(navigation.shell(identity, "sources", "信息源"), identity.hasRole(Role.admin))).build();
    }

    static Response toLogin() {
        return Response.seeOther(URI.create("/login")).build();
    }

}
