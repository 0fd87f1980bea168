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
import java.time.Instant;

/** One line of a case's audit trail: who did what when, from which status to which, and a note. Never changed. */
@Entity
@Table(name = "case_event")
public class CaseEvent extends PanacheEntityBase {

    /** What happened. */
    public enum Kind { OPENED, ASSIGNED, ACKNOWLEDGED, TRANSFER_REQUESTED, TRANSFER_REFUSED, RESPONSE_RECORDED, APPROVED,
        RESPONDED, CLOSED, REOPENED, ESCALATED, REMINDED }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "case_id", nullable = false)
    public Long caseId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    public Kind kind;

    @Column(nullable = false, length = 64)
    public String actor;

    @Column(nullable = false)
    public Instant at;

    @Enumerated(EnumType.STRING)
    @Column(name = "from_status", length = 20)
    public CaseStatus fromStatus;

    @Enumerated(EnumType.STRING)
    @Column(name = "to_status", length = 20)
    public CaseStatus toStatus;

    /** The unit concerned: where the case went (assignment) or who declined it (transfer request). */
    @Column(name = "unit_id")
    public Long unitId;

    @Column(length = 2000)
    public String note;
}
