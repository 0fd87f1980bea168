package org.minyi.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.minyi.security.Role;

/**
 * The topic pages: the list (hotness, trend sparkline, sentiment bar, emerging badge) and one topic (timeline
 * chart, keywords, places, sources, posts, edit actions for analysts). Data comes from {@code /api/topics}, polled.
 */
@Path("/topics")
@Produces(MediaType.TEXT_HTML)
public class TopicPageResource {

    @Inject
    SecurityIdentity identity;

    @Inject
    Navigation navigation;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance topics(Navigation.Shell shell);

        static native TemplateInstance topic(Navigation.Shell shell, long topicId, boolean canEdit);
    }

    @GET
    public Response topics() {
        if (identity.isAnonymous()) {
            return PageResource.toLogin();
        }
        return Response.ok(Templates.topics(navigation.shell(identity, "topics", "话题"))).build();
    }

    @GET
    @Path("{id}")
    public Response topic(@PathParam("id") long id) {
        if (identity.isAnonymous()) {
            return PageResource.toLogin();
        }
        boolean canEdit = identity.hasRole(Role.admin) || identity.hasRole(Role.analyst);
        return Response.ok(Templates.topic(navigation.shell(identity, "topics", "话题 #" + id), id, canEdit)).build();
    }
}
