package org.minyi.demo;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.minyi.common.ApiException;
import org.minyi.source.Source;
import org.minyi.source.SourceInput;
import org.minyi.source.SourceService;

/**
 * Registers the demo site's forum, news site and feed as sources at start-up, so that a newcomer's first run shows
 * crawling, analysis and the live pages with no internet. Existing demo sources are updated to this port.
 */
@ApplicationScoped
public class DemoSetup {

    @Inject
    DemoConfig config;

    @Inject
    SourceService sources;

    @ConfigProperty(name = "quarkus.http.port", defaultValue = "8080")
    int port;

    void register(@Observes @Priority(5000) StartupEvent event) {
        if (!config.enabled() || !config.registerSources()) {
            return;
        }
        String base = config.appBaseUrl().orElse("http://localhost:" + port);
        for (DemoSources.Definition d : DemoSources.definitions(base)) {
            SourceInput input = d.toInput(config.crawlSchedule(), 3, 300);
            try {
                Source existing = QuarkusTransaction.requiringNew().call(() -> Source.findByName(d.name()).orElse(null));
                if (existing == null) {
                    sources.create(input);
                    Log.infof("demo source registered: %s (%s)", d.name(), d.startUrls().get(0));
                } else if (!existing.baseUrl.equals(d.baseUrl())) {
                    sources.update(existing.id, input);
                    Log.infof("demo source %s now points at %s", d.name(), d.baseUrl());
                }
            } catch (ApiException e) {
                Log.warnf("demo source %s not registered: %s", d.name(), e.getMessage());
            }
        }
    }
}
