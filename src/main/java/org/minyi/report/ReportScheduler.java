package org.minyi.report;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * Generates the daily report of the previous day and the weekly report of the previous week on the configured
 * schedules ({@code minyi.reports.daily-cron}, {@code minyi.reports.weekly-cron}, in the district's time zone). With
 * several instances on one database the request runs under the cluster lease {@code reports-daily} /
 * {@code reports-weekly} (one instance requests it per tick), and the unique key on (kind, period start, topic) still
 * lets only one of them create it should two request it anyway (a lease taken over after its holder died).
 */
@ApplicationScoped
public class ReportScheduler {

    private static final Logger LOG = Logger.getLogger(ReportScheduler.class);

    @Inject
    ReportService reports;

    @Inject
    org.minyi.cluster.Leases leases;

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
            if (!leases.runExclusively("reports-" + kind.toLowerCase(java.util.Locale.ROOT), () -> request(kind))) {
                LOG.debugf("%s report: requested by another instance", kind);
            }
        } catch (RuntimeException e) {
            LOG.errorf(e, "scheduled %s report failed", kind);
        }
    }

    private void request(String kind) {
        ReportService.Requested r = reports.request(new ReportService.ReportRequest(kind, null, null, null, null, null),
                "scheduler", "SCHEDULE");
        LOG.infof("%s report %d %s", kind, r.report().id(), r.created() ? "queued" : "exists already");
    }
}
