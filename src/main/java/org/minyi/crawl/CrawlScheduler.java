package org.minyi.crawl;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.minyi.source.Source;
import org.minyi.source.SourceType;

/**
 * Starts the scheduled crawls: every tick, each enabled source whose schedule interval has passed since its last
 * run started gets a run, unless one is running. Also marks runs whose process died as interrupted.
 */
@ApplicationScoped
public class CrawlScheduler {

    @Inject
    Crawler crawler;

    @Inject
    CrawlStore store;

    @Inject
    org.minyi.crawl.fetch.CrawlConfig config;

    @Inject
    Clock clock;

    @Scheduled(every = "${minyi.crawl.schedule-tick:30s}", delayed = "${minyi.crawl.schedule-delay:10s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, identity = "crawl-schedule")
    void tick() {
        if (!config.schedulerEnabled()) {
            return;
        }
        Instant now = Instant.now(clock);
        List<Source> due = QuarkusTransaction.requiringNew().call(() -> Source.<Source>list("enabled = true and type <> ?1", SourceType.API));
        for (Source source : due) {
            String schedule = source.settings().schedule();
            if (schedule == null || crawler.isRunning(source.id)) {
                continue;
            }
            Duration every = Duration.parse(schedule);
            if (isDue(source.id, every, now)) {
                try {
                    // checked again under the source's lease: another instance may have started this slot meanwhile
                    crawler.start(source.id, CrawlRun.Trigger.SCHEDULE, null, () -> isDue(source.id, every, Instant.now(clock)));
                } catch (RuntimeException e) {
                    Log.warnf("scheduled crawl of source %d not started: %s", source.id, e.getMessage());
                }
            }
        }
        store.interruptStale(now.minus(config.staleRunAfter()));
    }

    /**
     * Due when the source never ran, its last run started a schedule interval ago or more, or its last run was
     * interrupted (the service stopped during it: the source resumes at once, skipping what was stored).
     */
    boolean isDue(long sourceId, Duration every, Instant now) {
        CrawlRun last = QuarkusTransaction.requiringNew().call(() -> CrawlRun.find("sourceId = ?1 order by startedAt desc, id desc", sourceId)
                .<CrawlRun>firstResultOptional().orElse(null));
        if (last == null || last.status == CrawlRun.Status.INTERRUPTED) {
            return last == null || store.runningRun(sourceId).isEmpty();
        }
        return last.status != CrawlRun.Status.RUNNING && !last.startedAt.plus(every).isAfter(now);
    }
}
