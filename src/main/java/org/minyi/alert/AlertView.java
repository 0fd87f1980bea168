package org.minyi.alert;

import java.time.Instant;

/** An alert as the API and the console show it: level with its colour and grade, status and who holds it. */
public record AlertView(long id, long ruleId, String ruleName, String subject, Long topicId, AlertLevel level, String levelLabel,
                        String levelColour, AlertLevel baseLevel, AlertStatus status, String title, String reason,
                        int evidenceCount, Instant firstFiredAt, Instant lastFiredAt, String holder, Instant acknowledgedAt,
                        String closedBy, Instant closedAt, Long caseId, long version) {

    public static AlertView of(Alert a) {
        return new AlertView(a.id, a.ruleId, a.ruleName, a.subject, a.topicId, a.level, a.level.label(), a.level.css(), a.baseLevel,
                a.status, a.title, a.reason, a.evidenceCount, a.firstFiredAt, a.lastFiredAt, a.acknowledgedBy, a.acknowledgedAt,
                a.closedBy, a.closedAt, a.caseId, a.version);
    }
}
