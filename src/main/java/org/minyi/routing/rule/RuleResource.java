package org.minyi.routing.rule;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.minyi.common.ApiException;
import org.minyi.routing.Grade;
import org.minyi.security.Role;

/** Routing rules (administrators change them; analysts read them) and the explain test. */
@Path("/api/routing")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class RuleResource {

    @Inject
    RuleService rules;

    /** A rule as the API shows it. */
    public record RuleView(long id, int position, String name, boolean enabled, List<String> categories,
                           List<String> places, List<String> keywords, List<String> sources, Double maxSentiment,
                           List<String> targetUnits, boolean toPlace, boolean autoOpen, Grade grade, long version) {
        static RuleView of(RoutingRule r) {
            return new RuleView(r.id, r.position, r.name, r.enabled, r.categoryList(), r.placeList(), r.keywordList(),
                    r.sourceList(), r.maxSentiment, r.targetList(), r.toPlace, r.autoOpen, r.grade, r.version);
        }
    }

    /** Explain a stored post ({@code postId}) or a text ({@code title}, {@code content}, optional {@code source}). */
    public record ExplainRequest(Long postId, String title, String content, String source) {
    }

    /** The new order of the rules: every rule id once. */
    public record Order(List<Long> ids) {
    }

    @POST
    @Path("/explain")
    @RolesAllowed({Role.admin, Role.analyst})
    public RuleService.Explanation explain(ExplainRequest request) {
        if (request == null) {
            throw ApiException.badRequest("body", "is required: {postId} or {title, content}");
        }
        if (request.postId() != null) {
            return rules.explainPost(request.postId());
        }
        return rules.explainText(request.title(), request.content(), request.source());
    }

    @GET
    @Path("/rules")
    @RolesAllowed({Role.admin, Role.analyst})
    public List<RuleView> list() {
        return rules.list().stream().map(RuleView::of).toList();
    }

    @GET
    @Path("/rules/{id}")
    @RolesAllowed({Role.admin, Role.analyst})
    public RuleView get(@PathParam("id") long id) {
        return RuleView.of(rules.get(id));
    }

    @POST
    @Path("/rules")
    @RolesAllowed(Role.admin)
    public Response create(RuleService.RuleInput input) {
        if (input == null) {
            throw org.minyi.common.ApiException.badRequest("body", "is required: a JSON object");
        }
        return Response.status(201).entity(RuleView.of(rules.create(input))).build();
    }

    @PUT
    @Path("/rules/{id}")
    @RolesAllowed(Role.admin)
    public RuleView update(@PathParam("id") long id, RuleService.RuleInput input) {
        if (input == null) {
            throw org.minyi.common.ApiException.badRequest("body", "is required: a JSON object");
        }
        return RuleView.of(rules.update(id, input));
    }

    @DELETE
    @Path("/rules/{id}")
    @RolesAllowed(Role.admin)
    public Response delete(@PathParam("id") long id) {
        rules.delete(id);
        return Response.noContent().build();
    }

    @PUT
    @Path("/rules/order")
    @RolesAllowed(Role.admin)
    public List<RuleView> reorder(Order order) {
        return rules.reorder(order == null ? null : order.ids()).stream().map(RuleView::of).toList();
    }
}
