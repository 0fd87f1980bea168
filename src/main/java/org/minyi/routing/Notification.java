package org.minyi.routing;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A message to one user about a case (reminder, escalation), shown in their inbox. */
@Entity
@Table(name = "notification")
public class Notification extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "user_id", nullable = false)
    public Long userId;

    @Column(name = "case_id")
    public Long caseId;

    @Column(nullable = false, length = 20)
    public String kind;

    @Column(nullable = false, length = 1000)
    public String message;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "read_at")
    public Instant readAt;

    /** The same reminder or escalation is sent to a user once. */
    @Column(name = "dedupe_key", length = 200)
    public String dedupeKey;
}
