package io.jstack.common.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jstack.common.RequestContext;
import io.jstack.common.rpc.Rpc;
import io.quarkus.arc.DefaultBean;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * How services other than identity learn what they need to verify tokens offline: the public keys from
 * {@code GET /v3/auth/jwks}, and revocation events from {@code GET /v3/OS-REVOKE/events} at start and every
 * refresh interval, plus the identity service's fanout as they happen (within a second, normally). The identity
 * service replaces this with its own database-backed sources.
 */
@DefaultBean
@Singleton
public class RemoteTokenSources implements PublicKeys, IdentityEvents {

    private static final Logger LOG = Logger.getLogger(RemoteTokenSources.class);
    private static final Duration MIN_REFETCH = Duration.ofSeconds(2);

    @Inject
    AuthSettings settings;

    @Inject
    Revocations revocations;

    @Inject
    ServiceCredentials credentials;

    @Inject
    Instance<Rpc> rpc;

    @Inject
    ObjectMapper json;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "token-sources");
        t.setDaemon(true);
        return t;
    });
    private volatile Map<String, PublicKey> keys = Map.of();
    private volatile Instant lastKeyFetch = Instant.EPOCH;
    private volatile Instant eventsSince;
    private volatile boolean keysLoaded;
    private volatile boolean revocationsLoaded;

    @Override
    public boolean ready() {
        return keysLoaded && (revocationsLoaded || !credentials.configured());
    }

    @PostConstruct
    void start() {
        if (settings.identityUrl().isEmpty()) {
            LOG.warn("jstack.auth.identity-url is not set: no token can be verified");
            return;
        }
        try {
            rpc.get().subscribe(IdentityEvents.class, this);
        } catch (RuntimeException e) {
            LOG.warnf("revocation events will arrive by polling only: %s", e.getMessage());
        }
        long every = settings.refreshInterval().toMillis();
        // until the first refresh succeeds, retry every second: requests wait for it (503, not ready)
        timer.execute(this::refreshUntilReady);
        timer.scheduleWithFixedDelay(this::refresh, every, every, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        timer.shutdownNow();
    }

    @Override
    public PublicKey find(String keyId) {
        PublicKey key = keys.get(keyId);
        if (key == null && Duration.between(lastKeyFetch, Instant.now()).compareTo(MIN_REFETCH) > 0) {
            lastKeyFetch = Instant.now();
            timer.execute(this::fetchKeys); // never block the caller (an event loop): this request fails
        }
        return key;
    }

    @Override
    public CompletionStage<Void> tokensRevoked(RequestContext context, RevocationEvent event) {
        revocations.add(event);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<Void> signingKeysChanged(RequestContext context) {
        timer.execute(this::fetchKeys);
        return CompletableFuture.completedFuture(null);
    }

    private void refreshUntilReady() {
        refresh();
        if (!ready() && !timer.isShutdown()) {
            timer.schedule(this::refreshUntilReady, 1, TimeUnit.SECONDS);
        }
    }

    private void refresh() {
        fetchKeys();
        fetchRevocations();
    }

    private void fetchKeys() {
        try {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(
                            URI.create(settings.identityUrl().orElseThrow() + "/v3/auth/jwks"))
                    .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                LOG.warnf("public keys: identity service answered %d", response.statusCode());
                return;
            }
            Jwk.Set set = json.readValue(response.body(), Jwk.Set.class);
            Map<String, PublicKey> next = new HashMap<>();
            for (Jwk jwk : set.keys()) {
                next.put(jwk.kid(), jwk.toPublicKey());
            }
            keys = Map.copyOf(next);
            lastKeyFetch = Instant.now();
            keysLoaded = true;
        } catch (Exception e) {
            LOG.warnf("public keys: cannot reach the identity service: %s", e.getMessage());
        }
    }

    private void fetchRevocations() {
        if (!credentials.configured()) {
            return;
        }
        try {
            String token = credentials.token().get(15, TimeUnit.SECONDS);
            Instant started = Instant.now();
            String query = eventsSince == null ? ""
                    : "?since=" + URLEncoder.encode(eventsSince.minusSeconds(5).toString(), StandardCharsets.UTF_8);
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(
                            settings.identityUrl().orElseThrow() + "/v3/OS-REVOKE/events" + query))
                    .header(AuthFilter.TOKEN_HEADER, token).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                LOG.warnf("revocation events: identity service answered %d", response.statusCode());
                return;
            }
            JsonNode events = json.readTree(response.body()).path("events");
            List<RevocationEvent> list = json.convertValue(events,
                    json.getTypeFactory().constructCollectionType(List.class, RevocationEvent.class));
            revocations.addAll(list);
            eventsSince = started;
            revocationsLoaded = true;
        } catch (Exception e) {
            LOG.warnf("revocation events: %s", e.getMessage());
        }
    }
}
