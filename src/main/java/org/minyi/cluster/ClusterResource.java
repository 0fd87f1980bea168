package org.minyi.cluster;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import org.minyi.security.Role;

/** {@code GET /api/cluster}: this instance, the instances seen with their heartbeats, the leases and recent job runs. */
@Path("/api/cluster")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.admin)
public class ClusterResource {

    @Inject
    Cluster cluster;

    @Inject
    ClusterConfig config;

    public record InstanceView(String id, String hostname, long pid, Instant startedAt, Instant heartbeatAt,
                               Instant stoppedAt, String stopReason, boolean alive) {
    }

    public record LeaseView(String name, String holder, Instant leaseUntil, Instant heartbeatAt, boolean held) {
    }

    public record JobRunView(long id, String name, String instanceId, Instant startedAt, Instant finishedAt,
                             JobRun.Outcome outcome, String message) {
    }

    public record ClusterView(String instance, Instant now, List<InstanceView> instances, List<LeaseView> leases,
                              List<JobRunView> recentRuns) {
    }

    @GET
    public ClusterView get() {
        Instant now = Cluster.WALL.instant();
        Instant stale = now.minus(config.instanceTimeout());
        return QuarkusTransaction.requiringNew().call(() -> new ClusterView(cluster.instanceId(), now,
                ClusterInstance.<ClusterInstance>find("order by startedAt desc").page(0, 50).list().stream()
                        .map(i -> new InstanceView(i.id, i.hostname, i.pid, i.startedAt, i.heartbeatAt, i.stoppedAt,
                                i.stopReason, i.stoppedAt == null && !i.heartbeatAt.isBefore(stale)))
                        .toList(),
                JobLease.<JobLease>find("order by name").list().stream()
                        .map(l -> new LeaseView(l.name, l.holder, l.leaseUntil, l.heartbeatAt,
                                l.holder != null && l.leaseUntil.isAfter(now)))
                        .toList(),
                JobRun.<JobRun>find("order by id desc").page(0, 50).list().stream()
                        .map(r -> new JobRunView(r.id, r.name, r.instanceId, r.startedAt, r.finishedAt, r.outcome, r.message))
                        .toList()));
    }
}
