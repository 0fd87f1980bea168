package org.minyi.crawl;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.minyi.security.Role;

/**
 * Crawl a source now: {@code POST /api/sources/{id}/crawl}. (A root path of its own, so that it does not shadow
 * {@code /api/sources/{id}}.)
 */
@Path("/api/sources/{id}/crawl")
@Produces(MediaType.APPLICATION_JSON)
public class SourceCrawlResource {

    @Inject
    Crawler crawler;

    @Inject
    SecurityIdentity identity;

    /** Starts a run now: {@code 202} with the new run, or {@code 200} with the run already under way. */
    @POST
    @RolesAllowed({Role.admin, Role.analyst})
    public Response crawl(@PathParam("id") long id) {
        Crawler.Started started = crawler.start(id, CrawlRun.Trigger.MANUAL, identity.getPrincipal().getName());
        return Response.status(started.alreadyRunning() ? 200 : 202)
                .entity(CrawlRunView.of(started.run(), CrawlRunResource.sourceName(id), null)).build();
    }
}
