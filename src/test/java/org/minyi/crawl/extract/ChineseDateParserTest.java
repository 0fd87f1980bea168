package org.minyi.crawl.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ChineseDateParserTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    /** "Now" is 2025-05-10 12:00 in Shanghai. */
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-05-10T04:00:00Z"), SHANGHAI);
    private final ChineseDateParser parser = new ChineseDateParser(SHANGHAI, CLOCK);

    @ParameterizedTest(name = "{0} -> {1} ({2})")
    @CsvSource(delimiter = '|', value = {
        "2025-05-07 21:23            | 2025-05-07T21:23+08:00 | MINUTE",
        "2025-5-7 21:23:05           | 2025-05-07T21:23:05+08:00 | MINUTE",
        "2025/05/07 21:23            | 2025-05-07T21:23+08:00 | MINUTE",
        "2025.05.07                  | 2025-05-07T00:00+08:00 | DAY",
        "2025年5月7日 21:23           | 2025-05-07T21:23+08:00 | MINUTE",
        "2025年05月07日21时23分        | 2025-05-07T21:23+08:00 | MINUTE",
        "2025年05月07日 星期三 下午3:05  | 2025-05-07T15:05+08:00 | MINUTE",
        "发表于 2025-5-7 21:23         | 2025-05-07T21:23+08:00 | MINUTE",
        "发布时间：2025-05-07T21:23:00+08:00 | 2025-05-07T21:23+08:00 | MINUTE",
        "2025-05-07T13:23:00Z        | 2025-05-07T21:23+08:00 | MINUTE",
        "发表于 3 天前                 | 2025-05-07T00:00+08:00 | DAY",
        "5 分钟前                     | 2025-05-10T11:55+08:00 | MINUTE",
        "2 小时前                     | 2025-05-10T10:00+08:00 | MINUTE",
        "昨天 14:02                   | 2025-05-09T14:02+08:00 | MINUTE",
        "前天 08:00                   | 2025-05-08T08:00+08:00 | MINUTE",
        "今天 09:15                   | 2025-05-10T09:15+08:00 | MINUTE",
        "刚刚                         | 2025-05-10T12:00+08:00 | MINUTE",
        "05-07 21:23                 | 2025-05-07T21:23+08:00 | MINUTE",
        "20250507                    | 2025-05-07T00:00+08:00 | DAY",
    })
    void parses(String text, String expected, ChineseDateParser.Precision precision) {
        Optional<ChineseDateParser.ParsedDate> d = parser.parse(text);
        assertThat(d).isPresent();
        assertThat(d.get().dateTime().toInstant()).isEqualTo(OffsetDateTime.parse(expected).toInstant());
        assertThat(d.get().dateTime().getOffset()).isEqualTo(OffsetDateTime.parse(expected).getOffset());
        assertThat(d.get().precision()).isEqualTo(precision);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2025-13-07 21:23", "2025-02-30", "2025年13月1日", "2030-01-01 10:00", "1899-01-01",
        "没有日期", "", "版本 1.2.3", "25:61"})
    void rejects(String text) {
        assertThat(parser.parse(text)).isEmpty();
    }

    @Test
    void impossibleTimeKeepsTheDay() {
        assertThat(parser.parse("2025-05-07 25:61")).get()
                .extracting(ChineseDateParser.ParsedDate::precision).isEqualTo(ChineseDateParser.Precision.DAY);
    }

    @Test
    void monthDayInTheFutureMeansLastYear() {
        assertThat(parser.parseDateTime("12-30 10:00")).get()
                .extracting(OffsetDateTime::getYear).isEqualTo(2024);
    }

    @Test
    void zoneIsConfigurable() {
        ChineseDateParser utc = new ChineseDateParser(ZoneId.of("UTC"), CLOCK);
        assertThat(utc.parseDateTime("2025-05-07 21:23").get().getOffset().getTotalSeconds()).isZero();
    }

    @Test
    void findAllReturnsAllInOrder() {
        assertThat(parser.findAll("楼主 发表于 2025-5-7 21:23 ... 回复 发表于 昨天 14:02"))
                .extracting(d -> d.dateTime().toLocalDateTime().toString())
                .containsExactly("2025-05-07T21:23", "2025-05-09T14:02");
    }
}
