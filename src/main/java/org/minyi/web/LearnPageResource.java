package org.minyi.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.minyi.security.Role;

/**
 * Administrators' pages of the NLP layer: "模型质量" (model versions, training progress, activation, import of
 * labelled examples, evaluation on a labelled sample) and "词典" (dictionary editing with the change history).
 * Data comes from {@code /api/nlp} and {@code /api/dictionaries}; scripts are static files.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class LearnPageResource {

    @Inject
    SecurityIdentity identity;

    @Inject
    Navigation navigation;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance models(Navigation.Shell shell);

        static native TemplateInstance dictionaries(Navigation.Shell shell);
    }

    @GET
    @Path("models")
    public Response models() {
        if (identity.isAnonymous()) {
            return PageResource.toLogin();
        }
        if (!identity.hasRole(Role.admin)) {
            return Response.status(Response.Status.FORBIDDEN).type(MediaType.TEXT_PLAIN).entity("仅管理员可用").build();
        }
        return Response.ok(Templates.models(navigation.shell(identity, "models", "模型质量"))).build();
    }

    @GET
    @Path("dictionaries")
    public Response dictionaries() {
        if (identity.isAnonymous()) {
            return PageResource.toLogin();
        }
        if (!identity.hasRole(Role.admin)) {
            return Response.status(Response.Status.FORBIDDEN).type(MediaType.TEXT_PLAIN).entity("仅管理员可用").build();
        }
        return Response.ok(Templates.dictionaries(navigation.shell(identity, "dictionaries", "词典"))).build();
    }
}
