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
        static native TemplateInstance login(boolean error, String district);

        static native TemplateInstance posts(Navigation.Shell shell);

        static native TemplateInstance sources(Navigation.Shell shell, boolean admin);
    }

    @GET
    @Path("login")
    public TemplateInstance login(@QueryParam("error") String error) {
        return Templates.login(error != null, district.name());
    }

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
