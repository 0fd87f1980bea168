package org.minyi.nlp.dict;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.minyi.security.Role;

/**
 * The dictionaries, for administrators: {@code GET /api/dictionaries}, {@code GET /api/dictionaries/changes},
 * {@code GET /api/dictionaries/{name}} and {@code PUT /api/dictionaries/{name}} (text/plain body: the whole new
 * file). Names are those of the list (e.g. {@code sentiment.txt}, {@code categories/教育.txt}).
 */
@Path("/api/dictionaries")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.admin)
public class DictionaryResource {

    @Inject
    DictionaryService dictionaries;

    @Inject
    SecurityIdentity identity;

    @GET
    public List<DictionaryService.FileInfo> list() {
        return dictionaries.list();
    }

    @GET
    @Path("/changes")
    public List<DictionaryService.ChangeView> changes(@QueryParam("file") String file,
                                                      @QueryParam("limit") @DefaultValue("100") int limit) {
        return dictionaries.changes(file == null || file.isBlank() ? null : file, limit);
    }

    @GET
    @Path("/{name: .+}")
    public DictionaryService.FileContent get(@PathParam("name") String name) {
        return dictionaries.read(name);
    }

    /** Replaces the file, reloads the dictionaries and records the change; refused with line numbers when invalid. */
    @PUT
    @Path("/{name: .+}")
    @Consumes(MediaType.TEXT_PLAIN)
    public DictionaryService.SaveResult put(@PathParam("name") String name, String content) {
        return dictionaries.save(name, content, identity.getPrincipal().getName());
    }
}
