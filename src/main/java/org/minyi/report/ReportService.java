package org.minyi.report;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jboss.logging.Logger;
import org.minyi.common.ApiException;
import org.minyi.common.DistrictConfig;
import org.minyi.common.JsonText;
import org.minyi.common.Page;
import org.minyi.common.Validation;
import org.minyi.dashboard.DashboardConfig;
import org.minyi.dashboard.Period;
import org.minyi.topic.Topic;

/**
 * Requests, generates and archives reports. Generation runs in the background (one report at a time per instance) with
 * its progress stored on the report. A report is unique per (kind, period start, topic): requesting it again while it
 * is queued or running returns the running one, and an archived one is returned as it is (a failed one is retried).
 */
@ApplicationScoped
public class ReportService {

    private static final Logger LOG = Logger.getLogger(ReportService.class);

    @Inject
    ReportGenerator generator;

    @Inject
    DistrictConfig district;

    @Inject
    DashboardConfig dashboardConfig;

    @Inject
    Clock clock;

    @Inject
    org.minyi.cluster.Cluster cluster;

    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "minyi-report");
        t.setDaemon(true);
        return t;
    });

    /** Body of {@code POST /api/reports}. */
    public record ReportRequest(String kind, String date, String from, String to, String zone, Long topicId) {
    }

    /** A report as listed (without its figures) and with its figures. */
    public record ReportView(long id, String kind, String title, String status, int progress, String phase, String message,
                             Instant from, Instant to, String zone, Long topicId, String trigger, String createdBy,
                             Instant createdAt, Instant finishedAt, String link, Object content) {
        static ReportView of(Report r, boolean withContent) {
            return new ReportView(r.id, r.kind.name(), r.title, r.status.name(), r.progress, r.phase, r.message,
                    r.periodStart, r.periodEnd, r.zone, r.topicKey == 0 ? null : r.topicKey, r.trigger, r.createdBy,
                    r.createdAt, r.finishedAt, "/reports/" + r.id,
                    withContent && r.content != null ? JsonText.read(r.content, com.fasterxml.jackson.databind.JsonNode.class, null) : null);
        }
    }

    /** The outcome of a request: the report and whether it was created by this request. */
    public record Requested(ReportView report, boolean created) {
    }

    public Requested request(ReportRequest in, String who, String trigger) {
        Validation v = new Validation();
        Report.Kind kind = null;
        if (in == null || in.kind() == null || in.kind().isBlank()) {
            v.reject("kind", "is required: DAILY, WEEKLY or SPECIAL");
        } else {
            try {
                kind = Report.Kind.valueOf(in.kind().strip().toUpperCase());
            } catch (IllegalArgumentException e) {
                v.reject("kind", "must be DAILY, WEEKLY or SPECIAL");
            }
        }
        ZoneId zone = district.zone();
        if (in != null && in.zone() != null && !in.zone().isBlank()) {
            try {
                zone = ZoneId.of(in.zone().strip());
            } catch (java.time.DateTimeException e) {
                v.reject("zone", "unknown time zone '" + in.zone() + "'; use an IANA name such as Asia/Shanghai");
            }
        }
        v.throwIfInvalid();
        LocalDate today = LocalDate.now(clock.withZone(zone));
        LocalDate date = null;
        if (in.date() != null && !in.date().isBlank()) {
            try {
                date = LocalDate.parse(in.date().strip());
            } catch (DateTimeParseException e) {
                v.reject("date", "must be a date such as 2025-10-01");
            }
        }
        Instant from = null;
        Instant to = null;
        Topic topic = null;
        String title = null;
        switch (kind) {
            case DAILY -> {
                LocalDate d = date == null ? today.minusDays(1) : date;
                from = d.atStartOfDay(zone).toInstant();
                to = d.plusDays(1).atStartOfDay(zone).toInstant();
                title = "舆情日报（" + ReportGenerator.cn(d) + "）";
            }
            case WEEKLY -> {
                LocalDate d = date == null ? today.minusWeeks(1) : date;
                LocalDate monday = d.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
                from = monday.atStartOfDay(zone).toInstant();
                to = monday.plusDays(7).atStartOfDay(zone).toInstant();
                title = "舆情周报（" + ReportGenerator.cn(monday) + "至" + ReportGenerator.cn(monday.plusDays(6)) + "）";
            }
            case SPECIAL -> {
                if (in.topicId() == null) {
                    v.reject("topicId", "is required for a special report");
                } else {
                    topic = QuarkusTransaction.requiringNew().call(() -> Topic.<Topic>findById(in.topicId()));
                    if (topic == null) {
                        v.reject("topicId", "unknown topic " + in.topicId());
                    }
                }
                v.throwIfInvalid();
                Period p = Period.parse(v, blank(in.from()) ? topic.firstSeen.toString() : in.from(),
                        blank(in.to()) ? topic.lastSeen.plusSeconds(1).toString() : in.to(), zone.getId(), zone, clock,
                        dashboardConfig.defaultPeriodDays(), dashboardConfig.maxPeriodDays());
                if (p != null) {
                    from = p.from();
                    to = p.to();
                }
                title = "舆情专报：" + (topic.label.length() > 100 ? topic.label.substring(0, 100) : topic.label);
            }
        }
        if (from != null && to != null && Duration.between(from, to).compareTo(Duration.ofDays(dashboardConfig.maxPeriodDays())) > 0) {
            v.reject("to", "the period is longer than the maximum of " + dashboardConfig.maxPeriodDays() + " days");
        }
        v.throwIfInvalid();
        return enqueue(kind, from, to, zone, topic == null ? 0 : topic.id, title, who, trigger);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private Requested enqueue(Report.Kind kind, Instant from, Instant to, ZoneId zone, long topicKey, String title,
                              String who, String trigger) {
        for (int attempt = 0; attempt < 3; attempt++) {
            Object[] result;
            try {
                result = QuarkusTransaction.requiringNew().call(() -> {
                    Report existing = Report.find("kind = ?1 and periodStart = ?2 and topicKey = ?3", kind, from, topicKey)
                            .firstResult();
                    if (existing != null) {
                        if (existing.status != Report.Status.FAILED) {
                            return new Object[] {existing.id, false};
                        }
                        existing.status = Report.Status.QUEUED;
                        existing.instanceId = cluster.instanceId();
                        existing.progress = 0;
                        existing.phase = "排队中";
                        existing.message = null;
                        return new Object[] {existing.id, true};
                    }
                    Report r = new Report();
                    r.kind = kind;
                    r.title = title;
                    r.periodStart = from;
                    r.periodEnd = to;
                    r.zone = zone.getId();
                    r.topicKey = topicKey;
                    r.status = Report.Status.QUEUED;
                    r.instanceId = cluster.instanceId();
                    r.phase = "排队中";
                    r.trigger = trigger;
                    r.createdBy = who;
                    r.createdAt = Instant.now(clock);
                    r.persistAndFlush();
                    return new Object[] {r.id, true};
                });
            } catch (RuntimeException e) {
                if (duplicateKey(e)) {
                    // another request (or instance) inserted the same report first: read it on the next attempt
                    continue;
                }
                throw e;
            }
            long id = (Long) result[0];
            boolean created = (Boolean) result[1];
            if (created) {
                executor.submit(() -> run(id));
            }
            return new Requested(get(id, false), created);
        }
        throw ApiException.conflict("the report is being created by another request; try again");
    }

    private static boolean duplicateKey(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof org.hibernate.exception.ConstraintViolationException
                    || (t.getMessage() != null && t.getMessage().toLowerCase().contains("uk_report_period"))) {
                return true;
            }
        }
        return false;
    }

    /** Generates one queued report; a failure is recorded on the report. */
    void run(long id) {
        Report r = QuarkusTransaction.requiringNew().call(() -> {
            Report x = Report.findById(id);
            if (x == null || x.status != Report.Status.QUEUED) {
                return null;
            }
            x.status = Report.Status.RUNNING;
            x.startedAt = Instant.now(clock);
            x.progress = 5;
            x.phase = "开始生成";
            return x;
        });
        if (r == null) {
            return;
        }
        try {
            ReportContent content = QuarkusTransaction.requiringNew().timeout(1800).call(() -> generator.generate(r.kind,
                    r.periodStart, r.periodEnd, ZoneId.of(r.zone), r.topicKey == 0 ? null : r.topicKey, r.title,
                    (pct, phase) -> progress(id, pct, phase)));
            String json = JsonText.write(content);
            QuarkusTransaction.requiringNew().run(() -> {
                Report x = Report.findById(id);
                x.content = json;
                x.status = Report.Status.DONE;
                x.progress = 100;
                x.phase = "完成";
                x.finishedAt = Instant.now(clock);
            });
        } catch (RuntimeException e) {
            LOG.errorf(e, "report %d failed", id);
            QuarkusTransaction.requiringNew().run(() -> {
                Report x = Report.findById(id);
                x.status = Report.Status.FAILED;
                x.message = String.valueOf(e.getMessage()).length() > 1900 ? e.getMessage().substring(0, 1900) : String.valueOf(e.getMessage());
                x.finishedAt = Instant.now(clock);
            });
        }
    }

    private void progress(long id, int pct, String phase) {
        // its own transaction, so readers see the progress while the report is generated
        executorSafe(() -> QuarkusTransaction.requiringNew().run(() -> {
            Report x = Report.findById(id);
            x.progress = pct;
            x.phase = phase;
        }));
    }

    private static void executorSafe(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            LOG.debug("progress not recorded", e);
        }
    }

    public ReportView get(long id, boolean withContent) {
        Report r = QuarkusTransaction.joiningExisting().call(() -> Report.findById(id));
        if (r == null) {
            throw ApiException.notFound("report", id);
        }
        return ReportView.of(r, withContent);
    }

    /** The stored figures of a finished report. */
    public ReportContent content(long id) {
        Report r = QuarkusTransaction.joiningExisting().call(() -> Report.findById(id));
        if (r == null) {
            throw ApiException.notFound("report", id);
        }
        if (r.status != Report.Status.DONE || r.content == null) {
            throw ApiException.conflict("report " + id + " is " + r.status + "; it can be exported when it is DONE");
        }
        return JsonText.read(r.content, ReportContent.class, null);
    }

    public Page<ReportView> list(String kind, Integer page, Integer size) {
        Validation v = new Validation();
        Report.Kind k = null;
        if (kind != null && !kind.isBlank()) {
            try {
                k = Report.Kind.valueOf(kind.strip().toUpperCase());
            } catch (IllegalArgumentException e) {
                v.reject("kind", "must be DAILY, WEEKLY or SPECIAL");
            }
        }
        Validation.PageRequest paging = v.paging(page, size, 20);
        v.throwIfInvalid();
        Report.Kind kk = k;
        return QuarkusTransaction.joiningExisting().call(() -> {
            var q = kk == null ? Report.<Report>find("order by createdAt desc, id desc")
                    : Report.<Report>find("kind = ?1 order by createdAt desc, id desc", kk);
            long total = q.count();
            List<ReportView> items = q.page(paging.page(), paging.size()).list().stream().map(r -> ReportView.of(r, false)).toList();
            return new Page<>(items, paging.page(), paging.size(), total);
        });
    }

    private static final String INTERRUPTED = "interrupted: the instance generating it stopped";

    /**
     * At start-up (after {@code Cluster} has registered this instance and reaped the dead ones): reports left QUEUED or
     * RUNNING by an instance that is no longer alive are marked FAILED, so that requesting them again generates them.
     * A report another live instance is generating is left alone. Rows without an instance (written before V11) count
     * as interrupted after 30 minutes, as before.
     */
    void onStart(@Observes io.quarkus.runtime.StartupEvent e) {
        Instant stale = Instant.now(clock).minus(Duration.ofMinutes(30));
        int n = QuarkusTransaction.requiringNew().call(() -> Report.update(
                "status = ?1, message = ?2, finishedAt = ?6 where status in (?3, ?4) and ((instanceId is null and createdAt < ?5)"
                        + " or (instanceId is not null and instanceId not in"
                        + " (select i.id from ClusterInstance i where i.stoppedAt is null)))", Report.Status.FAILED,
                INTERRUPTED, Report.Status.QUEUED, Report.Status.RUNNING, stale, Instant.now(clock)));
        if (n > 0) {
            LOG.infof("%d interrupted report(s) marked FAILED", n);
        }
    }

    /** The reports an instance was generating when it stopped or was found dead are marked FAILED. */
    void onInstanceStopped(@Observes org.minyi.cluster.InstanceStopped event) {
        int n = QuarkusTransaction.requiringNew().call(() -> Report.update(
                "status = ?1, message = ?2, finishedAt = ?5 where status in (?3, ?4) and instanceId = ?6", Report.Status.FAILED,
                INTERRUPTED, Report.Status.QUEUED, Report.Status.RUNNING, Instant.now(clock), event.instanceId()));
        if (n > 0) {
            LOG.infof("%d report(s) of instance %s marked FAILED (interrupted)", n, event.instanceId());
        }
    }

    void onStop(@Observes ShutdownEvent e) {
        executor.shutdownNow();
    }
}
