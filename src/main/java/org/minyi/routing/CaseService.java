package org.minyi.routing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.minyi.common.ApiException;
import org.minyi.common.ListingCounts;
import org.minyi.common.Page;
import org.minyi.common.Validation;
import org.minyi.post.Post;
import org.minyi.routing.unit.OrgUnit;

/**
 * Opening cases and moving them through {@link CaseStatus}: every transition is checked against the table, the
 * caller's role and unit, and the version the caller saw; every transition is written to the audit trail.
 */
@ApplicationScoped
@Transactional
public class CaseService {

    @jakarta.inject.Inject
    org.minyi.audit.AuditLog audit;


    @Inject
    ListingCounts counts;

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    Deadlines deadlines;

    @Inject
    RoutingConfig config;

    @Inject
    org.minyi.routing.unit.UnitService units;

    /** What an analyst sends to open a case. */
    public record OpenInput(Long postId, Long topicId, Long unitId, String grade, String note, Boolean requiresApproval,
                            String acknowledgeBy, String respondBy, String finalBy) {
    }

    /** What a caller sends to move a case: the version they saw, and what the step needs. */
    public record StepInput(Long version, Long unitId, String note, String reason, String text, String channel,
                            String url, String publishedAt) {
    }

    public RoutingCase open(OpenInput in, Actor actor) {
        requireDispatcher(actor);
        Validation v = new Validation();
        Post post = null;
        if (in.postId() == null && in.topicId() == null) {
            v.reject("postId", "postId or topicId is required");
        }
        if (in.postId() != null) {
            post = Post.findById(in.postId());
            if (post == null) {
                v.reject("postId", "no post " + in.postId());
            }
        }
        Post topicPost = null;
        if (in.topicId() != null) {
            topicPost = em.createQuery("select p from Post p where p.topicId = :t order by p.publishedAt", Post.class)
                    .setParameter("t", in.topicId()).setMaxResults(1).getResultStream().findFirst().orElse(null);
            if (topicPost == null) {
                v.reject("topicId", "no posts in topic " + in.topicId());
            }
        }
        Grade grade = grade(v, in.grade());
        OrgUnit unit = unit(v, in.unitId());
        v.maxLength("note", in.note(), 2000);
        Instant now = Instant.now(clock);
        Instant ack = future(v, "acknowledgeBy", in.acknowledgeBy(), now);
        Instant resp = future(v, "respondBy", in.respondBy(), now);
        Instant fin = future(v, "finalBy", in.finalBy(), now);
        if ((ack != null || resp != null || fin != null) && unit == null) {
            v.reject("unitId", "is required when deadlines are given");
        }
        v.throwIfInvalid();
        RoutingCase c = new RoutingCase();
        c.postId = post == null ? null : post.id;
        c.topicId = in.topicId() != null ? in.topicId() : post == null ? null : post.topicId;
        Post shown = post != null ? post : topicPost;
        c.title = titleOf(shown, in.topicId());
        c.grade = grade;
        c.requiresApproval = in.requiresApproval() != null ? in.requiresApproval() : config.approvalRequired();
        return openCase(c, unit, actor, in.note(), ack, resp, fin);
    }

    /** Opens a case for a post and a unit decided by a rule (automatic opening). */
    public RoutingCase openByRule(Post post, OrgUnit unit, Grade grade, long ruleId, String ruleName) {
        RoutingCase c = new RoutingCase();
        c.postId = post.id;
        c.topicId = post.topicId;
        c.title = titleOf(post, null);
        c.grade = grade;
        c.ruleId = ruleId;
        c.requiresApproval = config.approvalRequired();
        return openCase(c, unit, Actor.system(), "规则自动交办：" + ruleName, null, null, null);
    }

