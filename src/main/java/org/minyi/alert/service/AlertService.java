package org.minyi.alert.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.minyi.alert.Alert;
import org.minyi.alert.AlertChannel;
import org.minyi.alert.AlertConfig;
import org.minyi.alert.AlertDelivery;
import org.minyi.alert.AlertEvent;
import org.minyi.alert.AlertLevel;
import org.minyi.alert.AlertStatus;
import org.minyi.alert.AlertView;
import org.minyi.alert.rule.Firing;
import org.minyi.alert.rule.PostFacts;
import org.minyi.alert.rule.RuleSpec;
import org.minyi.common.ApiException;
import org.minyi.common.Page;
import org.minyi.common.Validation;
import org.minyi.post.Post;
import org.minyi.routing.Actor;
import org.minyi.routing.CaseService;
import org.minyi.routing.RoutingCase;
import org.minyi.security.AppUser;
import org.minyi.security.Role;
import org.minyi.topic.Topic;

/**
 * Storing alerts without storms and handling them. A firing joins the open alert of the same rule and subject whose
 * last evidence is within the rule's cool-down (its posts are added as evidence); otherwise it opens a new alert. The
 * level rises with the alert's strength (measured / threshold) and its evidence count (see {@link #steps}); a new
 * alert and every rise are announced: console event plus one outbox row per recipient, in the same transaction.
 */
@ApplicationScoped
@Transactional
public class AlertService {

    @Inject
    org.minyi.audit.AuditLog audit;

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    AlertConfig config;

    @Inject
    CaseService cases;

    /** What a stored batch of firings must announce once committed. */
    public record Recorded(List<AlertConsole.ConsoleEvent> events, List<Long> deliveries) {
    }

    /**
     * Level steps above the rule's level: {@code floor(log2(max(strength, evidence / riseEvery)))}, at least 0. With
     * riseEvery 5: 10 evidence posts +1, 20 +2, 40 +3; a spike twice its threshold +1.
     */
    public static int steps(double strength, int evidence, int riseEvery) {
        double x = Math.max(strength, riseEvery <= 0 ? 0 : (double) evidence / riseEvery);
        return x < 2 ? 0 : Math.min(3, (int) Math.floor(Math.log(x) / Math.log(2)));
    }

    public Recorded record(List<Firing> firings, Instant now) {
        List<AlertConsole.ConsoleEvent> events = new ArrayList<>();
        List<Long> deliveries = new ArrayList<>();
        for (Firing f : firings) {
            RuleSpec rule = f.rule();
            List<PostFacts> evidence = f.evidence();
            Alert a = em.createQuery("select a from Alert a where a.ruleId = :r and a.subject = :s and a.status <> :closed"
                            + " and a.lastFiredAt > :since order by a.id desc", Alert.class)
                    .setParameter("r", rule.id()).setParameter("s", f.subject()).setParameter("closed", AlertStatus.CLOSED)
                    .setParameter("since", now.minus(rule.cooldown())).setMaxResults(1).getResultStream().findFirst().orElse(null);
            String reason = cut(String.join("；", f.reasons()), 2000);
            if (a == null) {
                a = new Alert();
                a.ruleId = rule.id();
                a.ruleName = rule.name();
                a.subject = f.subject();
                a.topicId = f.topicId();
                a.baseLevel = rule.level();
                a.strength = f.strength();
                a.evidenceCount = evidence.size();
                a.level = rule.level().raise(steps(a.strength, a.evidenceCount, rule.riseEvery()));
                a.title = cut(title(f), 1000);
                a.reason = reason;
                a.firstFiredAt = now;
                a.lastFiredAt = now;
                a.persist();
                addEvidence(a.id, evidence, now);
                event(a.id, AlertEvent.Kind.FIRED, "system", a.level, a.level.label() + "：" + (reason == null ? "" : reason), now);
                deliveries.addAll(enqueue(a, rule, AlertDelivery.Announcement.NEW, now));
                events.add(new AlertConsole.ConsoleEvent("NEW", AlertView.of(a)));
                continue;
            }
            Set<Long> ids = evidence.stream().map(PostFacts::id).collect(Collectors.toSet());
            Set<Long> known = new HashSet<>(em.createQuery("select e.postId from AlertEvidenceRow e where e.alertId = :a and e.postId in :ids", Long.class)
                    .setParameter("a", a.id).setParameter("ids", ids).getResultList());
            List<PostFacts> fresh = evidence.stream().filter(p -> !known.contains(p.id())).toList();
            if (fresh.isEmpty() && f.strength() <= a.strength) {
                continue;
            }
            addEvidence(a.id, fresh, now);
            a.evidenceCount += fresh.size();
            a.strength = Math.max(a.strength, f.strength());
            a.lastFiredAt = now;
            if (reason != null && !reason.isEmpty()) {
                a.reason = reason;
            }
            AlertLevel target = a.baseLevel.raise(steps(a.strength, a.evidenceCount, rule.riseEvery()));
            if (target.compareTo(a.level) > 0) {
                AlertLevel from = a.level;
                a.level = target;
                event(a.id, AlertEvent.Kind.LEVEL_RAISED, "system", target, "由" + from.label() + "升级为" + target.label() + "：" + reason, now);
                em.flush();
                deliveries.addAll(enqueue(a, rule, AlertDelivery.Announcement.RAISED, now));
                events.add(new AlertConsole.ConsoleEvent("RAISED", AlertView.of(a)));
            } else {
                event(a.id, AlertEvent.Kind.EVIDENCE, "system", a.level, "新增证据 " + fresh.size() + " 条，共 " + a.evidenceCount + " 条", now);
                em.flush();
                events.add(new AlertConsole.ConsoleEvent("UPDATED", AlertView.of(a)));
            }
        }
        return new Recorded(events, deliveries);
    }

