package org.minyi.routing;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongConsumer;
import org.minyi.routing.unit.OrgUnit;
import org.minyi.routing.unit.UnitService;
import org.minyi.security.AppUser;
import org.minyi.security.Role;

/**
 * Deadlines as a query plus a batch job: cases whose running clock has run out are escalated once per deadline (an
 * event in the trail, which raises the case's attention by one grade, and notifications to the unit's head and the
 * duty analysts); cases whose deadline is near get a reminder to their spokespersons. Each case is handled in a
 * transaction of its own, and one failing case does not stop the batch.
 */
@ApplicationScoped
public class Escalation {

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    RoutingConfig config;

    @Inject
    UnitService units;

    @Inject
    CaseService cases;

    /** What one run did. */
    public record Run(int escalated, int reminded, int failed, List<Long> failedCases) {
    }

    @Inject
    org.minyi.cluster.Leases leases;

    /** Every tick, on one instance only: the one holding the {@code routing-escalation} lease (see docs/operations.md). */
    @Scheduled(every = "${minyi.routing.job-every:1m}", delayed = "${minyi.routing.job-delay:30s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        if (config.jobEnabled()) {
            leases.runExclusively("routing-escalation", this::run);
        }
    }

    public Run run() {
        Instant now = Instant.now(clock);
        List<Long> failed = new ArrayList<>();
        int[] escalated = {0};
        int[] reminded = {0};
        batch(dueBefore(now), id -> {
            if (escalate(id, now)) {
                escalated[0]++;
            }
        }, failed);
        List<Long> near = dueBetween(now, now.plus(config.reminderBefore()));
        batch(near, id -> {
            if (remind(id, now)) {
                reminded[0]++;
            }
        }, failed);
        return new Run(escalated[0], reminded[0], failed.size(), failed);
    }

    /** Runs the action for every case, each in its own transaction; failures are logged and collected. */
    static void batch(List<Long> ids, LongConsumer action, List<Long> failed) {
        for (Long id : ids) {
            try {
                QuarkusTransaction.requiringNew().run(() -> action.accept(id));
            } catch (RuntimeException e) {
                failed.add(id);
                Log.warnf(e, "deadline job: case %d failed; continuing with the next one", id);
            }
        }
    }

    /** Overdue cases not yet escalated for their current deadline. */
    List<Long> dueBefore(Instant now) {
        return QuarkusTransaction.requiringNew().call(() -> em.createQuery("select c.id from RoutingCase c where "
                        + RoutingCase.NEXT_DUE_JPQL + " < :now and (c.escalatedDue is null or c.escalatedDue <> "
                        + RoutingCase.NEXT_DUE_JPQL + ") order by c.id", Long.class)
                .setParameter("closed", CaseStatus.CLOSED).setParameter("now", now).getResultList());
    }

    List<Long> dueBetween(Instant from, Instant to) {
        return QuarkusTransaction.requiringNew().call(() -> em.createQuery("select c.id from RoutingCase c where "
                        + RoutingCase.NEXT_DUE_JPQL + " >= :from and " + RoutingCase.NEXT_DUE_JPQL + " < :to order by c.id", Long.class)
                .setParameter("closed", CaseStatus.CLOSED).setParameter("from", from).setParameter("to", to).getResultList());
    }

    /** Escalates one overdue case, once per deadline; true when it did. */
    boolean escalate(long id, Instant now) {
        RoutingCase c = RoutingCase.findById(id);
        if (c == null || !c.isOverdue(now)) {
            return false;
        }
        String key = c.runningClock() + "@" + c.nextDue();
        // marked for this deadline either way, by a bulk update (no version change: a user's edit of the case in
        // flight is not refused because the job passed)
        em.createQuery("update RoutingCase c set c.escalatedDue = :due where c.id = :id").setParameter("due", c.nextDue())
                .setParameter("id", id).executeUpdate();
        long done = CaseEvent.count("caseId = ?1 and kind = ?2 and note like ?3", id, CaseEvent.Kind.ESCALATED, key + "%");
        if (done > 0) {
            return false;
        }
        int before = (int) CaseEvent.count("caseId = ?1 and kind = ?2", id, CaseEvent.Kind.ESCALATED);
        Grade attention = c.grade.up(before + 1);
        cases.event(c, CaseEvent.Kind.ESCALATED, Actor.system(), c.status, c.status, c.unitId,
                key + " 超时，关注级别升至 " + attention.label());
        OrgUnit unit = c.unitId == null ? null : OrgUnit.findById(c.unitId);
        String message = "交办单 #" + id + "（" + (unit == null ? "未交办" : unit.name) + "）" + clockLabel(c.runningClock())
                + "已超时，关注级别升至 " + attention.label() + "：" + (c.title == null ? "" : c.title);
        Set<Long> recipients = new LinkedHashSet<>();
        if (unit != null && unit.headUserId != null) {
            recipients.add(unit.headUserId);
        }
        recipients.addAll(dutyAnalysts());
        for (Long user : recipients) {
            notify(user, c.id, "ESCALATION", message, "esc:" + id + ":" + key + ":" + user, now);
        }
        return true;
    }

    /** Reminds the unit's spokespersons of a near deadline, once per deadline; true when it did. */
    boolean remind(long id, Instant now) {
        RoutingCase c = RoutingCase.findById(id);
        if (c == null || c.nextDue() == null || c.unitId == null) {
            return false;
        }
        String key = c.runningClock() + "@" + c.nextDue();
        boolean sent = false;
        for (Long user : units.spokespersonIds(c.unitId)) {
            sent |= notify(user, c.id, "REMINDER", "交办单 #" + id + " 的" + clockLabel(c.runningClock()) + "期限 "
                    + c.nextDue() + " 将到：" + (c.title == null ? "" : c.title), "rem:" + id + ":" + key + ":" + user, now);
        }
        return sent;
    }

    private boolean notify(long userId, Long caseId, String kind, String message, String key, Instant now) {
        String dedupe = key.length() > 200 ? key.substring(0, 200) : key;
        if (Notification.count("dedupeKey", dedupe) > 0) {
            return false;
        }
        Notification n = new Notification();
        n.userId = userId;
        n.caseId = caseId;
        n.kind = kind;
        n.message = message.length() > 1000 ? message.substring(0, 1000) : message;
        n.createdAt = now;
        n.dedupeKey = dedupe;
        n.persist();
        return true;
    }

    List<Long> dutyAnalysts() {
        List<String> names = config.dutyAnalysts().orElse(List.of());
        List<AppUser> users = names.isEmpty()
                ? AppUser.<AppUser>list("enabled = true").stream().filter(u -> u.roleSet().contains(Role.analyst)).toList()
                : AppUser.<AppUser>list("username in ?1 and enabled = true", names);
        return users.stream().map(u -> u.id).toList();
    }

    static String clockLabel(RoutingCase.Clock clock) {
        if (clock == null) {
            return "";
        }
        return switch (clock) {
            case ACKNOWLEDGE -> "签收";
            case RESPONSE -> "首次回应";
            case FINAL -> "办结";
        };
    }
}
