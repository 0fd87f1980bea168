package org.minyi.report;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.minyi.security.Role;
import org.minyi.web.Navigation;

/** The report archive (list, request a report, progress) and one report's view, which prints cleanly. */
@Path("/reports")
@Produces(MediaType.TEXT_HTML)
public class ReportPages {

    @Inject
    SecurityIdentity identity;

    @Inject
    Navigation navigation;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance reports(Navigation.Shell shell, boolean canRequest);

        static native TemplateInstance report(Navigation.Shell shell, long reportId);
    }

    private boolean mayRead() {
        return identity.hasRole(Role.admin) || identity.hasRole(Role.analyst) || identity.hasRole(Role.propaganda)
                || identity.hasRole(Role.emergency);
    }

    @GET
    public Response list() {
        if (identity.isAnonymous()) {
            return Response.seeOther(URI.create("/login")).build();
        }
        if (!mayRead()) {
            return Response.status(403).build();
        }
        boolean canRequest = identity.hasRole(Role.admin) || identity.hasRole(Role.analyst) || identity.hasRole(Role.propaganda);
        return Response.ok(Templates.reports(navigation.shell(identity, "reports", "舆情报告"), canRequest)).build();
    }

    @GET
    @Path("{id}")
    public Response report(@PathParam("id") long id) {
        if (identity.isAnonymous()) {
            return Response.seeOther(URI.create("/login")).build();
        }
        if (!mayRead()) {
            return Response.status(403).build();
        }
        return Response.ok(Templates.report(navigation.shell(identity, "reports", "舆情报告"), id)).build();
    }
}