    private String title(Firing f) {
        if (f.topicId() != null) {
            Topic t = em.find(Topic.class, f.topicId());
            if (t != null && t.label != null) {
                return t.label;
            }
        }
        if (f.subject().equals("district")) {
            return "全区：" + f.rule().name();
        }
        PostFacts p = f.evidence().get(0);
        String title = p.title() != null && !p.title().isBlank() ? p.title() : p.content() == null ? "" : p.content();
        return title.length() > 60 ? title.substring(0, 60) + "…" : title;
    }

    private void addEvidence(long alertId, List<PostFacts> posts, Instant now) {
        int max = config.maxEvidencePerBatch();
        List<PostFacts> keep = posts.size() > max ? posts.subList(posts.size() - max, posts.size()) : posts;
        for (PostFacts p : keep) {
            em.createNativeQuery("insert into alert_evidence (alert_id, post_id, added_at) values (?1, ?2, ?3)")
                    .setParameter(1, alertId).setParameter(2, p.id()).setParameter(3, now).executeUpdate();
        }
    }

    private List<Long> enqueue(Alert a, RuleSpec rule, AlertDelivery.Announcement what, Instant now) {
        List<Long> ids = new ArrayList<>();
        for (String username : rule.users()) {
            AppUser.findByUsername(username).ifPresent(u -> ids.add(delivery(a, what, null, AlertDelivery.USER, u.username, now)));
        }
        for (Long channelId : rule.channels()) {
            AlertChannel c = em.find(AlertChannel.class, channelId);
            if (c != null && c.enabled) {
                ids.add(delivery(a, what, c.id, c.kind.name(), c.name, now));
            }
        }
        return ids;
    }

    private long delivery(Alert a, AlertDelivery.Announcement what, Long channelId, String kind, String target, Instant now) {
        AlertDelivery d = new AlertDelivery();
        d.alertId = a.id;
        d.announcement = what;
        d.level = a.level;
        d.channelId = channelId;
        d.channelKind = kind;
        d.target = target;
        d.status = AlertDelivery.Status.PENDING;
        d.nextAttemptAt = now;
        d.createdAt = now;
        d.updatedAt = now;
        d.persist();
        return d.id;
    }

    void event(long alertId, AlertEvent.Kind kind, String actor, AlertLevel level, String note, Instant now) {
        AlertEvent e = new AlertEvent();
        e.alertId = alertId;
        e.kind = kind;
        e.actor = actor;
        e.level = level;
        e.note = cut(note, 2000);
        e.at = now;
        e.persist();
    }

    static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    // ------------------------------------------------------------------ reading

