package org.minyi.security;

import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** The request's CSRF token for templates: {@code {inject:csrf.token}} (see {@link CsrfFilter}). */
@Named("csrf")
@RequestScoped
public class CsrfToken {

    @Inject
    CurrentVertxRequest request;

    public String getToken() {
        RoutingContext rc = request.getCurrent();
        Object token = rc == null ? null : rc.get(CsrfFilter.KEY);
        return token == null ? "" : token.toString();
    }
}
