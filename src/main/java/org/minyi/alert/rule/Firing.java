package org.minyi.alert.rule;

import java.util.List;

/** A rule that held for one subject in one batch: the posts that are its evidence, the reasons and the strength. */
public record Firing(RuleSpec rule, String subject, Long topicId, List<PostFacts> evidence, List<String> reasons, double strength) {
}
