package io.jstack.e2e;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A token revoked at the identity service stops working at another service (the image service, which verifies
 * tokens offline) within seconds, and stays revoked after that service restarts.
 */
class TokenRevocationTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static int imagesStatus(String token) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(Cli.url(9292, "/v2/images?limit=1")))
                        .header("X-Auth-Token", token).timeout(Duration.ofSeconds(20)).GET().build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void revocationReachesTheImageServiceWithinSecondsAndSurvivesItsRestart() throws Exception {
        String token = Cli.admin().json("token", "issue").path("id").asText();
        assertEquals(200, imagesStatus(token));

        Cli.admin().ok("token", "revoke", token);
        long revoked = System.nanoTime();
        int status = 200;
        while (status == 200 && System.nanoTime() - revoked < Duration.ofSeconds(10).toNanos()) {
            status = imagesStatus(token);
            if (status == 200) {
                Thread.sleep(100);
            }
        }
        double seconds = (System.nanoTime() - revoked) / 1e9;
        assertEquals(401, status, "the image service still accepts a revoked token after " + seconds + " s");
        System.out.printf("revocation reached the image service in %.2f s%n", seconds);

        // a restarted verifier learns the revocation from the identity service before it serves anyone
        Process restart = new ProcessBuilder(Path.of("..", "deploy", "dev", "restart.sh").toString(), "image-service")
                .inheritIO().start();
        assertEquals(0, restart.waitFor());
        assertEquals(401, imagesStatus(token), "revocation forgotten across a restart");
        String fresh = Cli.admin().json("token", "issue").path("id").asText();
        assertTrue(imagesStatus(fresh) == 200, "a fresh token is refused after the restart");
    }
}
