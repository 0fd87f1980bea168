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
import jakarta.persistence.Version;
import java.time.Instant;

/** One raised alert: a rule held for a subject (a topic, a post without topic, or the whole district). */
@Entity
@Table(name = "alert")
public class Alert extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "rule_id", nullable = false)
    public Long ruleId;

    @Column(name = "rule_name", nullable = false, length = 100)
    public String ruleName;

    /** {@code topic:<id>}, {@code post:<id>} or {@code district}. */
    @Column(nullable = false, length = 40)
    public String subject;

    @Column(name = "topic_id")
    public Long topicId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 10)
    public AlertLevel level;

    @Enumerated(EnumType.STRING)
    @Column(name = "base_level", nullable = false, length = 10)
    public AlertLevel baseLevel;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 12)
    public AlertStatus status = AlertStatus.OPEN;

    @Column(nullable = false, length = 1000)
    public String title;

    @Column(length = 2000)
    public String reason;

    @Column(name = "evidence_count", nullable = false)
    public int evidenceCount;

    @Column(nullable = false)
    public double strength = 1;

    @Column(name = "first_fired_at", nullable = false)
    public Instant firstFiredAt;

    @Column(name = "last_fired_at", nullable = false)
    public Instant lastFiredAt;

    @Column(name = "acknowledged_by", length = 64)
    public String acknowledgedBy;

    @Column(name = "acknowledged_at")
    public Instant acknowledgedAt;

    @Column(name = "closed_by", length = 64)
    public String closedBy;

    @Column(name = "closed_at")
    public Instant closedAt;

    @Column(name = "case_id")
    public Long caseId;

    @Version
    public long version;
}