    private RoutingCase openCase(RoutingCase c, OrgUnit unit, Actor actor, String note, Instant ack, Instant resp, Instant fin) {
        if (unit != null) {
            Long existing = em.createQuery("select c.id from RoutingCase c where c.unitId = :u and c.status <> :closed"
                            + " and (c.postId = :p or c.topicId = :t)", Long.class)
                    .setParameter("u", unit.id).setParameter("closed", CaseStatus.CLOSED)
                    .setParameter("p", c.postId == null ? -1L : c.postId).setParameter("t", c.topicId == null ? -1L : c.topicId)
                    .setMaxResults(1).getResultStream().findFirst().orElse(null);
            if (existing != null) {
                throw new ApiException(409, unit.name + " has open case " + existing + " for this post or topic",
                        List.of(new ApiException.FieldError("unitId", "has open case " + existing)));
            }
        }
        Instant now = Instant.now(clock);
        c.status = CaseStatus.NEW;
        c.createdBy = actor.username();
        c.createdAt = now;
        c.persist();
        event(c, CaseEvent.Kind.OPENED, actor, null, CaseStatus.NEW, null, note);
        if (unit != null) {
            assignTo(c, unit, actor, now, null);
            Deadlines.Due d = deadlines.from(now, c.grade);
            Instant a = ack != null ? ack : d.acknowledge();
            Instant r = resp != null ? resp : d.response();
            Instant f = fin != null ? fin : d.finalAnswer();
            Validation v = new Validation();
            if (r.isBefore(a)) {
                v.reject("respondBy", "ends before the acknowledgement deadline " + a);
            }
            if (f.isBefore(r)) {
                v.reject("finalBy", "ends before the response deadline " + r);
            }
            v.throwIfInvalid();
            c.acknowledgeDue = a;
            c.responseDue = r;
            c.finalDue = f;
        }
        return c;
    }

    private void assignTo(RoutingCase c, OrgUnit unit, Actor actor, Instant now, String note) {
        CaseStatus from = c.status;
        transition(c, CaseStatus.ASSIGNED);
        c.unitId = unit.id;
        c.assignedAt = now;
        c.acknowledgedAt = null;
        Deadlines.Due d = deadlines.from(now, c.grade);
        c.acknowledgeDue = d.acknowledge();
        c.responseDue = d.response();
        c.finalDue = d.finalAnswer();
        event(c, CaseEvent.Kind.ASSIGNED, actor, from, CaseStatus.ASSIGNED, unit.id, note);
        for (Long user : units.spokespersonIds(unit.id)) {
            Notification n = new Notification();
            n.userId = user;
            n.caseId = c.id;
            n.kind = "ASSIGNED";
            String msg = "新交办单 #" + c.id + "（" + c.grade.label() + "）交至 " + unit.name + "：" + (c.title == null ? "" : c.title);
            n.message = msg.length() > 1000 ? msg.substring(0, 1000) : msg;
            n.createdAt = now;
            n.persist();
        }
    }

    public RoutingCase get(long id, Actor actor) {
        RoutingCase c = RoutingCase.findById(id);
        if (c == null) {
            throw ApiException.notFound("case", id);
        }
        if (!actor.canSee(c)) {
            throw ApiException.forbidden("case " + id + " belongs to another unit");
        }
        return c;
    }

    /** Assign (or reassign, also after a transfer request) to a unit; restarts the clocks. */
    public RoutingCase assign(long id, StepInput in, Actor actor) {
        RoutingCase c = step(id, in, actor, (x, a) -> requireDispatcher(a));
        Validation v = new Validation();
        OrgUnit unit = unit(v, in.unitId());
        if (in.unitId() == null) {
            v.reject("unitId", "is required");
        }
        v.maxLength("note", in.note(), 2000);
        v.throwIfInvalid();
        if (!c.status.canBecome(CaseStatus.ASSIGNED)) {
            throw new IllegalTransition(c.status, CaseStatus.ASSIGNED);
        }
        assignTo(c, unit, actor, Instant.now(clock), in.note());
        c.transferReason = null;
        return saved(c);
    }

    public RoutingCase acknowledge(long id, StepInput in, Actor actor) {
        RoutingCase c = step(id, in, actor, CaseService::requireUnit);
        move(c, CaseStatus.ACKNOWLEDGED, CaseEvent.Kind.ACKNOWLEDGED, actor, in.note());
        c.acknowledgedAt = Instant.now(clock);
        return saved(c);
    }

