package org.minyi.post;

import java.util.List;

/** Fired after the transaction that stored new posts commits. */
public record PostsStored(List<Long> postIds) {
}
