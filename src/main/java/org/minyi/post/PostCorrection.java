package org.minyi.post;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.time.Instant;

/**
 * An analyst's corrections of a post's analysis (kept beside the machine's answer; the analysis columns then show
 * the corrected values). Each correction is also stored as a training example (see {@code org.minyi.nlp.learn}).
 */
@Embeddable
public class PostCorrection {

    @Column(name = "sentiment_corrected", length = 10)
    public String sentiment;

    @Column(name = "sentiment_corrected_by", length = 64)
    public String sentimentBy;

    @Column(name = "sentiment_corrected_at")
    public Instant sentimentAt;

    /** JSON array of categories. */
    @Column(name = "categories_corrected", length = 1000)
    public String categories;

    @Column(name = "categories_corrected_by", length = 64)
    public String categoriesBy;

    @Column(name = "categories_corrected_at")
    public Instant categoriesAt;
}
