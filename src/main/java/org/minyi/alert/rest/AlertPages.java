package org.minyi.alert.rest;

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

/**
 * The emergency team's pages: the live alert console (server-sent events, colour by level, a beep for new alerts and
 * level rises, who holds each alert, the handling buttons) and the rules with the editor and the rule test tool.
 * Analysts see both read-only.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class AlertPages {

    @Inject
    SecurityIdentity identity;

    @Inject
    Navigation navigation;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance alerts(Navigation.Shell shell, boolean canAct);

        static native TemplateInstance alertRules(Navigation.Shell shell, boolean canEdit, boolean admin);
    }

    @GET
    @Path("alerts")
    public Response alerts() {
        return page(() -> Templates.alerts(navigation.shell(identity, "alerts", "预警台"), canAct()));
    }

    @GET
    @Path("alert-rules")
    public Response rules() {
        return page(() -> Templates.alertRules(navigation.shell(identity, "alert-rules", "预警规则"), canAct(), identity.hasRole(Role.admin)));
    }

    private boolean canAct() {
        return identity.hasRole(Role.emergency) || identity.hasRole(Role.admin);
    }

    private Response page(java.util.function.Supplier<TemplateInstance> page) {
        if (identity.isAnonymous()) {
            return Response.seeOther(URI.create("/login")).build();
        }
        if (Arrays.asList(Role.emergency, Role.admin, Role.analyst).stream().noneMatch(identity::hasRole)) {
            return Response.status(403).entity("forbidden").type(MediaType.TEXT_PLAIN).build();
        }
        return Response.ok(page.get()).build();
    }
}
