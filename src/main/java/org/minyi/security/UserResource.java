package org.minyi.security;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** Users and roles (administrators), and {@code /api/me} for everyone signed in. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class UserResource {

    @Inject
    UserService users;

    @Inject
    SecurityIdentity identity;

    @GET
    @Path("/me")
    public Me me() {
        return new Me(identity.getPrincipal().getName(), identity.getRoles());
    }

    @GET
    @Path("/users")
    @RolesAllowed(Role.admin)
    public List<UserView> list() {
        return users.list().stream().map(UserView::of).toList();
    }

    @GET
    @Path("/users/{id}")
    @RolesAllowed(Role.admin)
    public UserView get(@PathParam("id") long id) {
        return UserView.of(users.get(id));
    }

    @POST
    @Path("/users")
    @RolesAllowed(Role.admin)
    public Response create(UserService.UserInput input) {
        AppUser user = users.create(input == null ? new UserService.UserInput(null, null, null, null, null) : input);
        return Response.status(201).entity(UserView.of(user)).build();
    }

    @PUT
    @Path("/users/{id}")
    @RolesAllowed(Role.admin)
    public UserView update(@PathParam("id") long id, UserService.UserInput input) {
        return UserView.of(users.update(id, input == null ? new UserService.UserInput(null, null, null, null, null) : input));
    }

    /** Lifts the lock of an account after repeated failed sign-ins. */
    @POST
    @Path("/users/{id}/unlock")
    @RolesAllowed(Role.admin)
    public UserView unlock(@PathParam("id") long id) {
        return UserView.of(users.unlock(id));
    }

    public record Me(String username, Set<String> roles) {
    }

    /** A user as shown over the API; the password hash never leaves the server. */
    public record UserView(long id, String username, String displayName, Set<String> roles, boolean enabled, Instant createdAt,
                           Instant lockedUntil) {
        static UserView of(AppUser u) {
            return new UserView(u.id, u.username, u.displayName, u.roleSet(), u.enabled, u.createdAt, u.lockedUntil);
        }
    }
}
