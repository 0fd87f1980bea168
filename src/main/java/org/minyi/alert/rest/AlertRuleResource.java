package org.minyi.alert.rest;

import io.quarkus.security.identity.SecurityIdentity;
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
import org.minyi.alert.service.AlertRuleService;
import org.minyi.alert.service.RuleCache;
import org.minyi.security.Role;

/** Alert rules: the emergency team and administrators edit them, analysts read them; the rule test tool. */
@Path("/api/alert-rules")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AlertRuleResource {

    @Inject
    AlertRuleService rules;

    @Inject
    RuleCache cache;

    @Inject
    SecurityIdentity identity;

    @GET
    @RolesAllowed({Role.admin, Role.emergency, Role.analyst})
    public List<AlertRuleService.RuleView> list() {
        return rules.list();
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Role.admin, Role.emergency, Role.analyst})
    public AlertRuleService.RuleView get(@PathParam("id") long id) {
        return rules.view(rules.get(id));
    }

    @POST
    @RolesAllowed({Role.admin, Role.emergency})
    public Response create(AlertRuleService.RuleInput in) {
        AlertRuleService.RuleView view = rules.create(in, identity.getPrincipal().getName());
        cache.invalidate();
        return Response.status(201).entity(view).build();
    }

    @PUT
    @Path("{id}")
    @RolesAllowed({Role.admin, Role.emergency})
    public AlertRuleService.RuleView update(@PathParam("id") long id, AlertRuleService.RuleInput in) {
        AlertRuleService.RuleView view = rules.update(id, in);
        cache.invalidate();
        return view;
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed({Role.admin, Role.emergency})
    public Response delete(@PathParam("id") long id) {
        rules.delete(id);
        cache.invalidate();
        return Response.noContent().build();
    }

    /** Which recent posts would have fired a rule (sent in the body, not stored); nothing is stored. */
    @POST
    @Path("test")
    @RolesAllowed({Role.admin, Role.emergency, Role.analyst})
    public AlertRuleService.TestResult test(AlertRuleService.TestInput in) {
        return rules.test(in);
    }
}
