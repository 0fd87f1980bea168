package org.minyi.report.export;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.util.Optional;
import org.minyi.common.Validation;
import org.minyi.dashboard.DashboardFilter;
import org.minyi.dashboard.DashboardResource;
import org.minyi.dashboard.DashboardService;
import org.minyi.security.Role;
import org.minyi.source.Source;
import org.minyi.source.SourceService;

/**
 * The posts behind a dashboard filter (the dashboard's parameters plus {@code sentiment} and {@code source}) as CSV
 * (UTF-8 with BOM) or .xlsx, streamed. {@code X-Total-Rows} announces the row count; with {@code token} the progress
 * can be followed at {@code /api/exports/progress/{token}}.
 */
@Path("/api/exports")
@RolesAllowed({Role.admin, Role.analyst, Role.propaganda})
public class ExportResource {

    @Inject
    org.minyi.audit.AuditLog audit;

    @Inject
    DashboardService dashboard;

    @Inject
    PostExport export;

    @Inject
    SourceService sources;

    private PostExport.Query query(DashboardResource.Params p, String sentiment, String source, String token) {
        DashboardFilter f = dashboard.filter(p.from, p.to, p.zone, p.category, p.place, p.unit);
        Validation v = new Validation();
        String label = sentiment == null || sentiment.isBlank() ? null : sentiment.strip().toLowerCase();
        if (label != null && !java.util.Set.of("negative", "neutral", "positive").contains(label)) {
            v.reject("sentiment", "must be negative, neutral or positive");
        }
        Long sourceId = null;
        if (source != null && !source.isBlank()) {
            Optional<Source> s = sources.resolve(source);
            if (s.isEmpty()) {
                v.reject("source", "unknown source '" + source + "'");
            } else {
                sourceId = s.get().id;
            }
        }
        if (token != null && !token.matches("[A-Za-z0-9-]{1,64}")) {
            v.reject("token", "must be 1 to 64 letters, digits or dashes");
        }
        v.throwIfInvalid();
        return new PostExport.Query(f, label, sourceId);
    }

    /** The filter of an export as the audit log shows it: every given parameter and the number of rows. */
    static String describe(DashboardResource.Params p, String sentiment, String source, long total) {
        StringBuilder b = new StringBuilder();
        java.util.function.BiConsumer<String, String> add = (k, v) -> {
            if (v != null && !v.isBlank()) {
                b.append(k).append('=').append(v.strip()).append(' ');
            }
        };
        add.accept("from", p.from);
        add.accept("to", p.to);
        add.accept("zone", p.zone);
        add.accept("category", p.category);
        add.accept("place", p.place);
        add.accept("unit", p.unit);
        add.accept("sentiment", sentiment);
        add.accept("source", source);
        return b.append("rows=").append(total).toString();
    }

    @GET
    @Path("/posts.csv")
    @Produces("text/csv")
    public Response csv(@BeanParam DashboardResource.Params p, @QueryParam("sentiment") String sentiment,
                        @QueryParam("source") String source, @QueryParam("token") String token) {
        PostExport.Query q = query(p, sentiment, source, token);
        long total = export.count(q);
        audit.record("POSTS_EXPORTED", "posts", null, "csv " + describe(p, sentiment, source, total));
        export.acquire();
        StreamingOutput out = os -> {
            try {
                export.csv(q, token, total, os);
            } finally {
                export.release();
            }
        };
        return Response.ok(out, "text/csv; charset=UTF-8").header("X-Total-Rows", total)
                .header("Content-Disposition", "attachment; filename=\"posts.csv\"").build();
    }

    @GET
    @Path("/posts.xlsx")
    @Produces("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    public Response xlsx(@BeanParam DashboardResource.Params p, @QueryParam("sentiment") String sentiment,
                         @QueryParam("source") String source, @QueryParam("token") String token) {
        PostExport.Query q = query(p, sentiment, source, token);
        long total = export.count(q);
        audit.record("POSTS_EXPORTED", "posts", null, "xlsx " + describe(p, sentiment, source, total));
        export.acquire();
        StreamingOutput out = os -> {
            try {
                export.xlsx(q, token, total, os);
            } finally {
                export.release();
            }
        };
        return Response.ok(out, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet").header("X-Total-Rows", total)
                .header("Content-Disposition", "attachment; filename=\"posts.xlsx\"").build();
    }

    @GET
    @Path("/progress/{token}")
    @Produces(MediaType.APPLICATION_JSON)
    public PostExport.Progress progress(@PathParam("token") String token) {
        return export.progress(token);
    }

}
