package org.minyi.post;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.time.Instant;

/** What analysis found in a post; list fields are JSON arrays in text columns. */
@Embeddable
public class PostAnalysis {

    @Column(name = "sentiment_label", length = 10)
    public String sentimentLabel;

    @Column(name = "sentiment_score")
    public Double sentimentScore;

    @Column(name = "sentiment_explanation", length = 4000)
    public String sentimentExplanation;

    @Column(name = "keywords", length = 2000)
    public String keywords;

    @Column(name = "places", length = 4000)
    public String places;

    @Column(name = "categories", length = 1000)
    public String categories;

    @Column(name = "summary", length = 2000)
    public String summary;

    @Column(name = "simhash")
    public Long simhash;

    @Column(name = "simhash_b0")
    public Integer simhashB0;

    @Column(name = "simhash_b1")
    public Integer simhashB1;

    @Column(name = "simhash_b2")
    public Integer simhashB2;

    @Column(name = "simhash_b3")
    public Integer simhashB3;

    /** Sets the SimHash and its four 16-bit bands (the near-duplicate index). */
    public void setSimhash(long value) {
        simhash = value;
        simhashB0 = (int) (value & 0xFFFF);
        simhashB1 = (int) ((value >>> 16) & 0xFFFF);
        simhashB2 = (int) ((value >>> 32) & 0xFFFF);
        simhashB3 = (int) ((value >>> 48) & 0xFFFF);
    }

    @Column(name = "analyzed_at")
    public Instant analyzedAt;
}
