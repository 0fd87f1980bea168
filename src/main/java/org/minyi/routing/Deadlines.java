package org.minyi.routing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.minyi.common.DistrictConfig;

/**
 * The three clocks of a case, from its grade and the configuration: each clock is an elapsed duration or a number of
 * working days on the Chinese calendar.
 */
@ApplicationScoped
public class Deadlines {

    /** The deadlines of one assignment. */
    public record Due(Instant acknowledge, Instant response, Instant finalAnswer) {
    }

    @Inject
    RoutingConfig config;

    @Inject
    WorkCalendar calendar;

    /** The working-day calendar of the district, from {@code calendar/cn-workdays.csv}. */
    @Singleton
    static class CalendarProducer {
        @Produces
        @Singleton
        WorkCalendar calendar(DistrictConfig district) {
            try (InputStream in = WorkCalendar.class.getResourceAsStream("/calendar/cn-workdays.csv")) {
                return WorkCalendar.parse(in, district.zone());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    public Due from(Instant start, Grade grade) {
        RoutingConfig.Clocks c = switch (grade) {
            case GENERAL -> config.general();
            case LARGER -> config.larger();
            case MAJOR -> config.major();
            case EXTRAORDINARY -> config.extraordinary();
        };
        return new Due(plus(calendar, start, c.acknowledge()), plus(calendar, start, c.response()),
                plus(calendar, start, c.finalAnswer()));
    }

    /** {@code start} plus a clock written as {@code PT5H} (elapsed time) or {@code 7WD} (working days). */
    public static Instant plus(WorkCalendar calendar, Instant start, String clock) {
        String s = clock.strip().toUpperCase();
        if (s.endsWith("WD")) {
            int days = Integer.parseInt(s.substring(0, s.length() - 2).strip());
            return calendar.plusWorkingDays(start, days);
        }
        try {
            return start.plus(Duration.parse(s));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("a deadline clock is an ISO-8601 duration (PT5H) or working days (7WD): " + clock);
        }
    }
}
