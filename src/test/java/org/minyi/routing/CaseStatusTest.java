package org.minyi.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The whole transition table: every pair of statuses, allowed or refused, written out independently of the code. */
class CaseStatusTest {

    private static final String[] ALLOWED = {
        "NEW>ASSIGNED", "NEW>CLOSED",
        "ASSIGNED>ACKNOWLEDGED", "ASSIGNED>TRANSFER_REQUESTED", "ASSIGNED>ASSIGNED", "ASSIGNED>CLOSED",
        "ACKNOWLEDGED>RESPONDED", "ACKNOWLEDGED>TRANSFER_REQUESTED", "ACKNOWLEDGED>CLOSED",
        "TRANSFER_REQUESTED>ASSIGNED", "TRANSFER_REQUESTED>ACKNOWLEDGED",
        "RESPONDED>CLOSED", "RESPONDED>REOPENED",
        "CLOSED>REOPENED",
        "REOPENED>ASSIGNED", "REOPENED>ACKNOWLEDGED", "REOPENED>RESPONDED", "REOPENED>TRANSFER_REQUESTED", "REOPENED>CLOSED",
    };

    @Test
    void everyTransitionIsAllowedOrRefusedAsTheTableSays() {
        Set<String> allowed = Set.of(ALLOWED);
        int checked = 0;
        for (CaseStatus from : CaseStatus.values()) {
            for (CaseStatus to : CaseStatus.values()) {
                assertThat(from.canBecome(to)).as(from + " -> " + to).isEqualTo(allowed.contains(from + ">" + to));
                checked++;
            }
        }
        assertThat(checked).isEqualTo(49);
    }

    @Test
    void onlyClosedIsNotOpenAndClosedCanOnlyBeReopened() {
        assertThat(EnumSet.allOf(CaseStatus.class).stream().filter(s -> !s.isOpen())).containsExactly(CaseStatus.CLOSED);
        assertThat(CaseStatus.CLOSED.next()).containsExactly(CaseStatus.REOPENED);
        assertThat(CaseStatus.NEW.canBecome(CaseStatus.RESPONDED)).isFalse();
    }
}
