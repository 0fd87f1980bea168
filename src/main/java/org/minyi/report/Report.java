package org.minyi.report;

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
 * A daily (日报), weekly (周报) or special (专报, one topic) report. {@code content} is the JSON snapshot of every figure
 * taken when it was generated: the archived report never changes. One report per (kind, period start, topic).
 */
@Entity
@Table(name = "report")
public class Report extends PanacheEntityBase {

    public enum Kind { DAILY, WEEKLY, SPECIAL }

    public enum Status { QUEUED, RUNNING, DONE, FAILED }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 10)
    public Kind kind;

    @Column(nullable = false, length = 300)
    public String title;

    @Column(name = "period_start", nullable = false)
    public Instant periodStart;

    @Column(name = "period_end", nullable = false)
    public Instant periodEnd;

    @Column(nullable = false, length = 60)
    public String zone;

    /** The topic of a special report, 0 for daily and weekly reports (part of the unique key). */
    @Column(name = "topic_key", nullable = false)
    public long topicKey;

    @Column(length = 40)
    public String category;

    @Column(length = 100)
    public String place;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 10)
    public Status status;

    @Column(nullable = false)
    public int progress;

    @Column(length = 100)
    public String phase;

    @Column(length = 2000)
    public String message;

    /** SCHEDULE or MANUAL. */
    @Column(name = "trigger_kind", nullable = false, length = 10)
    public String trigger;

    @Column(name = "created_by", nullable = false, length = 64)
    public String createdBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "started_at")
    public Instant startedAt;

    @Column(name = "finished_at")
    public Instant finishedAt;

    @Column(length = 1000000)
    public String content;

    /** The instance generating it (while QUEUED or RUNNING); see {@code org.minyi.cluster.Cluster#instanceId()}. */
    @Column(name = "instance_id", length = 120)
    public String instanceId;

    @Version
    public long version;
}
