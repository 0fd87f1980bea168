package org.minyi.routing.unit;

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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.minyi.security.Role;

/** Units: everyone signed in may read (to route and to see who answers); administrators change them. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public class UnitResource {

    @Inject
    UnitService units;

    @Inject
    UnitCsv csv;

    /** A unit as the API shows it. */
    public record UnitView(long id, String name, UnitKind kind, Long parentId, String parent, List<String> aliases,
                           String head, List<String> spokespersons, long version) {
    }

    @GET
    @Path("/units")
    public List<UnitView> list() {
        List<OrgUnit> all = units.list();
        Map<Long, String> names = new HashMap<>();
        all.forEach(u -> names.put(u.id, u.name));
        Map<Long, List<String>> members = units.spokespersons(names.keySet());
        return all.stream().map(u -> view(u, names.get(u.parentId), members.getOrDefault(u.id, List.of()))).toList();
    }

    @GET
    @Path("/units/{id}")
    public UnitView get(@PathParam("id") long id) {
        return view(units.get(id));
    }

    @POST
    @Path("/units")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.admin)
    public Response create(UnitService.UnitInput input) {
        if (input == null) {
            throw org.minyi.common.ApiException.badRequest("body", "is required: a JSON object");
        }
        return Response.status(201).entity(view(units.create(input))).build();
    }

    @PUT
    @Path("/units/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.admin)
    public UnitView update(@PathParam("id") long id, UnitService.UnitInput input) {
        if (input == null) {
            throw org.minyi.common.ApiException.badRequest("body", "is required: a JSON object");
        }
        return view(units.update(id, input));
    }

    @DELETE
    @Path("/units/{id}")
    @RolesAllowed(Role.admin)
    public Response delete(@PathParam("id") long id) {
        units.delete(id);
        return Response.noContent().build();
    }

    @GET
    @Path("/units.csv")
    @Produces("text/csv;charset=UTF-8")
    @RolesAllowed({Role.admin, Role.analyst})
    public Response export() {
        return Response.ok(csv.export()).header("Content-Disposition", "attachment; filename=\"units.csv\"").build();
    }

    @POST
    @Path("/units/import")
    @Consumes({"text/csv", MediaType.TEXT_PLAIN})
    @RolesAllowed(Role.admin)
    public UnitCsv.Imported importCsv(String body) {
        return csv.importCsv(body);
    }

    UnitView view(OrgUnit u) {
        String parent = u.parentId == null ? null : units.get(u.parentId).name;
        return view(u, parent, units.spokespersons(List.of(u.id)).getOrDefault(u.id, List.of()));
    }

    UnitView view(OrgUnit u, String parent, List<String> spokespersons) {
        return new UnitView(u.id, u.name, u.kind, u.parentId, parent, u.aliasList(), units.username(u.headUserId),
                spokespersons, u.version);
    }
}
