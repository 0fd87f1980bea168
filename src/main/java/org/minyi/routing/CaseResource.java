package org.minyi.routing;

import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.minyi.common.ApiException;
import org.minyi.common.Page;
import org.minyi.routing.unit.UnitService;

/** Cases (交办单): open, list, read, and one endpoint per step of the state machine, each with the version seen. */
@Path("/api/cases")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Authenticated
public class CaseResource {

    @Inject
    CaseService cases;

    @Inject
    CaseViews views;

    @Inject
    Effects effects;

    @Inject
    SecurityIdentity identity;

    @Inject
    UnitService units;

    Actor actor() {
        Object id = identity.getAttribute("userId");
        return Actor.of(identity, id instanceof Number n ? units.unitsOf(n.longValue()) : java.util.Set.of());
    }

    @POST
    public Response open(CaseService.OpenInput input) {
        if (input == null) {
            throw ApiException.badRequest("body", "is required");
        }
        RoutingCase c = cases.open(input, actor());
        return Response.status(201).entity(views.view(RoutingCase.findById(c.id))).build();
    }

    @GET
    public Page<CaseViews.CaseView> list(@QueryParam("status") String status, @QueryParam("unitId") Long unitId,
                                         @QueryParam("overdue") Boolean overdue, @QueryParam("open") Boolean open,
                                         @QueryParam("page") @DefaultValue("0") int page,
                                         @QueryParam("size") @DefaultValue("50") int size) {
        CaseStatus s = null;
        if (status != null && !status.isBlank()) {
            try {
                s = CaseStatus.valueOf(status.strip().toUpperCase());
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("status", "unknown status '" + status + "'");
            }
        }
        if (page < 0) {
            throw ApiException.badRequest("page", "must not be negative");
        }
        if (size < 1 || size > Page.MAX_SIZE) {
            throw ApiException.badRequest("size", "must be between 1 and " + Page.MAX_SIZE);
        }
        Page<RoutingCase> p = cases.list(actor(), s, unitId, overdue, open, page, size);
        return new Page<>(views.views(p.items()), p.page(), p.size(), p.total());
    }

    @GET
    @Path("/{id}")
    public CaseViews.CaseDetail get(@PathParam("id") long id) {
        RoutingCase c = cases.get(id, actor());
        return views.detail(c, cases.events(id), effects.of(c));
    }

    @POST
    @Path("/{id}/assign")
    public CaseViews.CaseView assign(@PathParam("id") long id, CaseService.StepInput in) {
        return done(cases.assign(id, in, actor()));
    }

    @POST
    @Path("/{id}/acknowledge")
    public CaseViews.CaseView acknowledge(@PathParam("id") long id, CaseService.StepInput in) {
        return done(cases.acknowledge(id, in, actor()));
    }

    @POST
    @Path("/{id}/transfer")
    public CaseViews.CaseView transfer(@PathParam("id") long id, CaseService.StepInput in) {
        return done(cases.requestTransfer(id, in, actor()));
    }

    @POST
    @Path("/{id}/refuse-transfer")
    public CaseViews.CaseView refuseTransfer(@PathParam("id") long id, CaseService.StepInput in) {
        return done(cases.refuseTransfer(id, in, actor()));
    }

    @POST
    @Path("/{id}/respond")
    public CaseViews.CaseView respond(@PathParam("id") long id, CaseService.StepInput in) {
        return done(cases.respond(id, in, actor()));
    }

    @POST
    @Path("/{id}/approve")
    public CaseViews.CaseView approve(@PathParam("id") long id, CaseService.StepInput in) {
        return done(cases.approve(id, in, actor()));
    }

    @POST
    @Path("/{id}/close")
    public CaseViews.CaseView close(@PathParam("id") long id, CaseService.StepInput in) {
        return done(cases.close(id, in, actor()));
    }

    @POST
    @Path("/{id}/reopen")
    public CaseViews.CaseView reopen(@PathParam("id") long id, CaseService.StepInput in) {
        return done(cases.reopen(id, in, actor()));
    }

    /** The case as stored after the step's transaction (with its new version). */
    private CaseViews.CaseView done(RoutingCase changed) {
        return views.view(RoutingCase.findById(changed.id));
    }
}
