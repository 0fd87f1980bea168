package org.minyi.routing;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The life of a case (交办单), readable in one place: which status may follow which. Everything not listed here is
 * refused with the allowed next statuses.
 *
 * <pre>
 * NEW ──assign──▶ ASSIGNED ──acknowledge──▶ ACKNOWLEDGED ──respond──▶ RESPONDED ──close──▶ CLOSED
 *                    │  ▲                        │                        │                  │
 *                    │  └──reassign / refuse─────┤                        └──reopen──▶ REOPENED ◀─┘
 *                    └──request transfer──▶ TRANSFER_REQUESTED ◀──────────┘
 * </pre>
 */
public enum CaseStatus {
    NEW, ASSIGNED, ACKNOWLEDGED, TRANSFER_REQUESTED, RESPONDED, CLOSED, REOPENED;

    private static final Map<CaseStatus, Set<CaseStatus>> NEXT = Map.of(
            NEW, EnumSet.of(ASSIGNED, CLOSED),
            ASSIGNED, EnumSet.of(ACKNOWLEDGED, TRANSFER_REQUESTED, ASSIGNED, CLOSED),
            ACKNOWLEDGED, EnumSet.of(RESPONDED, TRANSFER_REQUESTED, CLOSED),
            TRANSFER_REQUESTED, EnumSet.of(ASSIGNED, ACKNOWLEDGED),
            RESPONDED, EnumSet.of(CLOSED, REOPENED),
            CLOSED, EnumSet.of(REOPENED),
            REOPENED, EnumSet.of(ASSIGNED, ACKNOWLEDGED, RESPONDED, TRANSFER_REQUESTED, CLOSED));

    /** The statuses that may follow this one. */
    public Set<CaseStatus> next() {
        return NEXT.get(this);
    }

    public boolean canBecome(CaseStatus target) {
        return next().contains(target);
    }

    /** Open cases are the ones a spokesperson still owes something on. */
    public boolean isOpen() {
        return this != CLOSED;
    }
}
