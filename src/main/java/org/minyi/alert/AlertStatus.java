package org.minyi.alert;

import java.util.Map;
import java.util.Set;

/** An alert's life: OPEN → ACKNOWLEDGED → CLOSED (an open alert may be closed directly, e.g. a false alarm). */
public enum AlertStatus {
    OPEN, ACKNOWLEDGED, CLOSED;

    private static final Map<AlertStatus, Set<AlertStatus>> NEXT = Map.of(
            OPEN, Set.of(ACKNOWLEDGED, CLOSED),
            ACKNOWLEDGED, Set.of(ACKNOWLEDGED, CLOSED),
            CLOSED, Set.of());

    public boolean canMoveTo(AlertStatus to) {
        return NEXT.get(this).contains(to);
    }
}
