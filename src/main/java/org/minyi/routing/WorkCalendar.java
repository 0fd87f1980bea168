package org.minyi.routing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * Working days in China: Monday to Friday, minus public holidays, plus the weekend days worked instead (调休).
 * Holidays and worked weekends come from a data file that administrators maintain each year when the State Council
 * publishes the next year's schedule; a year missing from the file falls back to plain Monday-to-Friday.
 */
public final class WorkCalendar {

    /** What a listed day is. */
    public enum DayKind { HOLIDAY, WORKDAY }

    private final Map<LocalDate, DayKind> exceptions;
    private final ZoneId zone;

    public WorkCalendar(Map<LocalDate, DayKind> exceptions, ZoneId zone) {
        this.exceptions = Collections.unmodifiableMap(new HashMap<>(exceptions));
        this.zone = zone;
    }

    /**
     * Reads {@code date,kind[,name]} lines ({@code 2026-10-01,HOLIDAY,国庆节}); {@code #} starts a comment.
     *
     * @throws IllegalArgumentException naming the line of a malformed entry
     */
    public static WorkCalendar parse(InputStream in, ZoneId zone) {
        Map<LocalDate, DayKind> days = new HashMap<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                String t = line.strip();
                if (t.isEmpty() || t.startsWith("#")) {
                    continue;
                }
                String[] parts = t.split(",", 3);
                try {
                    days.put(LocalDate.parse(parts[0].strip()), DayKind.valueOf(parts[1].strip().toUpperCase()));
                } catch (DateTimeParseException | IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
                    throw new IllegalArgumentException("calendar line " + n + " is not 'yyyy-mm-dd,HOLIDAY|WORKDAY[,name]': " + t);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new WorkCalendar(days, zone);
    }

    public ZoneId zone() {
        return zone;
    }

    public boolean isWorkingDay(LocalDate day) {
        DayKind kind = exceptions.get(day);
        if (kind != null) {
            return kind == DayKind.WORKDAY;
        }
        return day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY;
    }

    /**
     * The deadline {@code days} working days after {@code start}: the same local time on the {@code days}-th working
     * day after the start's date (so "answer in 7 working days" from Friday 15:00 before a holiday lands on a
     * Friday or later, at 15:00).
     */
    public Instant plusWorkingDays(Instant start, int days) {
        if (days < 0) {
            throw new IllegalArgumentException("days must not be negative");
        }
        ZonedDateTime t = start.atZone(zone);
        LocalDate d = t.toLocalDate();
        int left = days;
        while (left > 0) {
            d = d.plusDays(1);
            if (isWorkingDay(d)) {
                left--;
            }
        }
        LocalTime time = t.toLocalTime();
        return ZonedDateTime.of(d, time, zone).toInstant();
    }

    /** A clock of elapsed hours is calendar time; a clock of working days uses this calendar. */
    public Instant plus(Instant start, Duration hours, int workingDays) {
        return workingDays > 0 ? plusWorkingDays(start, workingDays) : start.plus(hours);
    }
}
