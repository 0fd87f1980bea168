package org.minyi.security;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TrustedAuthenticationRequest;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Rebuilds the identity of a signed-in browser session (the form-login cookie names the user) from the
 * database, so a disabled user or a role change takes effect on the next request.
 */
@ApplicationScoped
public class SessionIdentityProvider implements IdentityProvider<TrustedAuthenticationRequest> {

    @Override
    public Class<TrustedAuthenticationRequest> getRequestType() {
        return TrustedAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TrustedAuthenticationRequest request, AuthenticationRequestContext context) {
        return context.runBlocking(() -> {
            AppUser user = QuarkusTransaction.requiringNew()
                    .call(() -> AppUser.findByUsername(request.getPrincipal()).orElse(null));
            if (user == null || !user.enabled) {
                throw new AuthenticationFailedException("session user is unknown or disabled");
            }
            return DatabaseIdentityProvider.identity(user);
        });
    }
}
