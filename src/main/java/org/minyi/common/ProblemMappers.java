package org.minyi.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.persistence.OptimisticLockException;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns every refused request into {@code application/problem+json} naming the field and the reason. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response api(ApiException e, UriInfo uri) {
        return problem(e.status(), title(e.status()), e.getMessage(), uri, e.errors());
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e, UriInfo uri) {
        String field = "body";
        if (e instanceof JsonMappingException jme && !jme.getPath().isEmpty()) {
            field = jme.getPath().stream()
                    .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
        }
        String reason;
        if (e instanceof InvalidFormatException ife) {
            reason = "has the wrong format: " + ife.getValue();
        } else if (e instanceof MismatchedInputException mie && mie.getTargetType() != null) {
            reason = "has the wrong type, expected " + simpleType(mie.getTargetType());
        } else {
            reason = "is not valid JSON: " + e.getOriginalMessage();
        }
        return problem(400, "Bad Request", field + " " + reason, uri, List.of(new ApiException.FieldError(field, reason)));
    }

    /** Wins over Quarkus' built-in mapper for this type, whose answer is not problem+json. */
    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e, UriInfo uri) {
        return json(e, uri);
    }

    @ServerExceptionMapper
    public Response parse(com.fasterxml.jackson.core.JsonParseException e, UriInfo uri) {
        return json(e, uri);
    }

    @ServerExceptionMapper
    public Response violations(ConstraintViolationException e, UriInfo uri) {
        List<ApiException.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new ApiException.FieldError(lastNode(v.getPropertyPath().toString()), v.getMessage()))
                .toList();
        return problem(400, "Bad Request", ApiException.badRequest(errors).getMessage(), uri, errors);
    }

    /**
     * A value the database refuses to store or compare (PostgreSQL refuses the NUL character in text, for instance):
     * the caller's input, so 400; the transaction has rolled back, nothing changed.
     */
    @ServerExceptionMapper
    public Response data(org.hibernate.exception.DataException e, UriInfo uri) {
        LOG.warnf("refused a value the database cannot take: %s", e.getMessage());
        return problem(400, "Bad Request", "a value holds a character or a size the database refuses (e.g. a NUL character);"
                + " nothing was changed", uri, List.of());
    }

    /** A query parameter with a NUL character is refused by name before it reaches a query. */
    @org.jboss.resteasy.reactive.server.ServerRequestFilter
    public Response refuseNulInQuery(jakarta.ws.rs.container.ContainerRequestContext request) {
        for (var entry : request.getUriInfo().getQueryParameters().entrySet()) {
            for (String value : entry.getValue()) {
                if (value != null && value.indexOf('\u0000') >= 0) {
                    return problem(400, "Bad Request", "query parameter " + entry.getKey() + " holds a NUL character",
                            request.getUriInfo(), List.of(new ApiException.FieldError(entry.getKey(), "holds a NUL character")));
                }
            }
        }
        return null;
    }

    @ServerExceptionMapper
    public Response optimistic(OptimisticLockException e, UriInfo uri) {
        return problem(409, "Conflict", "the record was changed by someone else; reload and try again", uri, List.of());
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            LOG.error("request failed", e);
        }
        String detail = e.getMessage();
        if (status == 415) {
            detail = "unsupported Content-Type; send application/json";
        }
        return problem(status, title(status), detail, uri, List.of());
    }

    private static String lastNode(String path) {
        int dot = path.lastIndexOf('.');
        return dot >= 0 ? path.substring(dot + 1) : path;
    }

    private static String simpleType(Class<?> type) {
        if (List.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "a number";
        }
        if (type == String.class) {
            return "a string";
        }
        return "an object";
    }

    static String title(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 409 -> "Conflict";
            case 413 -> "Payload Too Large";
            case 415 -> "Unsupported Media Type";
            case 429 -> "Too Many Requests";
            case 503 -> "Service Unavailable";
            default -> status >= 500 ? "Internal Server Error" : "Error";
        };
    }

    static Response problem(int status, String title, String detail, UriInfo uri, List<ApiException.FieldError> errors) {
        Problem body = Problem.of(status, title, detail, uri == null ? null : uri.getPath(), errors);
        return Response.status(status).type(Problem.MEDIA_TYPE).entity(body).build();
    }
}
