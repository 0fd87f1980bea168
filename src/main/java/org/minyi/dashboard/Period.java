package org.minyi.dashboard;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import org.minyi.common.Validation;

/**
 * A period [from, to) in a time zone, rounded outwards to whole hours (the aggregates' resolution).
 * {@code from}/{@code to} accept an ISO date-time with offset, a local date-time or a date, local ones read in the zone;
 * a date as {@code to} means the end of that day.
 */
public record Period(Instant from, Instant to, ZoneId zone) {

    public Duration length() {
        return Duration.between(from, to);
    }

    /** The period of the same length just before this one (for comparisons). */
    public Period previous() {
        return new Period(from.minus(length()), from, zone);
    }

    /** Parses and validates; rejections go to {@code v} (fields {@code from}, {@code to}, {@code zone}). */
    public static Period parse(Validation v, String fromParam, String toParam, String zoneParam, ZoneId defaultZone,
                               Clock clock, int defaultDays, int maxDays) {
        ZoneId zone = defaultZone;
        if (zoneParam != null && !zoneParam.isBlank()) {
            try {
                zone = ZoneId.of(zoneParam.strip());
            } catch (DateTimeException e) {
                v.reject("zone", "unknown time zone '" + zoneParam + "'; use an IANA name such as Asia/Shanghai");
                return null;
            }
        }
        Instant to = time(v, "to", toParam, zone, true);
        if (to == null && (toParam == null || toParam.isBlank())) {
            to = Instant.now(clock);
        }
        Instant from = time(v, "from", fromParam, zone, false);
        if (from == null && (fromParam == null || fromParam.isBlank()) && to != null) {
            from = to.minus(Duration.ofDays(defaultDays));
        }
        if (from == null || to == null) {
            return null;
        }
        from = from.truncatedTo(ChronoUnit.HOURS);
        Instant roundedTo = to.truncatedTo(ChronoUnit.HOURS);
        to = roundedTo.equals(to) ? to : roundedTo.plus(1, ChronoUnit.HOURS);
        if (!to.isAfter(from)) {
            v.reject("to", "ends before the period starts (from " + from + ")");
            return null;
        }
        if (Duration.between(from, to).compareTo(Duration.ofDays(maxDays)) > 0) {
            v.reject("to", "the period is longer than the maximum of " + maxDays + " days");
            return null;
        }
        return new Period(from, to, zone);
    }

    private static Instant time(Validation v, String field, String value, ZoneId zone, boolean endOfDay) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String s = value.strip();
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            // try the local forms
        }
        try {
            return LocalDateTime.parse(s).atZone(zone).toInstant();
        } catch (DateTimeParseException e) {
            // try a date
        }
        try {
            LocalDate d = LocalDate.parse(s);
            return (endOfDay ? d.plusDays(1) : d).atStartOfDay(zone).toInstant();
        } catch (DateTimeParseException e) {
            v.reject(field, "must be a date (2025-10-01), a local date-time (2025-10-01T08:00) or an ISO-8601 date-time with offset");
            return null;
        }
    }
}
