package org.minyi.dashboard;

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
import org.minyi.common.DistrictConfig;
import org.minyi.security.Role;
import org.minyi.web.Navigation;

/** The dashboard page (态势): charts over the aggregates, every element linking to the posts or topic behind it. */
@Path("/dashboard")
@Produces(MediaType.TEXT_HTML)
public class DashboardPage {

    @Inject
    SecurityIdentity identity;

    @Inject
    Navigation navigation;

    @Inject
    DistrictConfig district;

    @Inject
    DashboardConfig config;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance dashboard(Navigation.Shell shell, String zone, int maxDays);
    }

    @GET
    public Response page() {
        if (identity.isAnonymous()) {
            return Response.seeOther(URI.create("/login")).build();
        }
        if (!(identity.hasRole(Role.admin) || identity.hasRole(Role.analyst) || identity.hasRole(Role.propaganda)
                || identity.hasRole(Role.emergency))) {
            return Response.status(403).entity("无权查看态势").type(MediaType.TEXT_PLAIN_TYPE.withCharset("UTF-8")).build();
        }
        return Response.ok(Templates.dashboard(navigation.shell(identity, "dashboard", "舆情态势"), district.zone().getId(),
                config.maxPeriodDays())).build();
    }
}
