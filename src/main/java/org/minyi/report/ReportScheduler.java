package org.minyi.report;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * Generates the daily report of the previous day and the weekly report of the previous week on the configured
 * schedules ({@code minyi.reports.daily-cron}, {@code minyi.reports.weekly-cron}, in the district's time zone). With
 * several instances on one database the unique key on (kind, period start, topic) lets only one of them generate it.
 */
@ApplicationScoped
public class ReportScheduler {

    private static final Logger LOG = Logger.getLogger(ReportScheduler.class);

    @Inject
    ReportService reports;

    @Scheduled(identity = "daily-report", cron = "{minyi.reports.daily-cron}", timeZone = "{minyi.district.zone}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void daily() {
        generate("DAILY");
    }

    @Scheduled(identity = "weekly-report", cron = "{minyi.reports.weekly-cron}", timeZone = "{minyi.district.zone}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void weekly() {
        generate("WEEKLY");
    }

    void generate(String kind) {
        try {
            ReportService.Requested r = reports.request(new ReportService.ReportRequest(kind, null, null, null, null, null),
                    "scheduler", "SCHEDULE");
            LOG.infof("%s report %d %s", kind, r.report().id(), r.created() ? "queued" : "exists already");
        } catch (RuntimeException e) {
            LOG.errorf(e, "scheduled %s report failed", kind);
        }
    }
}
