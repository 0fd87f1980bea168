package org.minyi.post;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The answer for one pushed post: its id, and whether it was known already (then nothing new was stored). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IngestResult(long id, String url, boolean duplicate, Long duplicateOf, Long topicId) {
}
