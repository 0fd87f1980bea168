package org.minyi.crawl;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.minyi.security.Role;

/** "Test this source": {@code POST /api/sources/{id}/test} fetches one page and shows what would be extracted. */
@Path("/api/sources/{id}/test")
@Produces(MediaType.APPLICATION_JSON)
public class SourceTestResource {

    @Inject
    SourceTester tester;

    @POST
    @RolesAllowed({Role.admin, Role.analyst})
    public SourceTester.Report test(@PathParam("id") long id) {
        return tester.test(id);
    }
}
