package org.minyi.topic;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** Two topics an analyst separated: never merged again ({@code topicA < topicB}). */
@Entity
@Table(name = "topic_no_merge")
@IdClass(TopicNoMerge.Key.class)
public class TopicNoMerge extends PanacheEntityBase {

    @Id
    @Column(name = "topic_a")
    public long topicA;

    @Id
    @Column(name = "topic_b")
    public long topicB;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** Composite key. */
    public static class Key implements Serializable {
        public long topicA;
        public long topicB;

        public Key() {
        }

        public Key(long topicA, long topicB) {
            this.topicA = topicA;
            this.topicB = topicB;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.topicA == topicA && k.topicB == topicB;
        }

        @Override
        public int hashCode() {
            return Objects.hash(topicA, topicB);
        }
    }
}
