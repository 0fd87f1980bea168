package org.minyi.routing;

import io.quarkus.security.identity.SecurityIdentity;
import java.util.Set;
import org.minyi.security.Role;

/**
 * Who acts on cases: analysts and administrators dispatch and decide, propaganda staff and the emergency team read
 * everything, a spokesperson sees and acts only on the cases of their own units (as spokesperson or head).
 */
public record Actor(String username, Long userId, Set<String> roles, Set<Long> units) {

    public static Actor of(SecurityIdentity identity, Set<Long> units) {
        Object id = identity.getAttribute("userId");
        return new Actor(identity.getPrincipal().getName(), id instanceof Number n ? n.longValue() : null,
                identity.getRoles(), units);
    }

    public static Actor system() {
        return new Actor("system", null, Set.of(Role.admin), Set.of());
    }

    public boolean dispatches() {
        return roles.contains(Role.admin) || roles.contains(Role.analyst);
    }

    public boolean readsAll() {
        return dispatches() || roles.contains(Role.propaganda) || roles.contains(Role.emergency);
    }

    public boolean answersFor(Long unitId) {
        return unitId != null && units.contains(unitId);
    }

    public boolean canSee(RoutingCase c) {
        return readsAll() || answersFor(c.unitId);
    }
}
