package org.minyi.alert;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** One evidence post of an alert (written with plain SQL; mapped for queries). */
@Entity
@Table(name = "alert_evidence")
@IdClass(AlertEvidenceRow.Key.class)
public class AlertEvidenceRow {

    @Id
    @Column(name = "alert_id")
    public Long alertId;

    @Id
    @Column(name = "post_id")
    public Long postId;

    @Column(name = "added_at", nullable = false)
    public Instant addedAt;

    public static class Key implements Serializable {
        public Long alertId;
        public Long postId;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(alertId, k.alertId) && Objects.equals(postId, k.postId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(alertId, postId);
        }
    }
}
