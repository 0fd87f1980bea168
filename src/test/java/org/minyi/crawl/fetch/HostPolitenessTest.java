package org.minyi.crawl.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class HostPolitenessTest {

    private final FakeTime time = new FakeTime();

    private HostPoliteness politeness(boolean on, Duration hostDelay) {
        return new HostPoliteness(FetchSettings.builder().politeness(on).hostDelay(hostDelay).build(), time, time);
    }

    @Test
    void waitsTheHostDelayAfterTheLastRequestEnded() throws Exception {
        HostPoliteness p = politeness(true, Duration.ofSeconds(1));
        try (HostPoliteness.Permit first = p.acquire("http://news.example.cn/a", null)) {
            assertThat(first.waited()).isZero();
            time.advance(Duration.ofMillis(300)); // the request takes 300 ms
        }
        time.advance(Duration.ofMillis(200));
        try (HostPoliteness.Permit second = p.acquire("http://news.example.cn/b", null)) {
            assertThat(second.waited()).isEqualTo(Duration.ofMillis(800));
        }
        assertThat(time.sleeps()).containsExactly(Duration.ofMillis(800));
    }

    @Test
    void aLongerCrawlDelayWins() throws Exception {
        HostPoliteness p = politeness(true, Duration.ofSeconds(1));
        p.acquire("http://news.example.cn/a", Duration.ofSeconds(4)).close();
        p.acquire("http://news.example.cn/b", Duration.ofSeconds(4)).close();
        assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(4));
    }

    @Test
    void otherHostsAndPortsDoNotWait() throws Exception {
        HostPoliteness p = politeness(true, Duration.ofSeconds(1));
        p.acquire("http://news.example.cn/a", null).close();
        p.acquire("http://bbs.example.cn/a", null).close();
        p.acquire("http://news.example.cn:8080/a", null).close();
        p.acquire("https://news.example.cn/a", null).close();
        assertThat(time.sleeps()).isEmpty();
    }

    @Test
    void offMeansNoWaitingAndNoExclusion() throws Exception {
        HostPoliteness p = politeness(false, Duration.ofSeconds(1));
        HostPoliteness.Permit a = p.acquire("http://news.example.cn/a", Duration.ofSeconds(10));
        HostPoliteness.Permit b = p.acquire("http://news.example.cn/b", Duration.ofSeconds(10));
        a.close();
        b.close();
        p.acquire("http://news.example.cn/c", Duration.ofSeconds(10)).close();
        assertThat(time.sleeps()).isEmpty();
    }

    @Test
    void oneRequestAtATimePerHost() throws Exception {
        HostPoliteness p = new HostPoliteness(FetchSettings.builder().hostDelay(Duration.ZERO).build(),
                Clock.systemUTC(), HostPoliteness.Sleeper.REAL);
        HostPoliteness.Permit first = p.acquire("http://news.example.cn/a", null);
        AtomicBoolean secondIn = new AtomicBoolean();
        CountDownLatch done = new CountDownLatch(1);
        Thread t = new Thread(() -> {
            try (HostPoliteness.Permit second = p.acquire("http://news.example.cn/b", null)) {
                secondIn.set(true);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            done.countDown();
        });
        t.start();
        assertThat(done.await(300, TimeUnit.MILLISECONDS)).isFalse();
        assertThat(secondIn).isFalse();
        p.acquire("http://bbs.example.cn/", null).close(); // another host is not held up
        first.close();
        assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(secondIn).isTrue();
    }
}
