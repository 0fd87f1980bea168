package org.minyi.routing;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.minyi.post.Post;
import org.minyi.post.PostsStored;
import org.minyi.routing.rule.PostFacts;
import org.minyi.routing.rule.RoutingRule;
import org.minyi.routing.rule.RuleService;
import org.minyi.routing.unit.OrgUnit;

/**
 * Opens cases automatically for newly stored posts that a rule with {@code autoOpen} routes. Each post is handled in a
 * transaction of its own, and a failure is logged, never passed back to ingestion. Reposts (duplicates) open nothing.
 */
@ApplicationScoped
public class AutoOpen {

    @Inject
    RuleService rules;

    @Inject
    CaseService cases;

    void onStored(@Observes PostsStored stored) {
        try {
            if (QuarkusTransaction.requiringNew().call(() -> RoutingRule.count("autoOpen = true and enabled = true")) == 0) {
                return;
            }
        } catch (RuntimeException e) {
            Log.warn("automatic case opening skipped: the rules could not be read", e);
            return;
        }
        for (Long id : stored.postIds()) {
            try {
                QuarkusTransaction.requiringNew().run(() -> openFor(id));
            } catch (RuntimeException e) {
                Log.warnf(e, "automatic case opening failed for post %d", id);
            }
        }
    }

    void openFor(long postId) {
        Post post = Post.findById(postId);
        if (post == null || post.duplicateOf != null) {
            return;
        }
        for (RuleService.Routed r : rules.explain(PostFacts.of(post)).units()) {
            if (!r.autoOpen()) {
                continue;
            }
            long open = RoutingCase.count("postId = ?1 and unitId = ?2", postId, r.unitId());
            if (open == 0) {
                cases.openByRule(post, OrgUnit.findById(r.unitId()), r.grade(), r.ruleId(), r.rule());
            }
        }
    }
}
