package org.minyi.crawl.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class TrapFilterTest {

    private static final Clock NOW = Clock.fixed(Instant.parse("2026-11-28T02:00:00Z"), ZoneOffset.UTC);
    private final TrapFilter filter = new TrapFilter(FetchSettings.builder().maxUrlLength(200).build(), NOW);

    @Test
    void ordinaryPagesPass() {
        assertThat(filter.reject("http://bbs.example.cn/forum.php?mod=viewthread&tid=2031&page=2")).isEmpty();
        assertThat(filter.reject("http://bbs.example.cn/thread-2031-1-1.html")).isEmpty();
        assertThat(filter.reject("http://news.example.cn/2026/11/28/content_203105.htm")).isEmpty();
        assertThat(filter.reject("http://news.example.cn/202611/t20261128_12.html")).isEmpty();
        assertThat(filter.reject("http://news.example.cn/archive/2019-03/list.html")).isEmpty();
        assertThat(filter.reject("http://news.example.cn/article/203105")).isEmpty(); // an id, not May 2031
        assertThat(filter.reject("http://news.example.cn/calendar?year=2027&month=3")).isEmpty();
    }

    @Test
    void endlessCalendarIsRefused() {
        assertThat(filter.reject("http://www.example.cn/calendar.php?year=2031&month=5"))
                .hasValueSatisfying(r -> assertThat(r).contains("calendar date 2031-01-01").contains("future"));
        assertThat(filter.reject("http://www.example.cn/events/calendar/2029/03/17/"))
                .hasValueSatisfying(r -> assertThat(r).contains("2029-03-17"));
        assertThat(filter.reject("http://www.example.cn/events/list?date=2041-01-01")).isPresent();
        assertThat(filter.reject("http://www.example.cn/events/1998-02/")).hasValueSatisfying(
                r -> assertThat(r).contains("years back"));
        assertThat(filter.reject("http://www.example.cn/events/list?ym=199802")).isPresent();
    }

    @Test
    void repeatedPathSegmentIsRefused() {
        assertThat(filter.reject("http://bbs.example.cn/forum/images/forum/images/forum/images/a.gif"))
                .hasValueSatisfying(r -> assertThat(r).contains("'forum' repeated 3 times"));
        assertThat(filter.reject("http://bbs.example.cn/forum/images/forum/a.gif")).isEmpty();
    }

    @Test
    void longUrlsAndManyParametersAreRefused() {
        assertThat(filter.reject("http://news.example.cn/" + "a".repeat(200)))
                .hasValueSatisfying(r -> assertThat(r).contains("longer than 200"));
        StringBuilder many = new StringBuilder("http://news.example.cn/s?");
        for (int i = 0; i < 13; i++) {
            many.append("p").append(i).append("=1&");
        }
        assertThat(filter.reject(many.toString())).hasValueSatisfying(r -> assertThat(r).contains("query parameters (13)"));
        assertThat(filter.reject("http://news.example.cn/s?a=1&b=2&c=3")).isEmpty();
    }
}
