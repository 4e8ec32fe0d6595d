package io.jstack.image.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jstack.common.auth.AuthSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Another region's image service, for glance-download: found in the service catalog the caller's token
 * gives access to, and called with that token, as the caller would.
 */
@ApplicationScoped
public class RemoteGlance {

    /** The remote image's record and a stream of its data. */
    public record Remote(JsonNode image, InputStream data) {
    }

    @Inject
    AuthSettings auth;

    @Inject
    ObjectMapper json;

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(Duration.ofSeconds(30)).build();

    public Remote open(String token, String region, String interfaceName, String imageId) throws IOException {
        String endpoint = endpoint(token, region, interfaceName);
        JsonNode image = json.readTree(get(endpoint + "/v2/images/" + imageId, token, "the remote image " + imageId));
        if (!"active".equals(image.path("status").asText())) {
            throw new IOException("the remote image " + imageId + " is " + image.path("status").asText()
                    + ", not active");
        }
        HttpResponse<InputStream> data = send(endpoint + "/v2/images/" + imageId + "/file", token);
        if (data.statusCode() != 200) {
            data.body().close();
            throw new IOException("the remote image data answered HTTP " + data.statusCode());
        }
        return new Remote(image, data.body());
    }

    private String endpoint(String token, String region, String interfaceName) throws IOException {
        String identity = auth.identityUrl().orElseThrow(() -> new IOException("no identity service configured"));
        JsonNode catalog = json.readTree(get(identity.replaceAll("/+$", "") + "/v3/auth/catalog", token,
                "the service catalog"));
        for (JsonNode service : catalog.path("catalog")) {
            if (!"image".equals(service.path("type").asText())) {
                continue;
            }
            for (JsonNode e : service.path("endpoints")) {
                if (region.equals(e.path("region").asText()) && interfaceName.equals(e.path("interface").asText())) {
                    return e.path("url").asText().replaceAll("/+$", "");
                }
            }
        }
        throw new IOException("no " + interfaceName + " image endpoint in region " + region);
    }

    private byte[] get(String url, String token, String what) throws IOException {
        HttpResponse<InputStream> r = send(url, token);
        try (InputStream in = r.body()) {
            byte[] body = in.readNBytes(1 << 20);
            if (r.statusCode() != 200) {
                throw new IOException(what + " answered HTTP " + r.statusCode());
            }
            return body;
        }
    }

    private HttpResponse<InputStream> send(String url, String token) throws IOException {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).header("X-Auth-Token", token)
                    .timeout(Duration.ofMinutes(5)).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (IllegalArgumentException e) {
            throw new IOException("bad remote URL " + url, e);
        }
    }
}
