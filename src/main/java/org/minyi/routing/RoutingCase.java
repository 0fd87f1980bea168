package org.minyi.routing;

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

/**
 * A case (交办单): a post or a topic handed to one unit, with its grade, its status and its three clocks. Overdue is
 * not stored: it is derived from the next unmet deadline ({@link #nextDue()}); so is the attention level (the grade
 * raised once per escalation event).
 */
@Entity
@Table(name = "routing_case")
public class RoutingCase extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "post_id")
    public Long postId;

    @Column(name = "topic_id")
    public Long topicId;

    @Column(name = "unit_id")
    public Long unitId;

    /** The rule that opened the case automatically, if one did. */
    @Column(name = "rule_id")
    public Long ruleId;

    @Column(length = 1000)
    public String title;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    public Grade grade;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    public CaseStatus status;

    @Column(name = "requires_approval", nullable = false)
    public boolean requiresApproval;

    @Column(name = "created_by", nullable = false, length = 64)
    public String createdBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "assigned_at")
    public Instant assignedAt;

    @Column(name = "acknowledged_at")
    public Instant acknowledgedAt;

    /** When the response counted as published (after approval where one is required). */
    @Column(name = "responded_at")
    public Instant respondedAt;

    @Column(name = "closed_at")
    public Instant closedAt;

    @Column(name = "acknowledge_due")
    public Instant acknowledgeDue;

    @Column(name = "response_due")
    public Instant responseDue;

    @Column(name = "final_due")
    public Instant finalDue;

    /**
     * The deadline this case was last escalated for (set by the deadline job without touching {@code version}): the
     * job looks only at overdue cases whose current deadline differs.
     */
    @Column(name = "escalated_due")
    public Instant escalatedDue;

    @Column(name = "transfer_reason", length = 1000)
    public String transferReason;

    @Column(name = "response_text", length = 10000)
    public String responseText;

    @Enumerated(EnumType.STRING)
    @Column(name = "response_channel", length = 20)
    public ResponseChannel responseChannel;

    @Column(name = "response_url", length = 2048)
    public String responseUrl;

    @Column(name = "response_published_at")
    public Instant responsePublishedAt;

    @Column(name = "response_by", length = 64)
    public String responseBy;

    @Column(name = "response_approved_by", length = 64)
    public String responseApprovedBy;

    @Version
    public long version;

    /** Which clock runs now. */
    public enum Clock { ACKNOWLEDGE, RESPONSE, FINAL }

    /** The clock that runs now, or null (closed, or not assigned yet). */
    public Clock runningClock() {
        if (status == CaseStatus.CLOSED || assignedAt == null) {
            return null;
        }
        if (acknowledgedAt == null) {
            return Clock.ACKNOWLEDGE;
        }
        if (respondedAt == null) {
            return Clock.RESPONSE;
        }
        return Clock.FINAL;
    }

    /** The next deadline not met yet, or null. */
    public Instant nextDue() {
        Clock c = runningClock();
        if (c == null) {
            return null;
        }
        return switch (c) {
            case ACKNOWLEDGE -> acknowledgeDue;
            case RESPONSE -> responseDue;
            case FINAL -> finalDue;
        };
    }

    public boolean isOverdue(Instant now) {
        Instant due = nextDue();
        return due != null && due.isBefore(now);
    }

    /** A response is recorded and waits for an analyst's approval. */
    public boolean responsePending() {
        return requiresApproval && responseBy != null && responseApprovedBy == null;
    }

    /** JPQL for {@link #nextDue()}, for filtering and sorting in queries; binds {@code :closed}. */
    public static final String NEXT_DUE_JPQL = "(case when c.status = :closed or c.assignedAt is null then null"
            + " when c.acknowledgedAt is null then c.acknowledgeDue when c.respondedAt is null then c.responseDue"
            + " else c.finalDue end)";
}
