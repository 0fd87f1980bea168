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

/** An alert rule as stored; its conditions are a JSON array parsed into {@link org.minyi.alert.rule.RuleSpec}. */
@Entity
@Table(name = "alert_rule")
public class AlertRule extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false, length = 100)
    public String name;

    @Column(nullable = false)
    public boolean enabled = true;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 10)
    public AlertLevel level;

    @Column(name = "match_mode", nullable = false, length = 3)
    public String matchMode = "ALL";

    @Column(nullable = false, length = 20000)
    public String conditions;

    @Column(name = "recipient_users", length = 2000)
    public String recipientUsers;

    @Column(name = "recipient_channels", length = 2000)
    public String recipientChannels;

    @Column(name = "cooldown_seconds", nullable = false)
    public long cooldownSeconds;

    @Column(name = "rise_every", nullable = false)
    public int riseEvery;

    @Column(name = "created_by", nullable = false, length = 64)
    public String createdBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Version
    public long version;
}
