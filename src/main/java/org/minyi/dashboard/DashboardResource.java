package org.minyi.dashboard;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.minyi.security.Role;

/**
 * The dashboard's figures. Every endpoint takes {@code from}, {@code to} (ISO date, local date-time or date-time with
 * offset; default the last 7 days), {@code zone} (IANA, default the district's), {@code category}, {@code place} and
 * {@code unit}; a period longer than {@code minyi.dashboard.max-period-days} (366) is refused.
 */
@Path("/api/dashboard")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.admin, Role.analyst, Role.propaganda, Role.emergency})
public class DashboardResource {

    @Inject
    org.minyi.audit.AuditLog audit;

    @Inject
    DashboardService dashboard;

    @Inject
    StatAggregator aggregator;

    /** The query parameters shared by every figure. */
    public static class Params {
        @QueryParam("from")
        public String from;
        @QueryParam("to")
        public String to;
        @QueryParam("zone")
        public String zone;
        @QueryParam("category")
        public String category;
        @QueryParam("place")
        public String place;
        @QueryParam("unit")
        public String unit;
    }

    private DashboardFilter filter(Params p) {
        return dashboard.filter(p.from, p.to, p.zone, p.category, p.place, p.unit);
    }

    /** Totals of the period and of the period of the same length before it. */
    @GET
    @Path("/summary")
    public DashboardService.Summary summary(@BeanParam Params p) {
        return dashboard.summary(filter(p));
    }

    /** Posts and sentiment mix per hour or day. */
    @GET
    @Path("/volume")
    public DashboardService.Series volume(@BeanParam Params p) {
        return dashboard.volume(filter(p));
    }

    /** The hottest and the emerging topics of the period. */
    @GET
    @Path("/topics")
    public DashboardService.Topics topics(@BeanParam Params p) {
        return dashboard.topics(filter(p));
    }

    /** Keywords of the period's topics, weighted by their posts. */
    @GET
    @Path("/keywords")
    public List<DashboardService.Keyword> keywords(@BeanParam Params p) {
        return dashboard.keywords(filter(p));
    }

    /** Posts per source and per category. */
    @GET
    @Path("/breakdown")
    public DashboardService.Breakdown breakdown(@BeanParam Params p) {
        return dashboard.breakdown(filter(p));
    }

    /** The jurisdiction tree with posts and negative share per unit. */
    @GET
    @Path("/jurisdiction")
    public DashboardService.Jurisdiction jurisdiction(@BeanParam Params p) {
        return dashboard.jurisdiction(filter(p));
    }

    /** Response statistics per unit (cases assigned in the period). */
    @GET
    @Path("/units")
    public List<DashboardService.UnitRow> units(@BeanParam Params p) {
        return dashboard.units(filter(p));
    }

    /** Recomputes the hourly aggregates from the posts in the background (after bulk imports); 202 with progress. */
    @POST
    @Path("/aggregates/rebuild")
    @RolesAllowed(Role.admin)
    public Response rebuild() {
        StatAggregator.RebuildStatus s = aggregator.startRebuild();
        audit.record("AGGREGATES_REBUILD", "aggregates", null, s.startedAt() + " " + s.message());
        return Response.accepted(s).build();
    }

    /** Progress of the running or last rebuild. */
    @GET
    @Path("/aggregates/rebuild")
    @RolesAllowed(Role.admin)
    public StatAggregator.RebuildStatus rebuildStatus() {
        return aggregator.rebuildStatus();
    }
}
