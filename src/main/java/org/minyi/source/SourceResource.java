package org.minyi.source;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.minyi.security.Role;

/** CRUD for sources. Administrators and analysts read (docs/security.md); administrators change (analysts may add API sources). */
@Path("/api/sources")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SourceResource {

    @Inject
    SourceService sources;

    @GET
    @RolesAllowed({Role.admin, Role.analyst})
    public List<SourceView> list() {
        return sources.list().stream().map(SourceView::of).toList();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Role.admin, Role.analyst})
    public SourceView get(@PathParam("id") long id) {
        return SourceView.of(sources.get(id));
    }

    @POST
    @RolesAllowed({Role.admin, Role.analyst})
    public Response create(SourceInput input) {
        if (input == null) {
            throw org.minyi.common.ApiException.badRequest("body", "is required: a JSON object");
        }
        SourceService.Saved saved = sources.create(input);
        return Response.status(saved.created() ? 201 : 200).entity(SourceView.of(saved.source())).build();
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed(Role.admin)
    public SourceView update(@PathParam("id") long id, SourceInput input) {
        if (input == null) {
            throw org.minyi.common.ApiException.badRequest("body", "is required: a JSON object");
        }
        return SourceView.of(sources.update(id, input));
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(Role.admin)
    public Response delete(@PathParam("id") long id) {
        sources.delete(id);
        return Response.noContent().build();
    }
}