    /** The unit says the case is not theirs; a reason is required. */
    public RoutingCase requestTransfer(long id, StepInput in, Actor actor) {
        RoutingCase c = step(id, in, actor, CaseService::requireUnit);
        Validation v = new Validation();
        String reason = v.required("reason", in.reason(), 1000);
        v.throwIfInvalid();
        CaseStatus from = c.status;
        transition(c, CaseStatus.TRANSFER_REQUESTED);
        c.transferReason = reason.strip();
        event(c, CaseEvent.Kind.TRANSFER_REQUESTED, actor, from, CaseStatus.TRANSFER_REQUESTED, c.unitId, c.transferReason);
        return saved(c);
    }

    /** The analyst refuses the transfer: the unit keeps the case (acknowledged). */
    public RoutingCase refuseTransfer(long id, StepInput in, Actor actor) {
        RoutingCase c = step(id, in, actor, (x, a) -> requireDispatcher(a));
        if (c.status != CaseStatus.TRANSFER_REQUESTED) {
            throw new IllegalTransition(c.status, CaseStatus.ACKNOWLEDGED);
        }
        move(c, CaseStatus.ACKNOWLEDGED, CaseEvent.Kind.TRANSFER_REFUSED, actor, in.note());
        if (c.acknowledgedAt == null) {
            c.acknowledgedAt = Instant.now(clock);
        }
        return saved(c);
    }

    /** Records the official response; it counts as published now, or when an analyst approves it. */
    public RoutingCase respond(long id, StepInput in, Actor actor) {
        RoutingCase c = step(id, in, actor, CaseService::requireUnit);
        Instant now = Instant.now(clock);
        Validation v = new Validation();
        String text = v.required("text", in.text(), 10000);
        ResponseChannel channel = null;
        if (in.channel() == null || in.channel().isBlank()) {
            v.reject("channel", "is required (FORUM_REPLY, WEIBO, WECHAT, PRESS_RELEASE, PRESS_CONFERENCE)");
        } else {
            channel = ResponseChannel.parse(in.channel()).orElse(null);
            if (channel == null) {
                v.reject("channel", "unknown channel '" + in.channel() + "' (FORUM_REPLY, WEIBO, WECHAT, PRESS_RELEASE, PRESS_CONFERENCE)");
            }
        }
        java.net.URI url = v.httpUrl("url", in.url(), channel != null && channel != ResponseChannel.PRESS_CONFERENCE);
        OffsetDateTime published = v.dateTime("publishedAt", in.publishedAt());
        if (published != null && published.toInstant().isAfter(now.plusSeconds(300))) {
            v.reject("publishedAt", "is in the future");
        }
        if (published != null && published.toInstant().isBefore(c.createdAt)) {
            v.reject("publishedAt", "is before the case was opened");
        }
        v.throwIfInvalid();
        CaseStatus target = c.requiresApproval ? c.status : CaseStatus.RESPONDED;
        if (!c.status.canBecome(CaseStatus.RESPONDED)) {
            throw new IllegalTransition(c.status, CaseStatus.RESPONDED);
        }
        c.responseText = text;
        c.responseChannel = channel;
        c.responseUrl = url == null ? null : url.toString();
        c.responsePublishedAt = published == null ? now : published.toInstant();
        c.responseBy = actor.username();
        c.responseApprovedBy = null;
        if (c.requiresApproval) {
            event(c, CaseEvent.Kind.RESPONSE_RECORDED, actor, c.status, c.status, null, "待审核：" + channel);
        } else {
            publish(c, actor, in.note());
        }
        return saved(c);
    }

    /** An analyst approves a recorded response; it counts as published from now. */
    public RoutingCase approve(long id, StepInput in, Actor actor) {
        RoutingCase c = step(id, in, actor, (x, a) -> requireDispatcher(a));
        if (!c.responsePending()) {
            throw ApiException.conflict("case " + id + " has no response waiting for approval");
        }
        if (!c.status.canBecome(CaseStatus.RESPONDED)) {
            throw new IllegalTransition(c.status, CaseStatus.RESPONDED);
        }
        c.responseApprovedBy = actor.username();
        event(c, CaseEvent.Kind.APPROVED, actor, c.status, c.status, null, in.note());
        publish(c, actor, in.note());
        return saved(c);
    }

