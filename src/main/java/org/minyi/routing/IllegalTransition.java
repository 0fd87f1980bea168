package org.minyi.routing;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.minyi.common.Problem;

/** A transition the state machine does not allow: 409 with the statuses that may follow. */
public class IllegalTransition extends RuntimeException {

    private final CaseStatus from;
    private final CaseStatus to;

    public IllegalTransition(CaseStatus from, CaseStatus to) {
        super("a " + from + " case cannot become " + to + "; allowed: " + from.next());
        this.from = from;
        this.to = to;
    }

    public Set<CaseStatus> allowed() {
        return from.next();
    }

    /** Renders the refusal as problem+json with {@code from}, {@code to} and {@code allowed}. */
    public static class Mapper {
        @ServerExceptionMapper
        public Response map(IllegalTransition e, UriInfo uri) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("type", "about:blank");
            body.put("title", "Conflict");
            body.put("status", 409);
            body.put("detail", e.getMessage());
            body.put("instance", uri.getPath());
            body.put("from", e.from);
            body.put("to", e.to);
            body.put("allowed", List.copyOf(e.allowed()));
            return Response.status(409).type(Problem.MEDIA_TYPE).entity(body).build();
        }
    }
}
