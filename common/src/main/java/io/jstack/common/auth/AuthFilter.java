package io.jstack.common.auth;

import io.jstack.common.RequestContext;
import io.jstack.common.api.FaultShape;
import io.jstack.common.api.RequestIds;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.Optional;

/**
 * Authenticates every request from its {@code X-Auth-Token}, offline, and exposes the caller as
 * {@link CurrentRequest}. A missing, malformed, badly signed, expired or revoked token is a 401 in the service's
 * fault shape. A user token that expired is still accepted when a valid service token ({@code X-Service-Token},
 * role {@code service}: a service user's, not merely an admin's) comes with it, and only within
 * {@code jstack.auth.allow-expired-window} of its expiry, so long operations that one service runs for a user on
 * another never fail half-way. A token from an application credential with access rules is accepted only for the
 * requests its rules name ({@link AccessRules}).
 */
public class AuthFilter {

    public static final String TOKEN_HEADER = "X-Auth-Token";
    public static final String SERVICE_TOKEN_HEADER = "X-Service-Token";
    private static final String REQUIRED = "The request you have made requires authentication.";

    @Inject
    TokenVerifier verifier;

    @Inject
    CurrentRequest current;

    @Inject
    FaultShape faults;

    @Inject
    PublicKeys keys;

    @Inject
    AuthSettings settings;

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION)
    public Optional<Response> authenticate(ContainerRequestContext request, ResourceInfo resource) {
        if (isPublic(resource)) {
            return Optional.empty();
        }
        if (!keys.ready()) {
            return Optional.of(faults.render(503, "The service is starting: it cannot verify tokens yet."));
        }
        String tokenId = request.getHeaderString(TOKEN_HEADER);
        if (tokenId == null || tokenId.isBlank()) {
            return Optional.of(faults.render(401, REQUIRED));
        }
        Token token;
        try {
            token = verifyUserToken(tokenId.trim(), request.getHeaderString(SERVICE_TOKEN_HEADER));
        } catch (InvalidTokenException e) {
            return Optional.of(faults.render(401, e.getMessage()));
        }
        String serviceToken = request.getHeaderString(SERVICE_TOKEN_HEADER);
        if (!AccessRules.permit(token, settings.serviceType(), request.getMethod(), request.getUriInfo().getPath(),
                serviceToken != null && !serviceToken.isBlank())) {
            return Optional.of(faults.render(401, "Token authorization failed"));
        }
        RequestContext context = new RequestContext(RequestIds.of(request), token.user().id(), token.projectId(),
                token.domainScopeId(), token.roleNames(), tokenId.trim(),
                token.user().domain() == null ? null : token.user().domain().id(),
                token.project() == null || token.project().domain() == null ? null : token.project().domain().id(),
                token.isAdminProject(), token.systemScope());
        current.set(token, tokenId.trim(), context);
        MDC.put("user_id", token.user().id());
        return Optional.empty();
    }

    private Token verifyUserToken(String tokenId, String serviceTokenId) {
        if (serviceTokenId == null || serviceTokenId.isBlank()) {
            return verifier.verify(tokenId);
        }
        Token service = verifier.verify(serviceTokenId.trim());
        if (!service.hasRole("service")) {
            throw new InvalidTokenException("The service token does not belong to a service");
        }
        return verifier.verifyAllowingExpiry(tokenId, settings.allowExpiredWindow());
    }

    private static boolean isPublic(ResourceInfo resource) {
        if (resource == null || resource.getResourceMethod() == null) {
            return false;
        }
        return resource.getResourceMethod().isAnnotationPresent(Unauthenticated.class)
                || resource.getResourceClass().isAnnotationPresent(Unauthenticated.class);
    }
}