    public Page<Alert> list(String status, String level, Long ruleId, Long topicId, Integer page, Integer size) {
        Validation v = new Validation();
        Validation.PageRequest pr = v.paging(page, size, 50);
        List<AlertStatus> statuses = new ArrayList<>();
        if (status != null && !status.isBlank()) {
            for (String s : status.split(",")) {
                if (s.trim().equalsIgnoreCase("active")) {
                    statuses.add(AlertStatus.OPEN);
                    statuses.add(AlertStatus.ACKNOWLEDGED);
                    continue;
                }
                try {
                    statuses.add(AlertStatus.valueOf(s.trim().toUpperCase()));
                } catch (IllegalArgumentException e) {
                    v.reject("status", "must be OPEN, ACKNOWLEDGED, CLOSED or active");
                }
            }
        }
        AlertLevel lv = null;
        if (level != null && !level.isBlank()) {
            lv = AlertLevel.parse(level).orElse(null);
            if (lv == null) {
                v.reject("level", "must be BLUE, YELLOW, ORANGE or RED");
            }
        }
        v.throwIfInvalid();
        StringBuilder where = new StringBuilder(" where 1 = 1");
        if (!statuses.isEmpty()) {
            where.append(" and a.status in :statuses");
        }
        if (lv != null) {
            where.append(" and a.level = :level");
        }
        if (ruleId != null) {
            where.append(" and a.ruleId = :rule");
        }
        if (topicId != null) {
            where.append(" and a.topicId = :topic");
        }
        TypedQuery<Alert> q = em.createQuery("select a from Alert a" + where + " order by a.lastFiredAt desc, a.id desc", Alert.class);
        TypedQuery<Long> c = em.createQuery("select count(a) from Alert a" + where, Long.class);
        for (TypedQuery<?> t : List.of(q, c)) {
            if (!statuses.isEmpty()) {
                t.setParameter("statuses", statuses);
            }
            if (lv != null) {
                t.setParameter("level", lv);
            }
            if (ruleId != null) {
                t.setParameter("rule", ruleId);
            }
            if (topicId != null) {
                t.setParameter("topic", topicId);
            }
        }
        List<Alert> items = q.setFirstResult(pr.page() * pr.size()).setMaxResults(pr.size()).getResultList();
        return new Page<>(items, pr.page(), pr.size(), c.getSingleResult());
    }

    public Alert get(long id) {
        Alert a = em.find(Alert.class, id);
        if (a == null) {
            throw ApiException.notFound("alert", id);
        }
        return a;
    }

    /** The evidence posts, newest first: id, title, url, source, published, sentiment. */
    public List<Object[]> evidence(long alertId, int max) {
        return em.createQuery("select p.id, p.title, p.url, p.source.name, p.publishedAt, p.analysis.sentimentLabel, p.content"
                        + " from Post p where p.id in (select e.postId from AlertEvidenceRow e where e.alertId = :a)"
                        + " order by p.publishedAt desc, p.id desc", Object[].class)
                .setParameter("a", alertId).setMaxResults(max).getResultList();
    }

    public List<AlertEvent> events(long alertId) {
        return em.createQuery("select e from AlertEvent e where e.alertId = :a order by e.at, e.id", AlertEvent.class)
                .setParameter("a", alertId).getResultList();
    }

    public List<AlertDelivery> deliveries(long alertId) {
        return em.createQuery("select d from AlertDelivery d where d.alertId = :a order by d.id", AlertDelivery.class)
                .setParameter("a", alertId).getResultList();
    }

    // ------------------------------------------------------------------ handling

    private Alert forChange(long id, Long version) {
        Alert a = get(id);
        if (version != null && version != a.version) {
            throw ApiException.conflict("alert " + id + " was changed by someone else (version " + a.version + ", you sent " + version + ")");
        }
        return a;
    }

    private void move(Alert a, AlertStatus to) {
        if (!a.status.canMoveTo(to)) {
            throw new ApiException(409, "alert " + a.id + " is " + a.status + ": it cannot become " + to,
                    List.of(new ApiException.FieldError("status", "is " + a.status)));
        }
        a.status = to;
    }

