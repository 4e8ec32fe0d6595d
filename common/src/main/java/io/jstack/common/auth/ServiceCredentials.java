package io.jstack.common.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jstack.common.api.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * This service's own token (its service user, role {@code service}), fetched from the identity service and
 * renewed before it expires. Sent as {@code X-Service-Token} on calls made for a user, and used for the calls a
 * service makes on its own account (reading revocation events).
 */
@ApplicationScoped
public class ServiceCredentials {

    private static final Duration RENEW_BEFORE = Duration.ofMinutes(5);

    @Inject
    AuthSettings settings;

    @Inject
    ObjectMapper json;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private volatile CompletableFuture<Issued> current;

    private record Issued(String id, Instant expiresAt) {
    }

    public boolean configured() {
        return settings.identityUrl().isPresent() && settings.serviceUser().name().isPresent()
                && settings.serviceUser().password().isPresent();
    }

    /** A valid token of the service user. */
    public CompletableFuture<String> token() {
        CompletableFuture<Issued> held = current;
        if (held != null && !held.isCompletedExceptionally()) {
            Issued issued = held.getNow(null);
            if (issued == null || issued.expiresAt().minus(RENEW_BEFORE).isAfter(Instant.now())) {
                return held.thenApply(Issued::id);
            }
        }
        synchronized (this) {
            if (current == held) {
                current = issue();
            }
            return current.thenApply(Issued::id);
        }
    }

    private CompletableFuture<Issued> issue() {
        if (!configured()) {
            return CompletableFuture.failedFuture(
                    new IllegalStateException("jstack.auth.identity-url and jstack.auth.service-user are not set"));
        }
        AuthSettings.ServiceUser user = settings.serviceUser();
        Map<String, Object> body = Map.of("auth", Map.of(
                "identity", Map.of("methods", new String[]{"password"}, "password", Map.of("user", Map.of(
                        "name", user.name().orElseThrow(), "password", user.password().orElseThrow(),
                        "domain", Map.of("name", user.domain())))),
                "scope", Map.of("project", Map.of("name", user.project(),
                        "domain", Map.of("name", user.projectDomain())))));
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(settings.identityUrl().orElseThrow()
                            + "/v3/auth/tokens?nocatalog"))
                    .timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)))
                    .build();
            return http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).thenApply(response -> {
                if (response.statusCode() != 201) {
                    throw new ApiException(503, "the identity service refused this service's credentials ("
                            + response.statusCode() + ")");
                }
                try {
                    JsonNode token = json.readTree(response.body()).path("token");
                    return new Issued(response.headers().firstValue("X-Subject-Token").orElseThrow(),
                            Instant.parse(token.path("expires_at").asText()));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        } catch (java.io.IOException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
