package org.minyi.routing;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.minyi.common.ApiException;
import org.minyi.common.DistrictConfig;
import org.minyi.common.Validation;
import org.minyi.routing.unit.OrgUnit;
import org.minyi.security.Role;

/**
 * The league table per unit over a period (cases assigned in it): response rate, on-time rate, median minutes to
 * acknowledge and to respond, and the share of evaluated responses after which the topic calmed.
 */
@Path("/api/routing/stats")
@Produces(MediaType.APPLICATION_JSON)
public class StatsResource {

    @Inject
    Clock clock;

    @Inject
    DistrictConfig district;

    @Inject
    Effects effects;

    /** One row of the league table. */
    public record UnitStats(long unitId, String unit, int cases, int responded, double responseRate, int onTime,
                            double onTimeRate, Long medianMinutesToAcknowledge, Long medianMinutesToRespond,
                            int evaluated, int calmed, Double effectRate) {
    }

    /** The table and its period. */
    public record Table(Instant from, Instant to, List<UnitStats> units) {
    }

    @GET
    @RolesAllowed({Role.admin, Role.analyst, Role.propaganda, Role.emergency})
    public Table stats(@QueryParam("from") String fromParam, @QueryParam("to") String toParam) {
        Validation v = new Validation();
        Instant now = Instant.now(clock);
        Instant to = time(v, "to", toParam, now, true);
        Instant from = time(v, "from", fromParam, (to == null ? now : to).minus(Duration.ofDays(30)), false);
        if (from != null && to != null && !from.isBefore(to)) {
            v.reject("to", "ends before the period starts (from " + from + ")");
        }
        v.throwIfInvalid();
        List<RoutingCase> cases = RoutingCase.list("assignedAt >= ?1 and assignedAt < ?2 and unitId is not null", from, to);
        Map<Long, List<RoutingCase>> byUnit = new LinkedHashMap<>();
        cases.forEach(c -> byUnit.computeIfAbsent(c.unitId, k -> new ArrayList<>()).add(c));
        List<UnitStats> rows = new ArrayList<>();
        byUnit.forEach((unitId, list) -> rows.add(row(unitId, list)));
        rows.sort(Comparator.comparingDouble(UnitStats::onTimeRate).reversed()
                .thenComparing(Comparator.comparingDouble(UnitStats::responseRate).reversed()).thenComparing(UnitStats::unit));
        return new Table(from, to, rows);
    }

    UnitStats row(long unitId, List<RoutingCase> list) {
        OrgUnit unit = OrgUnit.findById(unitId);
        int responded = 0;
        int onTime = 0;
        int evaluated = 0;
        int calmed = 0;
        List<Long> ack = new ArrayList<>();
        List<Long> resp = new ArrayList<>();
        for (RoutingCase c : list) {
            if (c.acknowledgedAt != null) {
                ack.add(Duration.between(c.assignedAt, c.acknowledgedAt).toMinutes());
            }
            if (c.respondedAt != null) {
                responded++;
                resp.add(Duration.between(c.assignedAt, c.respondedAt).toMinutes());
                if (c.responseDue == null || !c.respondedAt.isAfter(c.responseDue)) {
                    onTime++;
                }
                Effects.Effect e = effects.of(c);
                if (e != null && e.calmed() != null) {
                    evaluated++;
                    if (e.calmed()) {
                        calmed++;
                    }
                }
            }
        }
        int n = list.size();
        return new UnitStats(unitId, unit == null ? "?" : unit.name, n, responded, rate(responded, n), onTime,
                rate(onTime, n), median(ack), median(resp), evaluated, calmed, evaluated == 0 ? null : rate(calmed, evaluated));
    }

    /** {@code part / whole} to three decimals, 0 when {@code whole} is 0 (also used by the dashboard). */
    public static double rate(int part, int whole) {
        return whole == 0 ? 0 : Math.round(1000.0 * part / whole) / 1000.0;
    }

    /** The median of durations, or null for none (also used by the dashboard). */
    public static Long median(List<Long> values) {
        if (values.isEmpty()) {
            return null;
        }
        List<Long> s = values.stream().sorted().toList();
        int m = s.size() / 2;
        return s.size() % 2 == 1 ? s.get(m) : (s.get(m - 1) + s.get(m)) / 2;
    }

    /** An ISO date-time with offset, or a date (start of that day in the district; {@code to} is exclusive). */
    private Instant time(Validation v, String field, String value, Instant fallback, boolean endOfDay) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return OffsetDateTime.parse(value.strip()).toInstant();
        } catch (DateTimeParseException e) {
            try {
                LocalDate d = LocalDate.parse(value.strip());
                return (endOfDay ? d.plusDays(1) : d).atStartOfDay(district.zone()).toInstant();
            } catch (DateTimeParseException e2) {
                v.reject(field, "must be a date (2025-10-01) or an ISO-8601 date-time with offset");
                return null;
            }
        }
    }
}
