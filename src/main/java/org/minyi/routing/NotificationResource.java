package org.minyi.routing;

import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.minyi.common.ApiException;

/** The signed-in user's notifications (reminders and escalations), newest first. */
@Path("/api/notifications")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class NotificationResource {

    @Inject
    SecurityIdentity identity;

    @Inject
    Clock clock;

    /** One notification. */
    public record View(long id, Long caseId, String kind, String message, Instant createdAt, Instant readAt) {
        static View of(Notification n) {
            return new View(n.id, n.caseId, n.kind, n.message, n.createdAt, n.readAt);
        }
    }

    private long me() {
        Object id = identity.getAttribute("userId");
        if (!(id instanceof Number n)) {
            throw ApiException.forbidden("no user");
        }
        return n.longValue();
    }

    @GET
    public List<View> mine() {
        return Notification.<Notification>find("userId = ?1 order by createdAt desc, id desc", me()).page(0, 100).list()
                .stream().map(View::of).toList();
    }

    @POST
    @Path("/{id}/read")
    @Transactional
    public View read(@PathParam("id") long id) {
        Notification n = Notification.findById(id);
        if (n == null || n.userId != me()) {
            throw ApiException.notFound("notification", id);
        }
        if (n.readAt == null) {
            n.readAt = Instant.now(clock);
        }
        return View.of(n);
    }
}
