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

/** A delivery target managed by the administrator. */
@Entity
@Table(name = "alert_channel")
public class AlertChannel extends PanacheEntityBase {

    /** WEBHOOK: generic JSON POST; DINGTALK and WECOM: group robots (markdown); EMAIL: SMTP. */
    public enum Kind { WEBHOOK, DINGTALK, WECOM, EMAIL }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false, length = 100)
    public String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 10)
    public Kind kind;

    @Column(length = 2048)
    public String url;

    @Column(length = 200)
    public String secret;

    @Column(length = 2000)
    public String addresses;

    @Column(nullable = false)
    public boolean enabled = true;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Version
    public long version;
}
