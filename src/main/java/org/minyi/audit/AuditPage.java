package org.minyi.audit;

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
import org.minyi.security.Role;
import org.minyi.web.Navigation;

/** The administrators' page "审计日志": the audit log with filters; data from {@code /api/audit}. */
@Path("/audit")
@Produces(MediaType.TEXT_HTML)
public class AuditPage {

    @Inject
    SecurityIdentity identity;

    @Inject
    Navigation navigation;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance audit(Navigation.Shell shell);
    }

    @GET
    public Response audit() {
        if (identity.isAnonymous()) {
            return Response.seeOther(URI.create("/login")).build();
        }
        if (!identity.hasRole(Role.admin)) {
            return Response.status(403).entity("仅管理员可用").type(MediaType.TEXT_PLAIN + ";charset=UTF-8").build();
        }
        return Response.ok(Templates.audit(navigation.shell(identity, "audit", "审计日志"))).build();
    }
}
