package org.minyi.nlp.dict;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One accepted edit of a dictionary file: who, when, and a summary of the diff. */
@Entity
@Table(name = "dictionary_change")
public class DictionaryChange extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false, length = 200)
    public String file;

    @Column(name = "changed_by", nullable = false, length = 64)
    public String changedBy;

    @Column(name = "changed_at", nullable = false)
    public Instant changedAt;

    @Column(name = "lines_added", nullable = false)
    public int linesAdded;

    @Column(name = "lines_removed", nullable = false)
    public int linesRemoved;

    @Column(nullable = false, length = 4000)
    public String summary;
}
