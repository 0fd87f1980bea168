package org.minyi.alert.rule;

import java.time.Instant;

/** The count conditions' data: the indexed post queries and the hourly aggregates. */
public interface Counts {

    /** A volume spike or negative surge of a topic ({@code topicId} given) or of the district (null) at {@code now}. */
    Measure spike(Check.Spike spike, Long topicId, Instant now);

    /** Whether a topic is flagged emerging. */
    Measure emerging(Check.Emerging emerging, long topicId);
}
