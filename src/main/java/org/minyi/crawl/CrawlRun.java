package org.minyi.crawl;

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

/** One crawl of one source: when, why, how far it got, and how it ended. */
@Entity
@Table(name = "crawl_run")
public class CrawlRun extends PanacheEntityBase {

    /** How a run ended; RUNNING while it runs. INTERRUPTED: the service stopped in the middle. */
    public enum Status { RUNNING, SUCCEEDED, FAILED, INTERRUPTED }

    /** Why a run started. */
    public enum Trigger { SCHEDULE, MANUAL }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "source_id", nullable = false)
    public Long sourceId;

    @Enumerated(EnumType.STRING)
    @Column(name = "trigger_kind", nullable = false, length = 10)
    public Trigger trigger;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 15)
    public Status status;

    @Column(name = "started_at", nullable = false)
    public Instant startedAt;

    @Column(name = "finished_at")
    public Instant finishedAt;

    @Column(name = "heartbeat_at")
    public Instant heartbeatAt;

    @Column(name = "pages_fetched", nullable = false)
    public int pagesFetched;

    @Column(name = "pages_not_modified", nullable = false)
    public int pagesNotModified;

    @Column(name = "new_posts", nullable = false)
    public int newPosts;

    @Column(name = "duplicate_posts", nullable = false)
    public int duplicatePosts;

    @Column(name = "error_count", nullable = false)
    public int errorCount;

    @Column(length = 1000)
    public String message;

    @Column(name = "started_by", length = 64)
    public String startedBy;

    /** The service instance carrying the run out ({@code org.minyi.cluster.Cluster#instanceId()}). */
    @Column(name = "instance_id", length = 120)
    public String instanceId;
}
