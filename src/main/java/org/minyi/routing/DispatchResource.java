package org.minyi.routing;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import org.minyi.common.ApiException;
import org.minyi.post.Post;
import org.minyi.routing.rule.PostFacts;
import org.minyi.routing.rule.RuleService;

/** The analyst's dispatch board: recent posts without a case, each with the units the rules suggest. */
@Path("/api/routing/unassigned")
@Produces(MediaType.APPLICATION_JSON)
public class DispatchResource {

    @Inject
    RuleService rules;

    /** A post waiting for dispatch. */
    public record Item(long postId, String title, String excerpt, String url, String source, Instant publishedAt,
                       String sentiment, List<String> categories, List<RuleService.Routed> suggestions) {
    }

    @GET
    @RolesAllowed({"admin", "analyst"})
    public List<Item> unassigned(@QueryParam("size") @DefaultValue("30") int size) {
        if (size < 1 || size > 100) {
            throw ApiException.badRequest("size", "must be between 1 and 100");
        }
        List<Post> posts = Post.find("select p from Post p where p.duplicateOf is null and not exists"
                + " (select 1 from RoutingCase c where c.postId = p.id) order by p.publishedAt desc, p.id desc").page(0, size).list();
        return posts.stream().map(p -> {
            PostFacts facts = PostFacts.of(p);
            String text = p.content == null ? "" : p.content;
            return new Item(p.id, p.title, text.length() > 140 ? text.substring(0, 140) + "…" : text, p.url,
                    facts.source(), p.publishedAt, p.analysis.sentimentLabel, facts.categories(),
                    rules.explain(facts).units());
        }).toList();
    }
}
