package org.minyi.cluster;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A named lease: held by one instance until {@code leaseUntil}; free when the holder is null or the time passed. */
@Entity
@Table(name = "job_lease")
public class JobLease extends PanacheEntityBase {

    @Id
    @Column(length = 200)
    public String name;

    @Column(length = 120)
    public String holder;

    @Column(name = "lease_until", nullable = false)
    public Instant leaseUntil;

    @Column(name = "heartbeat_at")
    public Instant heartbeatAt;
}
