package org.minyi.alert.rest;

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
import org.minyi.alert.service.AlertChannelService;
import org.minyi.alert.service.AlertChannelService.ChannelView;
import org.minyi.security.Role;

/** Delivery channels: administrators manage them; the emergency team sees them (without secrets) to pick recipients. */
@Path("/api/alert-channels")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AlertChannelResource {

    @Inject
    AlertChannelService channels;

    @GET
    @RolesAllowed({Role.admin, Role.emergency})
    public List<ChannelView> list() {
        return channels.list();
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Role.admin, Role.emergency})
    public ChannelView get(@PathParam("id") long id) {
        return ChannelView.of(channels.get(id));
    }

    @POST
    @RolesAllowed(Role.admin)
    public Response create(AlertChannelService.ChannelInput in) {
        return Response.status(201).entity(ChannelView.of(channels.create(in))).build();
    }

    @PUT
    @Path("{id}")
    @RolesAllowed(Role.admin)
    public ChannelView update(@PathParam("id") long id, AlertChannelService.ChannelInput in) {
        return ChannelView.of(channels.update(id, in));
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed(Role.admin)
    public Response delete(@PathParam("id") long id) {
        channels.delete(id);
        return Response.noContent().build();
    }
}
