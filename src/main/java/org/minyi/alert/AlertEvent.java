package org.minyi.alert;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One step of an alert's history. */
@Entity
@Table(name = "alert_event")
public class AlertEvent extends PanacheEntityBase {

    public enum Kind { FIRED, EVIDENCE, LEVEL_RAISED, ACKNOWLEDGED, COMMENTED, CASE_LINKED, CLOSED }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "alert_id", nullable = false)
    public Long alertId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    public Kind kind;

    @Column(nullable = false, length = 64)
    public String actor;

    @Column(nullable = false)
    public Instant at;

    @Enumerated(EnumType.STRING)
    @Column(length = 10)
    public AlertLevel level;

    @Column(length = 2000)
    public String note;
}
