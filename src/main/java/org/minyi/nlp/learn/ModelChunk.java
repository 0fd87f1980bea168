package org.minyi.nlp.learn;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A piece (at most {@value #SIZE} characters) of a serialised model's base64 text. */
@Entity
@Table(name = "model_chunk")
public class ModelChunk extends PanacheEntityBase {

    public static final int SIZE = 1_000_000;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "model_id", nullable = false)
    public Long modelId;

    @Column(nullable = false)
    public int seq;

    @Column(nullable = false, length = SIZE)
    public String data;
}
