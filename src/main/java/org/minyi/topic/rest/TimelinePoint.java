package org.minyi.topic.rest;

import java.time.OffsetDateTime;

/** One hour of a topic's time series (hours without posts included, as zeros). */
public record TimelinePoint(OffsetDateTime hour, int posts, int negative, int positive, int replies) {
}
