package org.minyi.topic;

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
 * A topic: posts about the same thing, formed incrementally as they arrive. Counters are kept up to date on every
 * assignment; {@code places}, {@code categories} are JSON objects (name → posts), {@code keywords} a JSON array.
 */
@Entity
@Table(name = "topic")
public class Topic extends PanacheEntityBase {

    /** OPEN topics take new posts; CLOSED ones (an analyst's decision) take none; MERGED ones live on in another. */
    public enum Status { OPEN, CLOSED, MERGED }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false, length = 200)
    public String label;

    @Column(name = "label_locked", nullable = false)
    public boolean labelLocked;

    @Column(name = "label_post_id")
    public Long labelPostId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 10)
    public Status status = Status.OPEN;

    @Column(name = "merged_into")
    public Long mergedInto;

    @Column(length = 2000)
    public String keywords = "[]";

    @Column(length = 4000)
    public String places = "{}";

    @Column(length = 2000)
    public String categories = "{}";

    @Column(name = "first_seen", nullable = false)
    public Instant firstSeen;

    @Column(name = "last_seen", nullable = false)
    public Instant lastSeen;

    @Column(name = "post_count", nullable = false)
    public int postCount;

    @Column(name = "reply_count", nullable = false)
    public long replyCount;

    @Column(name = "view_count", nullable = false)
    public long viewCount;

    @Column(name = "source_count", nullable = false)
    public int sourceCount;

    @Column(name = "author_count", nullable = false)
    public int authorCount;

    @Column(name = "negative_count", nullable = false)
    public int negativeCount;

    @Column(name = "neutral_count", nullable = false)
    public int neutralCount;

    @Column(name = "positive_count", nullable = false)
    public int positiveCount;

    /** Decayed number of posts as of {@link #heatAt}. */
    @Column(nullable = false)
    public double heat;

    @Column(name = "heat_at")
    public Instant heatAt;

    @Column(nullable = false)
    public double hotness;

    @Column(nullable = false)
    public boolean emerging;

    @Column(name = "emerging_reason", length = 500)
    public String emergingReason;

    @Column(name = "emerging_since")
    public Instant emergingSince;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "closed_at")
    public Instant closedAt;

    @Version
    public long version;

    public boolean isOpen() {
        return status == Status.OPEN;
    }
}
