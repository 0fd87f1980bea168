package org.minyi.audit;

import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.minyi.common.Page;

/**
 * The audit log of sensitive actions. {@link #record} joins the caller's transaction, so an audited change and its
 * record commit (or roll back) together; {@link #recordNow} writes in a transaction of its own, for events that have
 * none (sign-ins). The client address is taken from the current HTTP request, when there is one.
 *
 * <p>Actions in use: {@code LOGIN}, {@code LOGIN_FAILED}, {@code LOGIN_REFUSED_LOCKED}, {@code LOGIN_THROTTLED},
 * {@code ACCOUNT_LOCKED}, {@code ACCOUNT_UNLOCKED}, {@code USER_CREATED}, {@code USER_CHANGED}, {@code CASE_*} (one per
 * step of a case), {@code RULE_CREATED|CHANGED|DELETED|REORDERED}, {@code DICTIONARY_CHANGED},
 * {@code SOURCE_CREATED|CHANGED|DELETED}, {@code UNIT_CREATED|CHANGED|DELETED|IMPORTED},
 * {@code ALERT_RULE_CREATED|CHANGED|DELETED}, {@code ALERT_CHANNEL_CREATED|CHANGED|DELETED}, {@code ALERT_ACKNOWLEDGED},
 * {@code ALERT_CLOSED}, {@code ALERT_CASE_LINKED}, {@code REPORT_REQUESTED}, {@code REPORT_EXPORTED},
 * {@code POSTS_EXPORTED} (format, filter, rows), {@code AGGREGATES_REBUILD}.
 */
@ApplicationScoped
public class AuditLog {

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    /** Records an action in the caller's transaction (one is started when there is none). */
    @Transactional
    public void record(String actor, String action, String targetType, Object targetId, String detail) {
        em.persist(event(actor, action, targetType, targetId, detail, clientIp()));
    }

    /** Records an action of the signed-in user (or {@code system} outside a request). */
    @Transactional
    public void record(String action, String targetType, Object targetId, String detail) {
        record(currentUser(), action, targetType, targetId, detail);
    }

    /** Records an action in a new transaction of its own, committed at once, whatever the caller does next. */
    public void recordNow(String actor, String action, String targetType, Object targetId, String detail, String clientIp) {
        AuditEvent e = event(actor, action, targetType, targetId, detail, clientIp);
        QuarkusTransaction.requiringNew().run(() -> em.persist(e));
    }

    AuditEvent event(String actor, String action, String targetType, Object targetId, String detail, String ip) {
        AuditEvent e = new AuditEvent();
        e.at = Instant.now(clock);
        e.actor = cut(actor == null || actor.isBlank() ? "system" : actor, 64);
        e.action = cut(action, 64);
        e.targetType = cut(targetType, 40);
        e.targetId = targetId == null ? null : cut(String.valueOf(targetId), 200);
        e.detail = cut(detail, 2000);
        e.clientIp = cut(ip, 64);
        return e;
    }

    /** One page of events matching all given filters (null: any), newest first. */
    public Page<AuditEvent> search(String actor, String action, String targetType, String targetId, Instant from,
                                   Instant to, int page, int size) {
        StringBuilder where = new StringBuilder(" where 1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (actor != null) {
            where.append(" and e.actor = :actor");
            params.put("actor", actor);
        }
        if (action != null) {
            where.append(" and e.action like :action");
            params.put("action", action.replace("*", "%"));
        }
        if (targetType != null) {
            where.append(" and e.targetType = :type");
            params.put("type", targetType);
        }
        if (targetId != null) {
            where.append(" and e.targetId = :target");
            params.put("target", targetId);
        }
        if (from != null) {
            where.append(" and e.at >= :from");
            params.put("from", from);
        }
        if (to != null) {
            where.append(" and e.at < :to");
            params.put("to", to);
        }
        TypedQuery<AuditEvent> q = em.createQuery("select e from AuditEvent e" + where + " order by e.at desc, e.id desc",
                AuditEvent.class);
        TypedQuery<Long> count = em.createQuery("select count(e) from AuditEvent e" + where, Long.class);
        params.forEach((k, v) -> {
            q.setParameter(k, v);
            count.setParameter(k, v);
        });
        List<AuditEvent> items = q.setFirstResult(page * size).setMaxResults(size).getResultList();
        return new Page<>(items, page, size, count.getSingleResult());
    }

    static String cut(String s, int max) {
        return s == null ? null : s.length() <= max ? s : s.substring(0, max);
    }

    /** The address of the current HTTP request's client, or null outside a request. */
    public static String clientIp() {
        RoutingContext rc = currentRequest();
        return rc == null ? null : clientIp(rc);
    }

    public static String clientIp(RoutingContext rc) {
        if (rc == null || rc.request() == null || rc.request().remoteAddress() == null) {
            return null;
        }
        return rc.request().remoteAddress().hostAddress();
    }

    private static RoutingContext currentRequest() {
        ManagedContext requestContext = Arc.container().requestContext();
        if (!requestContext.isActive()) {
            return null;
        }
        try {
            CurrentVertxRequest current = Arc.container().instance(CurrentVertxRequest.class).get();
            return current == null ? null : current.getCurrent();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String currentUser() {
        ManagedContext requestContext = Arc.container().requestContext();
        if (!requestContext.isActive()) {
            return "system";
        }
        try {
            SecurityIdentity identity = Arc.container().instance(SecurityIdentity.class).get();
            return identity == null || identity.isAnonymous() ? "system" : identity.getPrincipal().getName();
        } catch (RuntimeException e) {
            return "system";
        }
    }
}
