package org.minyi.common;

import java.util.List;

/**
 * A refused request: the HTTP status, a short title and the offending fields with their reasons.
 * Rendered as {@code application/problem+json} by {@link ProblemMappers}.
 */
public class ApiException extends RuntimeException {

    private final int status;
    private final List<FieldError> errors;

    public ApiException(int status, String message, List<FieldError> errors) {
        super(message);
        this.status = status;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
    }

    public ApiException(int status, String message) {
        this(status, message, List.of());
    }

    public static ApiException badRequest(String field, String reason) {
        return new ApiException(400, field + ": " + reason, List.of(new FieldError(field, reason)));
    }

    public static ApiException badRequest(List<FieldError> errors) {
        String first = errors.isEmpty() ? "invalid request" : errors.get(0).field() + ": " + errors.get(0).reason();
        String more = errors.size() > 1 ? " (and " + (errors.size() - 1) + " more)" : "";
        return new ApiException(400, first + more, errors);
    }

    public static ApiException notFound(String what, Object id) {
        return new ApiException(404, what + " " + id + " not found");
    }

    public static ApiException conflict(String message) {
        return new ApiException(409, message);
    }

    public static ApiException forbidden(String message) {
        return new ApiException(403, message);
    }

    public int status() {
        return status;
    }

    public List<FieldError> errors() {
        return errors;
    }

    /** One offending field, named as in the request ({@code content}, {@code [3].url}), and why. */
    public record FieldError(String field, String reason) {
    }
}
