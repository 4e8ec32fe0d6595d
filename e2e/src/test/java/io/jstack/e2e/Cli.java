package io.jstack.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real {@code openstack} command-line client (Debian's python3-openstackclient) against the launcher's
 * cloud, as a user would: clouds {@code local-admin} and {@code local} from clouds.yaml, or explicit options.
 */
public final class Cli {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What a command did. */
    public record Result(int exitCode, String stdout, String stderr) {
        public JsonNode json() {
            try {
                return JSON.readTree(stdout);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + stdout + "\n" + stderr, e);
            }
        }

        public boolean ok() {
            return exitCode == 0;
        }
    }

    private final Map<String, String> env = new HashMap<>();
    private final List<String> options = new ArrayList<>();

    private Cli() {
    }

    /** As a cloud from clouds.yaml ({@code local-admin}, {@code local}). */
    public static Cli cloud(String name) {
        Cli cli = new Cli();
        cli.env.put("OS_CLOUD", name);
        return cli;
    }

    /** As an arbitrary user, by password. */
    public static Cli user(String user, String password, String project) {
        Cli cli = new Cli();
        cli.options.addAll(List.of("--os-auth-url", authUrl(), "--os-identity-api-version", "3",
                "--os-username", user, "--os-password", password, "--os-project-name", project,
                "--os-user-domain-name", "Default", "--os-project-domain-name", "Default"));
        return cli;
    }

    /** With an existing token. */
    public static Cli token(String token) {
        Cli cli = new Cli();
        cli.options.addAll(List.of("--os-auth-type", "token", "--os-auth-url", authUrl(),
                "--os-identity-api-version", "3", "--os-token", token));
        return cli;
    }

    /** With an application credential (by id and secret). */
    public static Cli applicationCredential(String id, String secret) {
        Cli cli = new Cli();
        cli.options.addAll(List.of("--os-auth-type", "v3applicationcredential", "--os-auth-url", authUrl(),
                "--os-identity-api-version", "3", "--os-application-credential-id", id,
                "--os-application-credential-secret", secret));
        return cli;
    }

    /** As a trustee, by password, with a trust-scoped token. */
    public static Cli trustee(String user, String password, String trustId) {
        Cli cli = new Cli();
        cli.options.addAll(List.of("--os-auth-url", authUrl(), "--os-identity-api-version", "3",
                "--os-username", user, "--os-password", password, "--os-user-domain-name", "Default",
                "--os-trust-id", trustId));
        return cli;
    }

    /** The launcher instance under test (JSTACK_INSTANCE, 0 by default): its ports are shifted by 100 each. */
    public static int instance() {
        return Integer.parseInt(System.getenv().getOrDefault("JSTACK_INSTANCE", "0"));
    }

    /** A service's URL on this instance, from its base port: {@code url(9292, "/v2")}. */
    public static String url(int basePort, String path) {
        return "http://" + System.getenv().getOrDefault("JSTACK_HOST", "127.0.0.1") + ":"
                + (basePort + 100 * instance()) + path;
    }

    /**
     * The compute host the launcher runs (its agent's one fake or libvirt host): JSTACK_COMPUTE_HOST, else this
     * machine's name as {@code hostname} prints it, which is what the launcher uses.
     */
    public static String computeHost() {
        String configured = System.getenv("JSTACK_COMPUTE_HOST");
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        try {
            Process p = new ProcessBuilder("hostname").redirectErrorStream(true).start();
            String name = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            p.waitFor(10, TimeUnit.SECONDS);
            return name;
        } catch (IOException e) {
            throw new AssertionError("cannot run hostname: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    public static String authUrl() {
        return url(5000, "/v3");
    }

    /** The admin cloud of clouds.yaml for this instance. */
    public static Cli admin() {
        return cloud(instance() == 0 ? "local-admin" : "local-" + instance() + "-admin");
    }

    /** The member user's cloud (demo) for this instance. */
    public static Cli member() {
        return cloud(instance() == 0 ? "local" : "local-" + instance());
    }

    /** Runs {@code openstack <args>}; fails the test if it exits non-zero. */
    public Result ok(String... args) {
        Result r = run(args);
        if (!r.ok()) {
            throw new AssertionError("openstack " + String.join(" ", args) + " failed (" + r.exitCode() + "):\n"
                    + r.stderr() + r.stdout());
        }
        return r;
    }

    /** Runs {@code openstack <args> -f json} and parses the output. */
    public JsonNode json(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("-f", "json"));
        return ok(all.toArray(String[]::new)).json();
    }

    public Result run(String... args) {
        List<String> command = new ArrayList<>();
        command.add("openstack");
        command.addAll(options);
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().keySet().removeIf(k -> k.startsWith("OS_"));
        pb.environment().putAll(env);
        try {
            Path out = Files.createTempFile("cli", ".out");
            Path err = Files.createTempFile("cli", ".err");
            pb.redirectOutput(out.toFile()).redirectError(err.toFile());
            Process p = pb.start();
            if (!p.waitFor(300, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("openstack " + String.join(" ", args) + " did not finish in 300 s");
            }
            Result r = new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
            return r;
        } catch (IOException e) {
            throw new AssertionError("cannot run openstack: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
