package org.minyi.topic.rest;

import io.quarkus.security.identity.SecurityIdentity;
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
import java.util.List;
import org.minyi.common.ApiException;
import org.minyi.common.Page;
import org.minyi.security.Role;
import org.minyi.topic.service.TopicQuery;
import org.minyi.topic.service.TopicService;

/** Topics: reading for every signed-in role; edits (rename, merge, split, close, reopen) for analysts and admins. */
@Path("/api/topics")
@Produces(MediaType.APPLICATION_JSON)
public class TopicResource {

    @Inject
    TopicQuery query;

    @Inject
    TopicService service;

    @Inject
    SecurityIdentity identity;

    /** Body of rename. */
    public record Rename(String label) {
    }

    /** Body of merge: the topic that takes this one's posts. */
    public record Merge(Long into) {
    }

    /** Body of split: posts moved into a new topic, and its label (optional). */
    public record Split(List<Long> postIds, String label) {
    }

    /**
     * Topics, hottest first ({@code sort=hotness}) or most recently active first ({@code sort=recent}); filters:
     * {@code from}/{@code to} (ISO date-times: active in that span), {@code category}, {@code place},
     * {@code sentiment} (the dominant one), {@code emerging}, {@code status} (active = open or closed; open, closed,
     * merged, all).
     */
    @GET
    public Page<TopicView> list(@QueryParam("sort") String sort, @QueryParam("from") String from, @QueryParam("to") String to,
                                @QueryParam("category") String category, @QueryParam("place") String place,
                                @QueryParam("sentiment") String sentiment, @QueryParam("emerging") String emerging,
                                @QueryParam("status") String status, @QueryParam("page") Integer page,
                                @QueryParam("size") Integer size) {
        Boolean em = null;
        if (emerging != null && !emerging.isBlank()) {
            if (!emerging.equalsIgnoreCase("true") && !emerging.equalsIgnoreCase("false")) {
                throw ApiException.badRequest("emerging", "must be true or false");
            }
            em = Boolean.parseBoolean(emerging);
        }
        return query.list(new TopicQuery.Filter(sort, from, to, category, place, sentiment, em, status, page, size));
    }

    @GET
    @Path("/{id}")
    public TopicView get(@PathParam("id") long id) {
        return query.get(id);
    }

    /** The topic's posts, newest first ({@code sort=oldest} for the other way). */
    @GET
    @Path("/{id}/posts")
    public Page<TopicPostView> posts(@PathParam("id") long id, @QueryParam("page") Integer page,
                                     @QueryParam("size") Integer size, @QueryParam("sort") String sort) {
        return query.posts(id, page, size, sort);
    }

    /** Hourly posts, negative, positive and replies, by publication time. */
    @GET
    @Path("/{id}/timeline")
    public List<TimelinePoint> timeline(@PathParam("id") long id, @QueryParam("from") String from, @QueryParam("to") String to) {
        return query.timeline(id, from, to);
    }

    @POST
    @Path("/{id}/rename")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.admin, Role.analyst})
    public TopicView rename(@PathParam("id") long id, Rename body) {
        service.rename(id, body == null ? null : body.label(), user());
        return query.get(id);
    }

    /** Moves all posts into {@code into}; answers with the receiving topic. */
    @POST
    @Path("/{id}/merge")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.admin, Role.analyst})
    public TopicView merge(@PathParam("id") long id, Merge body) {
        long into = service.merge(id, body == null ? null : body.into(), user()).id;
        return query.get(into);
    }

    /** Moves the given posts into a new topic ({@code 201}, the new topic). */
    @POST
    @Path("/{id}/split")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.admin, Role.analyst})
    public Response split(@PathParam("id") long id, Split body) {
        long created = service.split(id, body == null ? null : body.postIds(), body == null ? null : body.label(), user()).id;
        return Response.status(201).entity(query.get(created)).build();
    }

    @POST
    @Path("/{id}/close")
    @RolesAllowed({Role.admin, Role.analyst})
    public TopicView close(@PathParam("id") long id) {
        service.close(id, user());
        return query.get(id);
    }

    @POST
    @Path("/{id}/reopen")
    @RolesAllowed({Role.admin, Role.analyst})
    public TopicView reopen(@PathParam("id") long id) {
        service.reopen(id, user());
        return query.get(id);
    }

    private String user() {
        return identity.getPrincipal().getName();
    }
}
