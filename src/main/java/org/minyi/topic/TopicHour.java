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

/** One hour of a topic's time series (by publication time, so late arrivals land in their own hour). */
@Entity
@Table(name = "topic_hour")
@IdClass(TopicHour.Key.class)
public class TopicHour extends PanacheEntityBase {

    @Id
    @Column(name = "topic_id")
    public long topicId;

    @Id
    @Column(name = "hour_start")
    public Instant hourStart;

    @Column(nullable = false)
    public int posts;

    @Column(nullable = false)
    public int negative;

    @Column(nullable = false)
    public int positive;

    @Column(nullable = false)
    public int replies;

    /** Composite key. */
    public static class Key implements Serializable {
        public long topicId;
        public Instant hourStart;

        public Key() {
        }

        public Key(long topicId, Instant hourStart) {
            this.topicId = topicId;
            this.hourStart = hourStart;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.topicId == topicId && Objects.equals(k.hourStart, hourStart);
        }

        @Override
        public int hashCode() {
            return Objects.hash(topicId, hourStart);
        }
    }
}