    private void publish(RoutingCase c, Actor actor, String note) {
        move(c, CaseStatus.RESPONDED, CaseEvent.Kind.RESPONDED, actor, note == null ? c.responseChannel + " " + nz(c.responseUrl) : note);
        if (c.respondedAt == null) {
            c.respondedAt = Instant.now(clock);
        }
    }

    /** Closes the case: analysts at any allowed step, the unit once it has responded (the final answer). */
    public RoutingCase close(long id, StepInput in, Actor actor) {
        RoutingCase c = step(id, in, actor, CaseService::mayClose);
        if (!actor.dispatches() && c.status != CaseStatus.RESPONDED) {
            throw ApiException.forbidden("a spokesperson closes a case only after responding");
        }
        move(c, CaseStatus.CLOSED, CaseEvent.Kind.CLOSED, actor, in.note());
        c.closedAt = Instant.now(clock);
        return saved(c);
    }

    /** Reopens a responded or closed case; the final-answer clock starts again. */
    public RoutingCase reopen(long id, StepInput in, Actor actor) {
        RoutingCase c = step(id, in, actor, (x, a) -> requireDispatcher(a));
        Validation v = new Validation();
        v.required("note", in.note(), 2000);
        v.throwIfInvalid();
        move(c, CaseStatus.REOPENED, CaseEvent.Kind.REOPENED, actor, in.note());
        c.closedAt = null;
        Instant now = Instant.now(clock);
        c.finalDue = deadlines.from(now, c.grade).finalAnswer();
        return saved(c);
    }

    public List<CaseEvent> events(long caseId) {
        return CaseEvent.list("caseId = ?1 order by at, id", caseId);
    }

    /** Cases the actor may see, filtered, the next deadline first. */
    public Page<RoutingCase> list(Actor actor, CaseStatus status, Long unitId, Boolean overdue, Boolean open, int page, int size) {
        StringBuilder where = new StringBuilder(" where 1 = 1");
        Map<String, Object> params = new HashMap<>();
        params.put("closed", CaseStatus.CLOSED);
        if (!actor.readsAll()) {
            if (actor.units().isEmpty()) {
                return new Page<>(List.of(), page, size, 0);
            }
            where.append(" and c.unitId in :mine");
            params.put("mine", actor.units());
        }
        if (status != null) {
            where.append(" and c.status = :status");
            params.put("status", status);
        }
        if (unitId != null) {
            where.append(" and c.unitId = :unit");
            params.put("unit", unitId);
        }
        if (Boolean.TRUE.equals(open)) {
            where.append(" and c.status <> :closed");
        } else if (Boolean.FALSE.equals(open)) {
            where.append(" and c.status = :closed");
        }
        if (overdue != null) {
            where.append(overdue ? " and " + RoutingCase.NEXT_DUE_JPQL + " < :now"
                    : " and (" + RoutingCase.NEXT_DUE_JPQL + " is null or " + RoutingCase.NEXT_DUE_JPQL + " >= :now)");
            params.put("now", Instant.now(clock));
        }
        TypedQuery<Long> count = em.createQuery("select count(c) from RoutingCase c" + where, Long.class);
        TypedQuery<RoutingCase> q = em.createQuery("select c from RoutingCase c" + where + " order by "
                + RoutingCase.NEXT_DUE_JPQL + " asc nulls last, c.id desc", RoutingCase.class);
        params.forEach((k, val) -> {
            q.setParameter(k, val);
            if (!k.equals("closed") || where.indexOf(":closed") >= 0) {
                count.setParameter(k, val);
            }
        });
        List<RoutingCase> items = q.setFirstResult(page * size).setMaxResults(size).getResultList();
        ListingCounts.Total total = counts.total("case" + where, params, () -> new ListingCounts.Total(count.getSingleResult(), true));
        return new Page<>(items, page, size, total.value(), total.exact());
    }

    // ------------------------------------------------------------------ helpers

    /** Writes now, so that a concurrent change of the same case surfaces here as a 409 (optimistic locking). */
    private RoutingCase saved(RoutingCase c) {
        em.flush();
        return c;
    }

