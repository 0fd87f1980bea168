package org.minyi.routing;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Arrays;
import org.minyi.security.Role;
import org.minyi.web.Navigation;

/** The routing pages: the spokesperson's inbox, the analyst's dispatch board, the rules with the explain test. */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class RoutingPages {

    @Inject
    SecurityIdentity identity;

    @Inject
    Navigation navigation;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance inbox(Navigation.Shell shell, boolean dispatcher);

        static native TemplateInstance dispatch(Navigation.Shell shell);

        static native TemplateInstance rules(Navigation.Shell shell, boolean admin);
    }

    @GET
    @Path("inbox")
    public Response inbox() {
        return page(() -> Templates.inbox(navigation.shell(identity, "inbox", "交办收件箱"),
                identity.hasRole(Role.admin) || identity.hasRole(Role.analyst)), Role.spokesperson, Role.analyst, Role.admin);
    }

    @GET
    @Path("dispatch")
    public Response dispatch() {
        return page(() -> Templates.dispatch(navigation.shell(identity, "dispatch", "交办调度")), Role.analyst, Role.admin);
    }

    @GET
    @Path("rules")
    public Response rules() {
        return page(() -> Templates.rules(navigation.shell(identity, "rules", "交办规则"), identity.hasRole(Role.admin)),
                Role.analyst, Role.admin);
    }

    private Response page(java.util.function.Supplier<TemplateInstance> page, String... roles) {
        if (identity.isAnonymous()) {
            return Response.seeOther(URI.create("/login")).build();
        }
        if (Arrays.stream(roles).noneMatch(identity::hasRole)) {
            return Response.status(403).entity("没有权限查看此页面").type(MediaType.TEXT_PLAIN + ";charset=UTF-8").build();
        }
        return Response.ok(page.get()).build();
    }
}
