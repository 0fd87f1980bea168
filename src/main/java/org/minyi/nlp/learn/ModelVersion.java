package org.minyi.nlp.learn;

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
import java.util.Map;
import java.util.Set;

/**
 * One trained (or training) model of a task. The weights live in {@code model_chunk} rows (base64 text), checked
 * against {@link #sha256} when loaded.
 *
 * <p>Life: TRAINING → READY or FAILED; READY or RETIRED → ACTIVE (activation, also the restore of a previous
 * version); ACTIVE → RETIRED (another version activated, or retired by an administrator). At most one ACTIVE per
 * task. Other transitions are refused.
 */
@Entity
@Table(name = "model_version")
public class ModelVersion extends PanacheEntityBase {

    public enum Status { TRAINING, READY, FAILED, ACTIVE, RETIRED }

    public enum Trigger { MANUAL, SCHEDULE }

    /** Allowed transitions, from → to. */
    static final Map<Status, Set<Status>> TRANSITIONS = Map.of(
            Status.TRAINING, Set.of(Status.READY, Status.FAILED),
            Status.READY, Set.of(Status.ACTIVE),
            Status.RETIRED, Set.of(Status.ACTIVE),
            Status.ACTIVE, Set.of(Status.RETIRED),
            Status.FAILED, Set.of());

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 10)
    public LabelledExample.Task task;

    @Column(nullable = false)
    public int version;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 10)
    public Status status;

    @Column(length = 40)
    public String phase;

    @Column(nullable = false)
    public int progress;

    @Column(name = "example_count", nullable = false)
    public int exampleCount;

    /** Highest example id used: the schedule retrains only when newer examples exist. */
    @Column(name = "last_example_id")
    public Long lastExampleId;

    /** JSON array of the classes. */
    @Column(length = 2000)
    public String classes;

    /** JSON of the held-out figures. */
    @Column(length = 20000)
    public String quality;

    @Column(length = 2000)
    public String message;

    @Column(name = "model_sha256", length = 64)
    public String sha256;

    @Column(name = "model_chars")
    public Long modelChars;

    @Enumerated(EnumType.STRING)
    @Column(name = "trigger_kind", nullable = false, length = 10)
    public Trigger trigger;

    @Column(name = "created_by", length = 64)
    public String createdBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "finished_at")
    public Instant finishedAt;

    @Column(name = "activated_at")
    public Instant activatedAt;

    /** The instance training it (while TRAINING); see {@code org.minyi.cluster.Cluster#instanceId()}. */
    @Column(name = "instance_id", length = 120)
    public String instanceId;

    /** Moves to {@code next} or refuses with 409 naming the transition. */
    public void moveTo(Status next) {
        if (!TRANSITIONS.getOrDefault(status, Set.of()).contains(next)) {
            throw org.minyi.common.ApiException.conflict("model " + id + " is " + status + "; it cannot become " + next);
        }
        status = next;
    }
}
