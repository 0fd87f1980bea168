package org.minyi.routing;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.minyi.post.Post;
import org.minyi.post.PostsStored;
import org.minyi.routing.rule.PostFacts;
import org.minyi.routing.rule.RoutingRule;
import org.minyi.routing.rule.RuleService;
import org.minyi.routing.unit.OrgUnit;

/**
 * Opens cases automatically for newly stored posts that a rule with {@code autoOpen} routes. The batch is checked in
 * one read-only transaction; each post a rule opens a case for is then handled in a transaction of its own, and a
 * failure is logged, never passed back to ingestion. Reposts (duplicates) open nothing.
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
        // one read-only transaction finds the posts a rule opens a case for (units and rules read once); only those
        // get a transaction of their own (openFor checks again)
        List<Long> candidates;
        try {
            candidates = QuarkusTransaction.requiringNew().call(() -> candidates(stored.postIds()));
        } catch (RuntimeException e) {
            Log.warn("automatic case opening: the batch could not be pre-checked; checking post by post", e);
            candidates = stored.postIds();
        }
        for (Long id : candidates) {
            try {
                QuarkusTransaction.requiringNew().run(() -> openFor(id));
            } catch (RuntimeException e) {
                Log.warnf(e, "automatic case opening failed for post %d", id);
            }
        }
    }

    private List<Long> candidates(List<Long> postIds) {
        Map<Long, Post> byId = new HashMap<>();
        for (int i = 0; i < postIds.size(); i += 500) {
            Post.<Post>list("id in ?1", postIds.subList(i, Math.min(postIds.size(), i + 500))).forEach(p -> byId.put(p.id, p));
        }
        List<Post> posts = new ArrayList<>();
        for (Long id : postIds) {
            Post p = byId.get(id);
            if (p != null && p.duplicateOf == null) {
                posts.add(p);
            }
        }
        List<RuleService.Explanation> explained = rules.explainAll(posts.stream().map(PostFacts::of).toList());
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < posts.size(); i++) {
            if (explained.get(i).units().stream().anyMatch(RuleService.Routed::autoOpen)) {
                out.add(posts.get(i).id);
            }
        }
        return out;
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
