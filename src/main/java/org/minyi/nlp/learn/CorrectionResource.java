package org.minyi.nlp.learn;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.minyi.security.Role;

/** Analyst corrections: {@code PUT /api/posts/{id}/sentiment} and {@code PUT /api/posts/{id}/categories}. */
@Path("/api/posts")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CorrectionResource {

    @Inject
    CorrectionService corrections;

    @Inject
    SecurityIdentity identity;

    /** Body {@code {label, note?}}; the label becomes the post's sentiment and a training example. */
    @PUT
    @Path("/{id}/sentiment")
    @RolesAllowed({Role.admin, Role.analyst})
    public CorrectionService.CorrectionView sentiment(@PathParam("id") long id, CorrectionService.SentimentInput input) {
        if (input == null) {
            throw org.minyi.common.ApiException.badRequest("body", "is required: a JSON object");
        }
        return corrections.correctSentiment(id, input, identity.getPrincipal().getName());
    }

    /** Body {@code {categories:[...], note?}}, categories from the taxonomy. */
    @PUT
    @Path("/{id}/categories")
    @RolesAllowed({Role.admin, Role.analyst})
    public CorrectionService.CorrectionView categories(@PathParam("id") long id, CorrectionService.CategoriesInput input) {
        if (input == null) {
            throw org.minyi.common.ApiException.badRequest("body", "is required: a JSON object");
        }
        return corrections.correctCategories(id, input, identity.getPrincipal().getName());
    }
}
