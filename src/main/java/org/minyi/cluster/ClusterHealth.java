package org.minyi.cluster;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/** Names this instance in {@code /q/health} (the id that appears as holder in {@code GET /api/cluster}). */
@Liveness
@ApplicationScoped
public class ClusterHealth implements HealthCheck {

    @Inject
    Cluster cluster;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("cluster-instance").up().withData("instance", cluster.instanceId()).build();
    }
}
