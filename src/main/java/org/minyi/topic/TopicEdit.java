package org.minyi.topic;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One edit of a topic (rename, merge, split, close, reopen) by an analyst or by the merge job. */
@Entity
@Table(name = "topic_edit")
public class TopicEdit extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "topic_id", nullable = false)
    public long topicId;

    @Column(nullable = false, length = 20)
    public String action;

    @Column(length = 2000)
    public String detail;

    @Column(length = 64)
    public String username;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
