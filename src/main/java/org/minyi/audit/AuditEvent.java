package org.minyi.audit;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One sensitive action: who did what to which object, when, from which address. Never changed once written. */
@Entity
@Table(name = "audit_event")
public class AuditEvent extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false)
    public Instant at;

    @Column(nullable = false, length = 64)
    public String actor;

    @Column(nullable = false, length = 64)
    public String action;

    @Column(name = "target_type", length = 40)
    public String targetType;

    @Column(name = "target_id", length = 200)
    public String targetId;

    @Column(length = 2000)
    public String detail;

    @Column(name = "client_ip", length = 64)
    public String clientIp;
}
