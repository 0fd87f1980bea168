package org.minyi.common;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects field errors for one request so that every problem is reported at once and nothing is
 * stored when any is found.
 */
public final class Validation {

    private final List<ApiException.FieldError> errors;
    private final String prefix;

    public Validation() {
        this(new ArrayList<>(), "");
    }

    private Validation(List<ApiException.FieldError> errors, String prefix) {
        this.errors = errors;
        this.prefix = prefix;
    }

    /** A view that records into the same error list with field names prefixed, e.g. {@code [3].}. */
    public Validation nested(String childPrefix) {
        return new Validation(errors, prefix + childPrefix);
    }

    public Validation reject(String field, String reason) {
        errors.add(new ApiException.FieldError(prefix + field, reason));
        return this;
    }

    public String required(String field, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            reject(field, "is required");
            return null;
        }
        return maxLength(field, value, maxLength);
    }

    public String maxLength(String field, String value, int maxLength) {
        if (value != null && value.length() > maxLength) {
            reject(field, "is longer than " + maxLength + " characters (" + value.length() + ")");
            return null;
        }
        return value;
    }

    /** An absolute http or https URL, or null (after rejecting) when it is not one. */
    public URI httpUrl(String field, String value, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                reject(field, "is required");
            }
            return null;
        }
        if (value.length() > 2048) {
            reject(field, "is longer than 2048 characters");
            return null;
        }
        try {
            URI uri = new URI(value.trim());
            String scheme = uri.getScheme();
            if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                    || uri.getHost() == null) {
                reject(field, "must be an absolute http or https URL");
                return null;
            }
            return uri;
        } catch (URISyntaxException e) {
            reject(field, "is not a valid URL: " + e.getReason());
            return null;
        }
    }

    public OffsetDateTime dateTime(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.trim());
        } catch (DateTimeParseException e) {
            reject(field, "must be an ISO-8601 date-time with offset, e.g. 2025-05-07T21:23:00+08:00");
            return null;
        }
    }

    public Integer nonNegative(String field, Integer value) {
        if (value != null && value < 0) {
            reject(field, "must not be negative");
            return null;
        }
        return value;
    }

    /** A page request: {@code page} ≥ 0 (default 0), {@code size} from 1 to {@link Page#MAX_SIZE} (default given). */
    public PageRequest paging(Integer page, Integer size, int defaultSize) {
        int p = page == null ? 0 : page;
        int s = size == null ? defaultSize : size;
        if (p < 0) {
            reject("page", "must not be negative");
        }
        if (s < 1 || s > Page.MAX_SIZE) {
            reject("size", "must be between 1 and " + Page.MAX_SIZE);
        }
        return new PageRequest(p, s);
    }

    /** A validated page number (0-based) and size. */
    public record PageRequest(int page, int size) {
    }

    public boolean hasErrors() {
        return !errors.isEmpty();
    }

    public List<ApiException.FieldError> errors() {
        return List.copyOf(errors);
    }

    /** Throws a 400 carrying every collected error, if there is any. */
    public void throwIfInvalid() {
        if (!errors.isEmpty()) {
            throw ApiException.badRequest(errors);
        }
    }
}
