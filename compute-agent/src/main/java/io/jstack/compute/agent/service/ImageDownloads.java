package io.jstack.compute.agent.service;

import io.jstack.common.RequestContext;
import io.jstack.common.auth.ServiceCredentials;
import io.jstack.compute.agent.virt.ImageSource;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Image data from the image service ({@code GET /v2/images/{id}/file}) with the token of the request that asked
 * for the guest and this service's own token as {@code X-Service-Token} (so a long build never fails because the
 * user's token expired meanwhile), as Nova's compute downloads images from Glance.
 */
@Singleton
public class ImageDownloads {

    @Inject
    AgentSettings settings;

    @Inject
    ServiceCredentials serviceCredentials;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    /** The image's bytes, opened when a driver asks for them. */
    public ImageSource source(RequestContext context, String imageId) {
        return () -> open(context, imageId);
    }

    private InputStream open(RequestContext context, String imageId) throws IOException {
        String base = settings.imageUrl().replaceAll("/+$", "");
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/v2/images/"
                        + URLEncoder.encode(imageId, StandardCharsets.UTF_8).replace("+", "%20") + "/file"))
                .timeout(settings.imageTimeout())
                .header("X-Openstack-Request-Id", context.requestId())
                .GET();
        String serviceToken = serviceToken();
        String token = context.authToken() != null ? context.authToken() : serviceToken;
        if (token != null) {
            request.header("X-Auth-Token", token);
        }
        if (serviceToken != null && context.authToken() != null) {
            request.header("X-Service-Token", serviceToken);
        }
        HttpResponse<InputStream> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while downloading image " + imageId, e);
        }
        if (response.statusCode() != 200) {
            response.body().close();
            throw new IOException("the image service answered " + response.statusCode() + " for the data of image "
                    + imageId);
        }
        return response.body();
    }

    private String serviceToken() {
        if (!serviceCredentials.configured()) {
            return null;
        }
        try {
            return serviceCredentials.token().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            return null; // the user's own token may still be enough
        }
    }
}
