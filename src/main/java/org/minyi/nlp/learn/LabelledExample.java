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

/** One labelled text for training: imported from a file or made from an analyst's correction of a post. */
@Entity
@Table(name = "labelled_example")
public class LabelledExample extends PanacheEntityBase {

    /** What the label is about. */
    public enum Task { SENTIMENT, CATEGORY }

    /** Where the example came from. */
    public enum Origin { IMPORT, CORRECTION }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 10)
    public Task task;

    /** A sentiment label, or one category (a post in several categories has one example per category). */
    @Column(nullable = false, length = 40)
    public String label;

    @Column(nullable = false, length = 100000)
    public String text;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 12)
    public Origin origin;

    @Column(name = "post_id")
    public Long postId;

    @Column(length = 1000)
    public String note;

    @Column(name = "created_by", length = 64)
    public String createdBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
