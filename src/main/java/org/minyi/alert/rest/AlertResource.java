package org.minyi.alert.rest;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Multi;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import org.jboss.resteasy.reactive.RestStreamElementType;
import org.minyi.alert.Alert;
import org.minyi.alert.AlertDelivery;
import org.minyi.alert.AlertEvent;
import org.minyi.alert.AlertView;
import org.minyi.alert.channel.AlertDispatcher;
import org.minyi.alert.service.AlertConsole;
import org.minyi.alert.service.AlertService;
import org.minyi.common.Page;
import org.minyi.security.Role;

/** Alerts: the list, one alert with evidence, history and deliveries, the handling steps and the live stream. */
@Path("/api/alerts")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AlertResource {

    @Inject
    AlertService alerts;

    @Inject
    AlertConsole console;

    @Inject
    AlertDispatcher dispatcher;

    @Inject
    SecurityIdentity identity;

    /** One evidence post. */
    public record EvidenceView(long postId, String title, String url, String source, Instant publishedAt, String sentiment, String excerpt) {
    }

    /** One attempt of a delivery. */
    public record AttemptView(int attempt, Object at, boolean ok, long durationMs, String detail) {
    }

    /** One delivery with its attempts. */
    public record DeliveryView(long id, String announcement, String level, String channelKind, String target, String status,
                               int attempts, Instant nextAttemptAt, String lastError, Instant createdAt, Instant sentAt,
                               List<AttemptView> log) {
    }

    /** One event of the history. */
    public record EventView(String kind, String actor, Instant at, String level, String note) {
    }

    /** An alert with everything about it. */
    public record AlertDetail(AlertView alert, List<EvidenceView> evidence, List<EventView> events, List<DeliveryView> deliveries) {
    }

    /** A handling step: the version seen, a note, taking over, the case to link or open. */
    public record StepInput(Long version, String note, Boolean takeOver, Long caseId, Boolean open, Long unitId, String grade) {
    }

    @GET
    @RolesAllowed({Role.admin, Role.emergency, Role.analyst})
    public Page<AlertView> list(@QueryParam("status") String status, @QueryParam("level") String level,
                                @QueryParam("ruleId") Long ruleId, @QueryParam("topicId") Long topicId,
                                @QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        Page<Alert> p = alerts.list(status, level, ruleId, topicId, page, size);
        return new Page<>(p.items().stream().map(AlertView::of).toList(), p.page(), p.size(), p.total());
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Role.admin, Role.emergency, Role.analyst})
    public AlertDetail get(@PathParam("id") long id) {
        return detail(id);
    }

    AlertDetail detail(long id) {
        Alert a = alerts.get(id);
        List<EvidenceView> evidence = alerts.evidence(id, 100).stream().map(r -> new EvidenceView((Long) r[0], (String) r[1], (String) r[2],
                (String) r[3], (Instant) r[4], (String) r[5], excerpt((String) r[6]))).toList();
        List<EventView> events = alerts.events(id).stream()
                .map((AlertEvent e) -> new EventView(e.kind.name(), e.actor, e.at, e.level == null ? null : e.level.name(), e.note)).toList();
        List<DeliveryView> deliveries = alerts.deliveries(id).stream().map((AlertDelivery d) -> new DeliveryView(d.id, d.announcement.name(),
                d.level.name(), d.channelKind, d.target, d.status.name(), d.attempts, d.nextAttemptAt, d.lastError, d.createdAt, d.sentAt,
                dispatcher.attempts(d.id).stream().map(r -> new AttemptView(((Number) r[0]).intValue(), r[1], (Boolean) r[2],
                        ((Number) r[3]).longValue(), (String) r[4])).toList())).toList();
        return new AlertDetail(AlertView.of(a), evidence, events, deliveries);
    }

    static String excerpt(String content) {
        if (content == null) {
            return null;
        }
        return content.length() > 200 ? content.substring(0, 200) + "…" : content;
    }

    @POST
    @Path("{id}/acknowledge")
    @RolesAllowed({Role.admin, Role.emergency})
    public AlertView acknowledge(@PathParam("id") long id, StepInput in) {
        StepInput s = in == null ? new StepInput(null, null, null, null, null, null, null) : in;
        return publish(alerts.acknowledge(id, s.version(), Boolean.TRUE.equals(s.takeOver()), user()));
    }

    @POST
    @Path("{id}/comment")
    @RolesAllowed({Role.admin, Role.emergency})
    public AlertView comment(@PathParam("id") long id, StepInput in) {
        return publish(alerts.comment(id, in == null ? null : in.note(), user()));
    }

    @POST
    @Path("{id}/close")
    @RolesAllowed({Role.admin, Role.emergency})
    public AlertView close(@PathParam("id") long id, StepInput in) {
        StepInput s = in == null ? new StepInput(null, null, null, null, null, null, null) : in;
        return publish(alerts.close(id, s.version(), s.note(), user()));
    }

    @POST
    @Path("{id}/link-case")
    @RolesAllowed({Role.admin, Role.emergency})
    public AlertView linkCase(@PathParam("id") long id, StepInput in) {
        StepInput s = in == null ? new StepInput(null, null, null, null, null, null, null) : in;
        Object uid = identity.getAttribute("userId");
        return publish(alerts.linkCase(id, s.caseId(), Boolean.TRUE.equals(s.open()), s.unitId(), s.grade(), s.note(), user(),
                uid instanceof Number n ? n.longValue() : null));
    }

    /** New alerts, level rises and handling, as they happen (server-sent events). */
    @GET
    @Path("stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.admin, Role.emergency, Role.analyst})
    public Multi<AlertConsole.ConsoleEvent> stream() {
        return console.stream();
    }

    private AlertView publish(Alert a) {
        AlertView v = AlertView.of(a);
        console.publish(new AlertConsole.ConsoleEvent("UPDATED", v));
        return v;
    }

    private String user() {
        return identity.getPrincipal().getName();
    }
}
