package org.minyi.crawl;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A page a run could not fetch or read: the URL, the kind of failure and the reason. */
@Entity
@Table(name = "crawl_error")
public class CrawlError extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "run_id", nullable = false)
    public Long runId;

    @Column(nullable = false, length = 2048)
    public String url;

    @Column(nullable = false, length = 30)
    public String kind;

    @Column(nullable = false, length = 1000)
    public String reason;

    @Column(name = "occurred_at", nullable = false)
    public Instant occurredAt;
}
