package org.minyi.audit;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.minyi.common.Page;
import org.minyi.common.Validation;
import org.minyi.security.Role;

/**
 * {@code GET /api/audit}: the audit log for administrators, newest first, filtered by actor, action ({@code *} as a
 * wildcard, e.g. {@code CASE_*}), target type and id, and a time range {@code [from, to)}.
 */
@Path("/api/audit")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.admin)
public class AuditResource {

    @Inject
    AuditLog audit;

    /** One event as shown over the API. */
    public record View(long id, Instant at, String actor, String action, String targetType, String targetId, String detail,
                       String clientIp) {
        static View of(AuditEvent e) {
            return new View(e.id, e.at, e.actor, e.action, e.targetType, e.targetId, e.detail, e.clientIp);
        }
    }

    @GET
    @Transactional
    public Page<View> search(@QueryParam("actor") String actor, @QueryParam("action") String action,
                             @QueryParam("targetType") String targetType, @QueryParam("targetId") String targetId,
                             @QueryParam("from") String from, @QueryParam("to") String to,
                             @QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        Validation v = new Validation();
        Validation.PageRequest paging = v.paging(page, size, 50);
        String a = blankToNull(v.maxLength("actor", actor, 64));
        String ac = blankToNull(v.maxLength("action", action, 64));
        String tt = blankToNull(v.maxLength("targetType", targetType, 40));
        String ti = blankToNull(v.maxLength("targetId", targetId, 200));
        OffsetDateTime f = v.dateTime("from", from);
        OffsetDateTime t = v.dateTime("to", to);
        if (f != null && t != null && !f.isBefore(t)) {
            v.reject("to", "must be after from");
        }
        v.throwIfInvalid();
        Page<AuditEvent> p = audit.search(a, ac == null ? null : ac.toUpperCase(java.util.Locale.ROOT), tt, ti,
                f == null ? null : f.toInstant(), t == null ? null : t.toInstant(), paging.page(), paging.size());
        return new Page<>(p.items().stream().map(View::of).toList(), p.page(), p.size(), p.total());
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
