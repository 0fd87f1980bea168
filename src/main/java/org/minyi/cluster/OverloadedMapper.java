package org.minyi.cluster;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.minyi.common.Problem;

/** {@link Overloaded} as {@code 503 Service Unavailable}, problem+json, with {@code Retry-After}. */
public class OverloadedMapper {

    @ServerExceptionMapper
    public Response overloaded(Overloaded e, UriInfo uri) {
        Problem body = Problem.of(503, "Service Unavailable", e.getMessage(), uri == null ? null : uri.getPath(), List.of());
        return Response.status(503).type(Problem.MEDIA_TYPE).header("Retry-After", String.valueOf(e.retryAfterSeconds()))
                .entity(body).build();
    }
}
