package org.minyi.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class WorkCalendarTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    private static WorkCalendar shipped() {
        InputStream in = WorkCalendar.class.getResourceAsStream("/calendar/cn-workdays.csv");
        return WorkCalendar.parse(in, SHANGHAI);
    }

    private static Instant at(String local) {
        return ZonedDateTime.of(java.time.LocalDateTime.parse(local), SHANGHAI).toInstant();
    }

    @Test
    void nationalDayWeekIsOffAndTheWorkedSaturdayCounts() {
        WorkCalendar cal = shipped();
        assertThat(cal.isWorkingDay(LocalDate.of(2025, 10, 1))).isFalse();
        assertThat(cal.isWorkingDay(LocalDate.of(2025, 10, 8))).isFalse();
        assertThat(cal.isWorkingDay(LocalDate.of(2025, 10, 11))).as("Saturday worked instead").isTrue();
        assertThat(cal.isWorkingDay(LocalDate.of(2025, 9, 28))).as("Sunday worked instead").isTrue();
        assertThat(cal.isWorkingDay(LocalDate.of(2025, 10, 12))).as("an ordinary Sunday").isFalse();
        assertThat(cal.isWorkingDay(LocalDate.of(2025, 10, 9))).isTrue();
    }

    @Test
    void sevenWorkingDaysAcrossNationalDayAndAWorkedWeekend() {
        // Friday 26 Sep 2025, 15:00: working days after it are Sun 28 Sep (worked), Mon 29, Tue 30, then the holiday
        // 1-8 Oct, then Thu 9, Fri 10, Sat 11 (worked), Mon 13.
        Instant deadline = shipped().plusWorkingDays(at("2025-09-26T15:00:00"), 7);
        assertThat(deadline).isEqualTo(at("2025-10-13T15:00:00"));
    }

    @Test
    void withoutExceptionsItIsMondayToFriday() {
        WorkCalendar plain = new WorkCalendar(java.util.Map.of(), SHANGHAI);
        assertThat(plain.plusWorkingDays(at("2030-01-04T09:00:00"), 1)).as("Friday + 1 = Monday").isEqualTo(at("2030-01-07T09:00:00"));
        assertThat(plain.plusWorkingDays(at("2030-01-05T09:00:00"), 0)).isEqualTo(at("2030-01-05T09:00:00"));
    }

    @Test
    void springFestival2026() {
        WorkCalendar cal = shipped();
        assertThat(cal.isWorkingDay(LocalDate.of(2026, 2, 14))).as("Saturday worked before the festival").isTrue();
        assertThat(cal.isWorkingDay(LocalDate.of(2026, 2, 16))).isFalse();
        assertThat(cal.isWorkingDay(LocalDate.of(2026, 2, 23))).isFalse();
        assertThat(cal.isWorkingDay(LocalDate.of(2026, 2, 24))).isTrue();
    }

    @Test
    void malformedLinesAreRefusedWithTheirNumber() {
        String bad = "# comment\n2026-10-01,HOLIDAY,国庆节\n2026-13-01,HOLIDAY,坏日期\n";
        assertThatThrownBy(() -> WorkCalendar.parse(new ByteArrayInputStream(bad.getBytes(StandardCharsets.UTF_8)), SHANGHAI))
                .hasMessageContaining("line 3");
        assertThatThrownBy(() -> shipped().plusWorkingDays(Instant.EPOCH, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
