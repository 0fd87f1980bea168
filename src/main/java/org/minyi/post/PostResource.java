package org.minyi.post;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Multi;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import org.jboss.resteasy.reactive.RestStreamElementType;
import org.minyi.common.ApiException;
import org.minyi.common.Page;
import org.minyi.security.Role;

/** Ingestion ({@code POST}) and reading of posts. */
@Path("/api/posts")
@Produces(MediaType.APPLICATION_JSON)
public class PostResource {

    @Inject
    PostService posts;

    @Inject
    PostQuery query;

    @Inject
    LiveFeed live;

    @Inject
    ObjectMapper mapper;

    @Inject
    org.minyi.cluster.AdmissionControl admission;

    /**
     * One post (an object) or up to 1,000 (an array). Each new post is stored and analysed before the answer:
     * {@code 201} when anything was new, {@code 200} when every post was known already ({@code duplicate: true});
     * {@code 503} with {@code Retry-After} when the service is at capacity (nothing of the request was stored).
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.admin, Role.analyst})
    public Response ingest(JsonNode body) {
        if (body == null || body.isNull() || body.isMissingNode()) {
            throw ApiException.badRequest("body", "is required: a post object or an array of posts");
        }
        boolean batch = body.isArray();
        List<PostInput> inputs = new ArrayList<>();
        if (batch) {
            for (int i = 0; i < body.size(); i++) {
                inputs.add(read(body.get(i), "[" + i + "]"));
            }
        } else if (body.isObject()) {
            inputs.add(read(body, null));
        } else {
            throw ApiException.badRequest("body", "must be a post object or an array of posts");
        }
        List<IngestResult> results = admission.ingestion().call(() -> posts.ingest(inputs, batch));
        boolean anyNew = results.stream().anyMatch(r -> !r.duplicate());
        return Response.status(anyNew ? 201 : 200).entity(batch ? results : results.get(0)).build();
    }

    private PostInput read(JsonNode node, String where) {
        if (node == null || !node.isObject()) {
            throw ApiException.badRequest(where == null ? "body" : where, "must be a post object");
        }
        for (String text : List.of("source", "url", "title", "content", "author", "publishedAt", "parentUrl")) {
            JsonNode value = node.get(text);
            if (value != null && !value.isNull() && !value.isTextual() && !(text.equals("source") && value.isIntegralNumber())) {
                throw ApiException.badRequest((where == null ? "" : where + ".") + text, "must be a string");
            }
        }
        for (String number : List.of("replyCount", "viewCount")) {
            JsonNode value = node.get(number);
            if (value != null && !value.isNull() && !(value.isIntegralNumber() && value.canConvertToInt())) {
                throw ApiException.badRequest((where == null ? "" : where + ".") + number, "must be a whole number");
            }
        }
        return mapper.convertValue(node, PostInput.class);
    }

    @GET
    public Page<PostView> list(@QueryParam("source") String source, @QueryParam("from") String from,
                               @QueryParam("to") String to, @QueryParam("sentiment") String sentiment,
                               @QueryParam("q") String q, @QueryParam("after") Long after,
                               @QueryParam("page") Integer page, @QueryParam("size") Integer size,
                               @QueryParam("category") String category, @QueryParam("place") String place,
                               @QueryParam("before") Long before) {
        return query.list(new PostQuery.Filter(source, from, to, sentiment, q, after, page, size, category, place, before));
    }

    @GET
    @Path("/{id}")
    public PostView get(@PathParam("id") long id) {
        return query.get(id);
    }

    /** New posts as they are stored, as server-sent events (the live "latest posts" page). */
    @GET
    @Path("/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    public Multi<PostView> stream() {
        return live.stream();
    }
}
