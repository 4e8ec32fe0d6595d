package io.jstack.e2e.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jstack.e2e.Cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * The compute API of the fault-suite cloud over plain HTTP, as the admin (the suite drives hundreds of requests;
 * the CLI would spend its time starting Python). A request that cannot even be sent counts as status 0.
 */
final class Api {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .executor(Executors.newFixedThreadPool(4, Thread.ofPlatform().daemon().factory())).build();

    /** One answer: its status (0: none came) and body. */
    record Answer(int status, JsonNode body) {
        boolean serverError() {
            return status >= 500 || status == 0;
        }
    }

    final String compute = Cli.url(8774, "/v2.1");
    final String token;
    final String projectId;
    final String flavor;
    final String image;

    Api() throws Exception {
        String body = """
                {"auth": {"identity": {"methods": ["password"], "password": {"user": {"name": "admin",
                 "password": "%s", "domain": {"id": "default"}}}},
                 "scope": {"project": {"name": "admin", "domain": {"id": "default"}}}}}"""
                .formatted(System.getenv().getOrDefault("JSTACK_ADMIN_PASSWORD", "secret"));
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(Cli.authUrl() + "/auth/tokens?nocatalog"))
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) {
            throw new IllegalStateException("cannot authenticate: " + r.statusCode() + " " + r.body());
        }
        token = r.headers().firstValue("X-Subject-Token").orElseThrow();
        projectId = JSON.readTree(r.body()).path("token").path("project").path("id").asText();
        flavor = "42";
        JsonNode images = call("GET", Cli.url(9292, "/v2/images?status=active&limit=1"), null).body();
        image = images.path("images").get(0).path("id").asText();
        // the suite's boots must not be held back by the default quotas
        call("PUT", compute + "/os-quota-sets/" + projectId, Map.of("quota_set", Map.of("instances", -1, "cores", -1,
                "ram", -1, "key_pairs", -1)));
    }

    Answer call(String method, String url, Object body) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                    .header("X-Auth-Token", token).header("Content-Type", "application/json")
                    .header("OpenStack-API-Version", "compute 2.37");
            b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = r.body().isBlank() ? JSON.createObjectNode() : parse(r.body());
            return new Answer(r.statusCode(), json);
        } catch (IOException e) {
            return new Answer(0, JSON.createObjectNode().put("error", e.toString()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            return JSON.createObjectNode().put("text", text);
        }
    }

    Answer createServer(String name) {
        return call("POST", compute + "/servers", Map.of("server", Map.of("name", name, "flavorRef", flavor,
                "imageRef", image, "networks", "none")));
    }

    Answer server(String id) {
        return call("GET", compute + "/servers/" + id, null);
    }

    Answer deleteServer(String id) {
        return call("DELETE", compute + "/servers/" + id, null);
    }
}