    /**
     * Loads the case for a step: 404 when unknown, 403 when the actor may not see it or may not take this step
     * ({@code allowed}), and only then 400/409 for a missing or stale version, so that a caller without the right
     * learns nothing about the case's state.
     */
    private RoutingCase step(long id, StepInput in, Actor actor, java.util.function.BiConsumer<RoutingCase, Actor> allowed) {
        RoutingCase c = get(id, actor);
        allowed.accept(c, actor);
        if (in == null || in.version() == null) {
            throw ApiException.badRequest("version", "is required (the version of the case you saw)");
        }
        if (c.version != in.version()) {
            throw new ApiException(409, "case " + id + " was changed by someone else (version " + c.version + ", you sent "
                    + in.version() + "); reload and try again", List.of(new ApiException.FieldError("version", "is stale")));
        }
        if (in.note() != null && in.note().length() > 2000) {
            throw ApiException.badRequest("note", "is longer than 2000 characters");
        }
        return c;
    }

    private void move(RoutingCase c, CaseStatus to, CaseEvent.Kind kind, Actor actor, String note) {
        CaseStatus from = c.status;
        transition(c, to);
        event(c, kind, actor, from, to, null, note);
    }

    private static void transition(RoutingCase c, CaseStatus to) {
        if (!c.status.canBecome(to)) {
            throw new IllegalTransition(c.status, to);
        }
        c.status = to;
    }

    CaseEvent event(RoutingCase c, CaseEvent.Kind kind, Actor actor, CaseStatus from, CaseStatus to, Long unitId, String note) {
        CaseEvent e = new CaseEvent();
        e.caseId = c.id;
        e.kind = kind;
        e.actor = actor.username();
        e.at = Instant.now(clock);
        e.fromStatus = from;
        e.toStatus = to;
        e.unitId = unitId;
        e.note = note == null ? null : note.length() > 2000 ? note.substring(0, 2000) : note;
        e.persist();
        audit.record(actor.username(), "CASE_" + kind.name(), "case", c.id,
                from + " -> " + to + (unitId == null ? "" : " unit " + unitId) + (e.note == null ? "" : ": " + e.note));
        return e;
    }

    private static void requireDispatcher(Actor actor) {
        if (!actor.dispatches()) {
            throw ApiException.forbidden("only analysts and administrators do this");
        }
    }

    private static void mayClose(RoutingCase c, Actor actor) {
        if (!actor.dispatches()) {
            requireUnit(c, actor);
        }
    }

    private static void requireUnit(RoutingCase c, Actor actor) {
        if (!actor.answersFor(c.unitId)) {
            throw ApiException.forbidden("only the spokespersons of the case's unit do this");
        }
    }

    private static Grade grade(Validation v, String value) {
        if (value == null || value.isBlank()) {
            return Grade.GENERAL;
        }
        Grade g = Grade.parse(value).orElse(null);
        if (g == null) {
            v.reject("grade", "unknown grade '" + value + "' (GENERAL 一般, LARGER 较大, MAJOR 重大, EXTRAORDINARY 特别重大)");
        }
        return g;
    }

    private static OrgUnit unit(Validation v, Long id) {
        if (id == null) {
            return null;
        }
        OrgUnit u = OrgUnit.findById(id);
        if (u == null) {
            v.reject("unitId", "no unit " + id);
        }
        return u;
    }

    private static Instant future(Validation v, String field, String value, Instant now) {
        OffsetDateTime t = v.dateTime(field, value);
        if (t == null) {
            return null;
        }
        if (!t.toInstant().isAfter(now)) {
            v.reject(field, "is in the past");
            return null;
        }
        return t.toInstant();
    }

    static String titleOf(Post p, Long topicId) {
        String t = p == null ? null : p.title != null ? p.title
                : p.content == null ? null : p.content.substring(0, Math.min(60, p.content.length()));
        if (topicId != null) {
            t = "话题 #" + topicId + (t == null ? "" : "：" + t);
        }
        return t == null ? null : t.length() > 1000 ? t.substring(0, 1000) : t;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
