package org.minyi.cluster;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One running (or stopped) service process sharing the database, with its heartbeat. */
@Entity
@Table(name = "cluster_instance")
public class ClusterInstance extends PanacheEntityBase {

    @Id
    @Column(length = 120)
    public String id;

    @Column(nullable = false, length = 255)
    public String hostname;

    @Column(nullable = false)
    public long pid;

    /** Hostname, boot id and PID namespace: instances with the same key can check each other's process. */
    @Column(name = "host_key", length = 400)
    public String hostKey;

    @Column(name = "started_at", nullable = false)
    public Instant startedAt;

    @Column(name = "heartbeat_at", nullable = false)
    public Instant heartbeatAt;

    @Column(name = "stopped_at")
    public Instant stoppedAt;

    @Column(name = "stop_reason", length = 200)
    public String stopReason;
}
