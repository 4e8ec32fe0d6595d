package io.jstack.compute;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A stand-in for the image service's GET /v2/images/{id} (the only call compute-api makes), on the port the
 * test profile points jstack.compute.image-url at. Images are visible to any token that comes with the request.
 */
public class FakeImages implements QuarkusTestResourceLifecycleManager {

    static final int PORT = 18792;
    private static final Map<String, String> IMAGES = new ConcurrentHashMap<>();
    private static HttpServer server;

    /** A bootable image: active, 1 MiB, no minimums. */
    static final String ACTIVE = add("active", 0, 0, 1024 * 1024L);
    /** Needs more memory than small flavors have. */
    static final String BIG_RAM = add("active", 4096, 0, 1024L);
    /** Not uploaded yet. */
    static final String QUEUED = add("queued", 0, 0, null);

    static String add(String status, int minRam, int minDisk, Long size) {
        String id = UUID.randomUUID().toString();
        IMAGES.put(id, "{\"id\":\"" + id + "\",\"name\":\"img-" + id.substring(0, 6) + "\",\"status\":\"" + status
                + "\",\"disk_format\":\"qcow2\",\"container_format\":\"bare\",\"size\":" + size
                + ",\"min_ram\":" + minRam + ",\"min_disk\":" + minDisk + ",\"visibility\":\"public\","
                + "\"hw_architecture\":\"x86_64\",\"created_at\":\"2024-01-01T00:00:00Z\","
                + "\"updated_at\":\"2024-01-01T00:00:00Z\"}");
        return id;
    }

    @Override
    public Map<String, String> start() {
        try {
            if (server == null) {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", PORT), 0);
                server.createContext("/v2/images/", exchange -> {
                    String id = exchange.getRequestURI().getPath().substring("/v2/images/".length());
                    String body = exchange.getRequestHeaders().getFirst("X-Auth-Token") == null ? null
                            : IMAGES.get(id);
                    byte[] bytes = (body == null ? "{\"message\":\"not found\"}" : body)
                            .getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().add("Content-Type", "application/json");
                    exchange.sendResponseHeaders(body == null ? 404 : 200, bytes.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(bytes);
                    }
                });
                server.createContext("/v2/images", exchange -> {
                    byte[] bytes = ("{\"images\": [" + String.join(",", IMAGES.values()) + "]}")
                            .getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().add("Content-Type", "application/json");
                    exchange.sendResponseHeaders(200, bytes.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(bytes);
                    }
                });
                server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
                server.start();
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return Map.of();
    }

    /** With the service instance it served: a test profile of its own starts another (its own class loader). */
    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }
}