    /** Takes the alert: the caller becomes its holder. Taking over an alert held by another needs {@code takeOver}. */
    public Alert acknowledge(long id, Long version, boolean takeOver, String user) {
        Alert a = forChange(id, version);
        if (a.status == AlertStatus.ACKNOWLEDGED && !takeOver && !user.equals(a.acknowledgedBy)) {
            throw new ApiException(409, "alert " + id + " is held by " + a.acknowledgedBy + "; send takeOver to take it over",
                    List.of(new ApiException.FieldError("takeOver", "is required: held by " + a.acknowledgedBy)));
        }
        String before = a.acknowledgedBy;
        move(a, AlertStatus.ACKNOWLEDGED);
        Instant now = Instant.now(clock);
        a.acknowledgedBy = user;
        a.acknowledgedAt = now;
        event(a.id, AlertEvent.Kind.ACKNOWLEDGED, user, a.level, before != null && !before.equals(user) ? "接手（原处置人 " + before + "）" : "签收", now);
        audit.record(user, "ALERT_ACKNOWLEDGED", "alert", a.id, before != null && !before.equals(user) ? "taken over from " + before : a.level.name());
        em.flush();
        return a;
    }

    public Alert comment(long id, String note, String user) {
        Validation v = new Validation();
        v.required("note", note, 2000);
        v.throwIfInvalid();
        Alert a = get(id);
        event(a.id, AlertEvent.Kind.COMMENTED, user, a.level, note.trim(), Instant.now(clock));
        return a;
    }

    public Alert close(long id, Long version, String note, String user) {
        Validation v = new Validation();
        v.maxLength("note", note, 2000);
        v.throwIfInvalid();
        Alert a = forChange(id, version);
        move(a, AlertStatus.CLOSED);
        Instant now = Instant.now(clock);
        a.closedBy = user;
        a.closedAt = now;
        if (a.acknowledgedBy == null) {
            a.acknowledgedBy = user;
            a.acknowledgedAt = now;
        }
        event(a.id, AlertEvent.Kind.CLOSED, user, a.level, note == null || note.isBlank() ? "关闭" : note.trim(), now);
        audit.record(user, "ALERT_CLOSED", "alert", a.id, note == null || note.isBlank() ? a.level.name() : note.trim());
        em.flush();
        return a;
    }

    /**
     * Links the alert to an existing case ({@code caseId}) or opens one for the alert's topic (or its first evidence
     * post) on behalf of the emergency team, optionally assigned to a unit with a grade.
     */
    public Alert linkCase(long id, Long caseId, boolean open, Long unitId, String grade, String note, String user, Long userId) {
        Validation v = new Validation();
        if (caseId == null && !open) {
            v.reject("caseId", "caseId or open=true is required");
        }
        if (caseId != null && open) {
            v.reject("open", "give either caseId or open=true, not both");
        }
        v.maxLength("note", note, 2000);
        Alert a = get(id);
        if (caseId != null && em.find(RoutingCase.class, caseId) == null) {
            v.reject("caseId", "no case " + caseId);
        }
        v.throwIfInvalid();
        Instant now = Instant.now(clock);
        if (open) {
            Long postId = null;
            if (a.topicId == null) {
                postId = em.createQuery("select e.postId from AlertEvidenceRow e where e.alertId = :a order by e.postId", Long.class)
                        .setParameter("a", a.id).setMaxResults(1).getResultStream().findFirst().orElse(null);
            }
            if (postId == null && a.topicId == null) {
                throw ApiException.badRequest("open", "the alert has neither a topic nor an evidence post to open a case for");
            }
            Actor actor = new Actor(user, userId, Set.of(Role.emergency, Role.analyst), Set.of());
            String g = grade == null || grade.isBlank() ? gradeFor(a.level) : grade;
            RoutingCase c = cases.open(new CaseService.OpenInput(postId, a.topicId, unitId, g,
                    note == null || note.isBlank() ? "由预警 #" + a.id + "（" + a.level.label() + "）开立" : note, null, null, null, null), actor);
            caseId = c.id;
        }
        a.caseId = caseId;
        event(a.id, AlertEvent.Kind.CASE_LINKED, user, a.level, (open ? "开立交办单 #" : "关联交办单 #") + caseId, now);
        audit.record(user, "ALERT_CASE_LINKED", "alert", a.id, (open ? "opened case " : "linked case ") + caseId);
        em.flush();
        return a;
    }

    /** The case grade matching an alert level: 红 → 特别重大, 橙 → 重大, 黄 → 较大, 蓝 → 一般. */
    static String gradeFor(AlertLevel level) {
        return switch (level) {
            case RED -> "特别重大";
            case ORANGE -> "重大";
            case YELLOW -> "较大";
            case BLUE -> "一般";
        };
    }

    public Post post(long id) {
        return em.find(Post.class, id);
    }
}
