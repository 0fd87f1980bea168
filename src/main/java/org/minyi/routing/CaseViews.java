package org.minyi.routing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.minyi.post.Post;
import org.minyi.routing.unit.OrgUnit;

/** Cases as the API and the pages show them, with the derived status: next deadline, overdue, attention. */
@ApplicationScoped
public class CaseViews {

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    /** One case in a list. */
    public record CaseView(long id, Long postId, Long topicId, Long unitId, String unit, String title, Grade grade,
                           String gradeLabel, Grade attention, CaseStatus status, List<CaseStatus> allowed,
                           boolean requiresApproval, boolean responsePending, String createdBy, Instant createdAt,
                           Instant assignedAt, Instant acknowledgedAt, Instant respondedAt, Instant closedAt,
                           Instant acknowledgeDue, Instant responseDue, Instant finalDue, String runningClock,
                           Instant nextDue, boolean overdue, int escalations, String transferReason,
                           Response response, long version) {
    }

    /** The recorded response. */
    public record Response(String text, ResponseChannel channel, String url, Instant publishedAt, String by,
                           String approvedBy) {
    }

    /** One line of the audit trail. */
    public record EventView(Instant at, CaseEvent.Kind kind, String actor, CaseStatus from, CaseStatus to, String unit,
                            String note) {
    }

    /** The post behind a case, for context. */
    public record PostContext(long id, String title, String content, String url, String author, Instant publishedAt,
                              String sentiment, Double sentimentScore, String source) {
    }

    /** A case with its trail, the citizen-facing account of where it went, and its post. */
    public record CaseDetail(CaseView item, List<EventView> events, List<String> publicTrail, PostContext post,
                             Effects.Effect effect) {
    }

    public List<CaseView> views(Collection<RoutingCase> cases) {
        Map<Long, Integer> escalations = escalations(cases.stream().map(c -> c.id).toList());
        Map<Long, String> units = unitNames();
        Instant now = Instant.now(clock);
        List<CaseView> out = new ArrayList<>();
        for (RoutingCase c : cases) {
            out.add(view(c, units, escalations.getOrDefault(c.id, 0), now));
        }
        return out;
    }

    public CaseView view(RoutingCase c) {
        return views(List.of(c)).get(0);
    }

    CaseView view(RoutingCase c, Map<Long, String> units, int escalations, Instant now) {
        Response response = c.responseBy == null ? null : new Response(c.responseText, c.responseChannel, c.responseUrl,
                c.responsePublishedAt, c.responseBy, c.responseApprovedBy);
        RoutingCase.Clock running = c.runningClock();
        return new CaseView(c.id, c.postId, c.topicId, c.unitId, units.get(c.unitId), c.title, c.grade, c.grade.label(),
                c.grade.up(escalations), c.status, List.copyOf(c.status.next()), c.requiresApproval, c.responsePending(),
                c.createdBy, c.createdAt, c.assignedAt, c.acknowledgedAt, c.respondedAt, c.closedAt, c.acknowledgeDue,
                c.responseDue, c.finalDue, running == null ? null : running.name(), c.nextDue(), c.isOverdue(now),
                escalations, c.transferReason, response, c.version);
    }

    public CaseDetail detail(RoutingCase c, List<CaseEvent> events, Effects.Effect effect) {
        Map<Long, String> units = unitNames();
        List<EventView> ev = events.stream().map(e -> new EventView(e.at, e.kind, e.actor, e.fromStatus, e.toStatus,
                units.get(e.unitId), e.note)).toList();
        PostContext post = null;
        if (c.postId != null) {
            Post p = Post.findById(c.postId);
            if (p != null) {
                post = new PostContext(p.id, p.title, p.content, p.url, p.author, p.publishedAt, p.analysis.sentimentLabel,
                        p.analysis.sentimentScore, p.source == null ? null : p.source.name);
            }
        }
        return new CaseDetail(view(c), ev, publicTrail(events, units), post, effect);
    }

    /** Where the case went, in plain words for the public: who declined it and why, where it went next. */
    static List<String> publicTrail(List<CaseEvent> events, Map<Long, String> units) {
        List<String> lines = new ArrayList<>();
        for (CaseEvent e : events) {
            switch (e.kind) {
                case ASSIGNED -> lines.add("交办至 " + units.getOrDefault(e.unitId, "?"));
                case ACKNOWLEDGED -> lines.add("已签收");
                case TRANSFER_REQUESTED -> lines.add(units.getOrDefault(e.unitId, "?") + " 申请转办，理由：" + e.note);
                case TRANSFER_REFUSED -> lines.add("转办申请未获同意，原单位继续办理" + (e.note == null ? "" : "：" + e.note));
                case RESPONDED -> lines.add("已公开回应");
                case CLOSED -> lines.add("已办结");
                case REOPENED -> lines.add("重新办理" + (e.note == null ? "" : "：" + e.note));
                default -> { }
            }
        }
        return lines;
    }

    Map<Long, String> unitNames() {
        // a projection: two columns of every unit, not managed entities, for each page of cases
        Map<Long, String> names = new HashMap<>();
        em.createQuery("select u.id, u.name from OrgUnit u", Object[].class).getResultList()
                .forEach(r -> names.put((Long) r[0], (String) r[1]));
        return names;
    }

    Map<Long, Integer> escalations(List<Long> caseIds) {
        Map<Long, Integer> out = new HashMap<>();
        if (caseIds.isEmpty()) {
            return out;
        }
        em.createQuery("select e.caseId, count(e) from CaseEvent e where e.kind = :k and e.caseId in :ids group by e.caseId",
                        Object[].class).setParameter("k", CaseEvent.Kind.ESCALATED).setParameter("ids", caseIds)
                .getResultList().forEach(r -> out.put((Long) r[0], ((Number) r[1]).intValue()));
        return out;
    }
}
