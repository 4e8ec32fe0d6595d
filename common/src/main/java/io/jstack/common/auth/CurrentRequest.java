package io.jstack.common.auth;

import io.jstack.common.RequestContext;
import io.jstack.common.api.ApiException;
import jakarta.enterprise.context.RequestScoped;

/** The authenticated caller of the HTTP request being served, set by {@link AuthFilter}. */
@RequestScoped
public class CurrentRequest {
    private Token token;
    private String tokenId;
    private RequestContext context;

    void set(Token token, String tokenId, RequestContext context) {
        this.token = token;
        this.tokenId = tokenId;
        this.context = context;
    }

    public boolean isAuthenticated() {
        return token != null;
    }

    /** The verified token; a 401 when the request carried none (an unauthenticated endpoint asking). */
    public Token token() {
        if (token == null) {
            throw ApiException.unauthorized("The request you have made requires authentication.");
        }
        return token;
    }

    /** The raw token, for calls to other services on the caller's behalf. */
    public String tokenId() {
        return tokenId;
    }

    public RequestContext context() {
        if (context == null) {
            throw ApiException.unauthorized("The request you have made requires authentication.");
        }
        return context;
    }
}
