package org.minyi.report;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.minyi.common.Page;
import org.minyi.report.export.ReportExports;
import org.minyi.security.Role;

/** Reports: request one (202 while it is generated, 200 with the running or archived one), list, read, export. */
@Path("/api/reports")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.admin, Role.analyst, Role.propaganda, Role.emergency})
public class ReportResource {

    @Inject
    org.minyi.audit.AuditLog audit;

    @Inject
    ReportService reports;

    @Inject
    ReportExports exports;

    @Inject
    SecurityIdentity identity;

    /**
     * {@code kind} DAILY (a {@code date}, default yesterday), WEEKLY (the week of {@code date}, default last week) or
     * SPECIAL ({@code topicId}, optional {@code from}/{@code to}, default the topic's span); {@code zone} optional.
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.admin, Role.analyst, Role.propaganda})
    public Response request(ReportService.ReportRequest body) {
        ReportService.Requested r = reports.request(body, identity.getPrincipal().getName(), "MANUAL");
        audit.record("REPORT_REQUESTED", "report", r.report().id(), r.report().kind() + " " + r.report().title()
                + (r.created() ? "" : " (already generated or running)"));
        return Response.status(r.created() ? 202 : 200).entity(r.report()).build();
    }

    @GET
    public Page<ReportService.ReportView> list(@QueryParam("kind") String kind, @QueryParam("page") Integer page,
                                               @QueryParam("size") Integer size) {
        return reports.list(kind, page, size);
    }

    /** The report with its progress and, when done, its figures ({@code content}). */
    @GET
    @Path("/{id}")
    public ReportService.ReportView get(@PathParam("id") long id) {
        return reports.get(id, true);
    }

    /** Word document: the overview, tables and charts (as images). */
    @GET
    @Path("/{id}/export.docx")
    @Produces("application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    public Response docx(@PathParam("id") long id) {
        ReportContent c = reports.content(id);
        audit.record("REPORT_EXPORTED", "report", id, "docx " + c.title());
        StreamingOutput out = os -> exports.docx(c, os);
        return download(out, c.title() + ".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    }

    /** Excel workbook: one sheet per table of the report. */
    @GET
    @Path("/{id}/export.xlsx")
    @Produces("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    public Response xlsx(@PathParam("id") long id) {
        ReportContent c = reports.content(id);
        audit.record("REPORT_EXPORTED", "report", id, "xlsx " + c.title());
        StreamingOutput out = os -> exports.xlsx(c, os);
        return download(out, c.title() + ".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    }

    /** CSV (UTF-8 with BOM): every figure of the report with its link. */
    @GET
    @Path("/{id}/export.csv")
    @Produces("text/csv")
    public Response csv(@PathParam("id") long id) {
        ReportContent c = reports.content(id);
        audit.record("REPORT_EXPORTED", "report", id, "csv " + c.title());
        StreamingOutput out = os -> exports.csv(c, os);
        return download(out, c.title() + ".csv", "text/csv; charset=UTF-8");
    }

    static Response download(StreamingOutput out, String filename, String type) {
        String encoded = URLEncoder.encode(filename, StandardCharsets.UTF_8).replace("+", "%20");
        return Response.ok(out, type)
                .header("Content-Disposition", "attachment; filename=\"report\"; filename*=UTF-8''" + encoded).build();
    }
}
