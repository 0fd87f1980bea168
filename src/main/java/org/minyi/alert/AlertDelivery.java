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

/**
 * The outbox: one announcement of an alert (NEW or RAISED) to one recipient, written in the alert's transaction and
 * delivered afterwards, retried with back-off until SENT or FAILED.
 */
@Entity
@Table(name = "alert_delivery")
public class AlertDelivery extends PanacheEntityBase {

    /** PENDING (never tried), SENDING (claimed until nextAttemptAt), RETRYING, SENT, FAILED (gave up). */
    public enum Status { PENDING, SENDING, RETRYING, SENT, FAILED }

    /** What is announced: a new alert, or a level rise of an open one. */
    public enum Announcement { NEW, RAISED }

    /** The channel kinds plus USER: a notification in the user's inbox. */
    public static final String USER = "USER";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "alert_id", nullable = false)
    public Long alertId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 10)
    public Announcement announcement;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 10)
    public AlertLevel level;

    @Column(name = "channel_id")
    public Long channelId;

    @Column(name = "channel_kind", nullable = false, length = 10)
    public String channelKind;

    /** The channel's name, or the user's name. */
    @Column(nullable = false, length = 200)
    public String target;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 10)
    public Status status = Status.PENDING;

    @Column(nullable = false)
    public int attempts;

    @Column(name = "next_attempt_at", nullable = false)
    public Instant nextAttemptAt;

    @Column(name = "last_error", length = 2000)
    public String lastError;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "sent_at")
    public Instant sentAt;
}
