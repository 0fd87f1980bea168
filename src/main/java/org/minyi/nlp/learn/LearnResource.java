package org.minyi.nlp.learn;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.minyi.common.ApiException;
import org.minyi.nlp.learn.LabelledExample.Task;
import org.minyi.security.Role;

/**
 * Labelled examples, model versions and model quality:
 * {@code POST /api/nlp/examples/import}, {@code GET /api/nlp/examples}, {@code POST /api/nlp/models/train},
 * {@code GET /api/nlp/models}, {@code GET /api/nlp/models/{id}}, {@code POST /api/nlp/models/{id}/activate},
 * {@code POST /api/nlp/models/{id}/retire}, {@code POST /api/nlp/evaluate}.
 */
@Path("/api/nlp")
@Produces(MediaType.APPLICATION_JSON)
public class LearnResource {

    @Inject
    ExampleService examples;

    @Inject
    ModelService models;

    @Inject
    EvaluationService evaluation;

    @Inject
    SecurityIdentity identity;

    static Task task(String value) {
        if (value == null || value.isBlank()) {
            throw ApiException.badRequest("task", "is required: SENTIMENT or CATEGORY");
        }
        try {
            return Task.valueOf(value.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("task", "must be SENTIMENT or CATEGORY");
        }
    }

    /**
     * Imports {@code label<TAB>text} lines (UTF-8 text/plain; header line {@code label<TAB>text} optional). Labels:
     * negative/neutral/positive for SENTIMENT, taxonomy categories for CATEGORY. Malformed lines are skipped and
     * reported with their line number, or, with {@code strict=true}, refuse the whole import (400, nothing stored).
     */
    @POST
    @Path("/examples/import")
    @Consumes({MediaType.TEXT_PLAIN, "text/tab-separated-values"})
    @RolesAllowed(Role.admin)
    public ExampleService.ImportReport importExamples(@QueryParam("task") String task,
                                                      @QueryParam("strict") @DefaultValue("false") boolean strict,
                                                      String body) {
        return examples.importExamples(task(task), body, strict, identity.getPrincipal().getName());
    }

    @GET
    @Path("/examples")
    @RolesAllowed({Role.admin, Role.analyst})
    public Map<String, Object> counts() {
        return examples.counts();
    }

    /** Starts training (202 with the new version), or returns the job already running for the task. */
    @POST
    @Path("/models/train")
    @RolesAllowed(Role.admin)
    public Response train(@QueryParam("task") @DefaultValue("SENTIMENT") String task) {
        return Response.accepted(models.train(task(task), ModelVersion.Trigger.MANUAL, identity.getPrincipal().getName()))
                .build();
    }

    @GET
    @Path("/models")
    @RolesAllowed({Role.admin, Role.analyst})
    public List<ModelView> list(@QueryParam("task") String task) {
        return models.list(task == null || task.isBlank() ? null : task(task));
    }

    @GET
    @Path("/models/{id}")
    @RolesAllowed({Role.admin, Role.analyst})
    public ModelView get(@PathParam("id") long id) {
        return models.get(id);
    }

    /** Activates a READY version or restores a RETIRED one; the task's active version is retired. */
    @POST
    @Path("/models/{id}/activate")
    @RolesAllowed(Role.admin)
    public ModelView activate(@PathParam("id") long id) {
        return models.activate(id);
    }

    /** Retires the active version: its task is answered by the dictionaries alone. */
    @POST
    @Path("/models/{id}/retire")
    @RolesAllowed(Role.admin)
    public ModelView retire(@PathParam("id") long id) {
        return models.retire(id);
    }

    /** Model quality on a labelled sample ({@code label<TAB>text} lines, sentiment labels). */
    @POST
    @Path("/evaluate")
    @Consumes({MediaType.TEXT_PLAIN, "text/tab-separated-values"})
    @RolesAllowed(Role.admin)
    public Map<String, Object> evaluate(String body) {
        return evaluation.evaluate(body);
    }
}
