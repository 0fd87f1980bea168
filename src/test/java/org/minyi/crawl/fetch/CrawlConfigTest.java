package org.minyi.crawl.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The mapping is read by SmallRye Config directly: no Quarkus start needed. */
class CrawlConfigTest {

    private static CrawlConfig mapping(Map<String, String> properties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(CrawlConfig.class)
                .withSources(new PropertiesConfigSource(properties, "test", 500))
                .build();
        return config.getConfigMapping(CrawlConfig.class);
    }

    @Test
    void annotationDefaultsEqualTheBuilderDefaults() {
        FetchSettings fromConfig = FetchSettings.from(mapping(Map.of()));
        assertThat(fromConfig).isEqualTo(FetchSettings.defaults());
        assertThat(fromConfig.maxPageBytes()).isEqualTo(5L * 1024 * 1024);
        assertThat(fromConfig.allowLoopback()).isFalse();
        assertThat(fromConfig.robotsAgentName()).isEqualTo("minyi");
    }

    @Test
    void keysAreKebabCaseUnderMinyiCrawl() {
        FetchSettings s = FetchSettings.from(mapping(Map.of(
                "minyi.crawl.allow-loopback", "true",
                "minyi.crawl.host-delay", "PT3S",
                "minyi.crawl.max-page-bytes", "1000",
                "minyi.crawl.user-agent", "minyi-bench/1")));
        assertThat(s.allowLoopback()).isTrue();
        assertThat(s.hostDelay()).isEqualTo(Duration.ofSeconds(3));
        assertThat(s.maxPageBytes()).isEqualTo(1000);
        assertThat(s.robotsAgentName()).isEqualTo("minyi-bench");
    }

    @Test
    void nonsenseIsRefused() {
        assertThatThrownBy(() -> FetchSettings.builder().maxAttempts(0).build()).hasMessageContaining("maxAttempts");
        assertThatThrownBy(() -> FetchSettings.builder().readTimeout(Duration.ZERO).build()).hasMessageContaining("readTimeout");
    }
}
