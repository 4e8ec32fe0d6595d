package io.jstack.e2e.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Boots N servers with C requests in flight through the compute API of a running cloud (its compute agents on
 * the fake driver), polls each until ACTIVE, then deletes them all and waits until they are gone. Prints
 * servers/s for boot and delete and the p50/p95/max time from create to ACTIVE.
 * <p>
 * Run with {@code deploy/dev/bench.sh boot N C K} (it starts a separate cloud instance with K fake hosts).
 * Arguments: identityUrl computeUrl N C [flavor] [image].
 */
public final class BootBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** How often each server is polled; Rally's default for boot is one second. */
    private static final long POLL_MILLIS = Long.parseLong(System.getenv().getOrDefault("BENCH_POLL_MILLIS", "1000"));
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .executor(Executors.newFixedThreadPool(4, Thread.ofPlatform().daemon().factory())).build();

    public static void main(String[] args) throws Exception {
        String identity = args[0];
        String compute = args[1];
        int n = Integer.parseInt(args[2]);
        int c = Integer.parseInt(args[3]);
        String flavor = args.length > 4 ? args[4] : "42";
        String image = args.length > 5 ? args[5] : null;
        String token = token(identity);
        if (image == null) {
            image = firstImage(token, compute);
        }
        System.out.printf("boot benchmark: %d servers, %d in flight, flavor %s, image %s, polled every %d ms%n", n, c,
                flavor, image, POLL_MILLIS);

        int warmUp = Integer.parseInt(System.getenv().getOrDefault("BENCH_WARMUP", String.valueOf(2 * c)));
        if (warmUp > 0) {
            // the services' JIT compilers and pools warm up on a first, unreported round
            System.out.printf("warm-up: %d servers, not reported%n", warmUp);
            int failed = round(token, compute, flavor, image, warmUp, c, false);
            if (failed > 0) {
                System.out.printf("warm-up errors: %d%n", failed);
                System.exit(1);
            }
        }
        if (round(token, compute, flavor, image, n, c, true) > 0) {
            System.exit(1);
        }
    }

    /** Boots n servers with c in flight, waits for ACTIVE, deletes them; returns the number of errors. */
    private static int round(String token, String compute, String flavor, String image, int n, int c,
                             boolean report) throws Exception {
        Map<String, Long> created = new ConcurrentHashMap<>();
        List<Long> toActive = Collections.synchronizedList(new ArrayList<>());
        List<Long> createCalls = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger errors = new AtomicInteger();
        Semaphore inFlight = new Semaphore(c);
        long bootStart = System.nanoTime();
        try (ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < n; i++) {
                inFlight.acquire();
                int index = i;
                String img = image;
                workers.submit(() -> {
                    try {
                        long start = System.nanoTime();
                        String id = create(token, compute, "bench-" + index, flavor, img);
                        created.put(id, start);
                        createCalls.add(System.nanoTime() - start);
                        String status = waitFor(token, compute, id, "ACTIVE");
                        if ("ACTIVE".equals(status)) {
                            toActive.add(System.nanoTime() - start);
                        } else {
                            errors.incrementAndGet();
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                        System.err.println("boot failed: " + e.getMessage());
                    } finally {
                        inFlight.release();
                    }
                });
            }
        }
        double bootSeconds = (System.nanoTime() - bootStart) / 1e9;

        long deleteStart = System.nanoTime();
        try (ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (String id : created.keySet()) {
                inFlight.acquire();
                workers.submit(() -> {
                    try {
                        send(token, "DELETE", compute + "/servers/" + id, null);
                        waitFor(token, compute, id, null);
                    } catch (Exception e) {
                        errors.incrementAndGet();
                        System.err.println("delete failed: " + e.getMessage());
                    } finally {
                        inFlight.release();
                    }
                });
            }
        }
        double deleteSeconds = (System.nanoTime() - deleteStart) / 1e9;

        if (!report) {
            return errors.get();
        }
        List<Long> sorted = new ArrayList<>(toActive);
        Collections.sort(sorted);
        System.out.printf("boot:   %d ACTIVE of %d in %.1f s = %.1f servers/s%n", sorted.size(), n, bootSeconds,
                sorted.size() / bootSeconds);
        if (!sorted.isEmpty()) {
            System.out.printf("create to ACTIVE: p50 %.2f s, p95 %.2f s, max %.2f s%n",
                    sorted.get(sorted.size() / 2) / 1e9, sorted.get((int) (sorted.size() * 0.95)) / 1e9,
                    sorted.getLast() / 1e9);
        }
        List<Long> calls = new ArrayList<>(createCalls);
        Collections.sort(calls);
        if (!calls.isEmpty()) {
            System.out.printf("POST /servers answered: p50 %.2f s, p95 %.2f s%n", calls.get(calls.size() / 2) / 1e9,
                    calls.get((int) (calls.size() * 0.95)) / 1e9);
        }
        System.out.printf("delete: %d in %.1f s = %.1f servers/s%n", created.size(), deleteSeconds,
                created.size() / deleteSeconds);
        System.out.printf("errors: %d%n", errors.get());
        return errors.get();
    }

    private static String token(String identity) throws Exception {
        String body = """
                {"auth": {"identity": {"methods": ["password"], "password": {"user": {"name": "admin",
                 "password": "%s", "domain": {"id": "default"}}}},
                 "scope": {"project": {"name": "admin", "domain": {"id": "default"}}}}}"""
                .formatted(System.getenv().getOrDefault("JSTACK_ADMIN_PASSWORD", "secret"));
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(identity + "/v3/auth/tokens?nocatalog"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) {
            throw new IllegalStateException("cannot authenticate: " + r.statusCode() + " " + r.body());
        }
        return r.headers().firstValue("X-Subject-Token").orElseThrow();
    }

    private static String firstImage(String token, String compute) throws Exception {
        String imageUrl = System.getenv().getOrDefault("BENCH_IMAGE_URL", "http://127.0.0.1:9292");
        JsonNode images = send(token, "GET", imageUrl + "/v2/images?status=active&limit=1", null);
        if (images.path("images").isEmpty()) {
            throw new IllegalStateException("no active image to boot from");
        }
        return images.path("images").get(0).path("id").asText();
    }

    private static String create(String token, String compute, String name, String flavor, String image)
            throws Exception {
        String body = JSON.writeValueAsString(Map.of("server", Map.of("name", name, "flavorRef", flavor,
                "imageRef", image, "networks", "none")));
        return send(token, "POST", compute + "/servers", body).path("server").path("id").asText();
    }

    /** Polls the server until it has {@code status} (null: until it is gone); returns the last status seen. */
    private static String waitFor(String token, String compute, String id, String status) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        String last = null;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = raw(token, "GET", compute + "/servers/" + id, null);
            if (r.statusCode() == 404) {
                return status == null ? null : "GONE";
            }
            last = JSON.readTree(r.body()).path("server").path("status").asText();
            if (last.equals(status) || "ERROR".equals(last)) {
                return last;
            }
            Thread.sleep(POLL_MILLIS);
        }
        return last;
    }

    private static JsonNode send(String token, String method, String url, String body) throws Exception {
        HttpResponse<String> r = raw(token, method, url, body);
        if (r.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + url + ": " + r.statusCode() + " " + r.body());
        }
        return r.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(r.body());
    }

    private static HttpResponse<String> raw(String token, String method, String url, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("X-Auth-Token", token).header("Content-Type", "application/json")
                .header("OpenStack-API-Version", "compute 2.37");
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
