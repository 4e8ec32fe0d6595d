package io.jstack.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Compute through the real CLI, the scenario: flavors, key pairs, a server built to ACTIVE through
 * compute-api, the conductor, the scheduler and a compute agent (fake driver), every action, the console log,
 * deletion, hypervisors, services, quotas and limits, and a server no host can take.
 */
class ComputeCliTest {

    private static final Cli ADMIN = Cli.admin();
    private static final Cli MEMBER = Cli.member();
    private static final String SUFFIX = UUID.randomUUID().toString().substring(0, 8);
    private static final String IMAGE = "jstack-test-image";
    private static final String FLAVOR = "m1.nano";
    private static final List<String[]> CLEANUP = new ArrayList<>();
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void cloudIsUp() {
        ADMIN.ok("token", "issue");
        // the launcher seeds these (deploy/dev/seed.py)
        assertEquals(FLAVOR, ADMIN.json("flavor", "show", FLAVOR).path("name").asText());
        assertEquals("active", ADMIN.json("image", "show", IMAGE).path("status").asText());
    }

    @AfterAll
    static void cleanUp() {
        for (int i = CLEANUP.size() - 1; i >= 0; i--) {
            String[] command = CLEANUP.get(i);
            (command[0].equals("member") ? MEMBER : ADMIN).run(java.util.Arrays.copyOfRange(command, 1,
                    command.length));
        }
    }

    @Test
    void flavorsAreManagedByAdmins() {
        String name = "e2e-flavor-" + SUFFIX;
        JsonNode created = ADMIN.json("flavor", "create", "--ram", "256", "--disk", "1", "--vcpus", "1",
                "--property", "hw:cpu_policy=shared", name);
        CLEANUP.add(new String[]{"admin", "flavor", "delete", name});
        assertEquals(256, created.path("ram").asInt());
        JsonNode listed = ADMIN.json("flavor", "list");
        List<String> names = new ArrayList<>();
        listed.forEach(f -> names.add(f.path("Name").asText()));
        assertTrue(names.containsAll(List.of("m1.tiny", "m1.small", "m1.medium", "m1.large", "m1.xlarge", FLAVOR,
                "m1.micro", name)), names.toString());
        JsonNode shown = ADMIN.json("flavor", "show", name);
        assertTrue(shown.path("properties").toString().contains("hw:cpu_policy"), shown.toString());
        Cli.Result denied = MEMBER.run("flavor", "create", "--ram", "64", "--disk", "1", "--vcpus", "1",
                "not-" + name);
        assertFalse(denied.ok());
        assertTrue(denied.stderr().contains("403"), denied.stderr());
        ADMIN.ok("flavor", "delete", name);
        assertFalse(ADMIN.run("flavor", "show", name).ok());
    }

    @Test
    void keypairsAreCreatedImportedAndDeleted() throws Exception {
        String name = "e2e-key-" + SUFFIX;
        Cli.Result created = MEMBER.ok("keypair", "create", name);
        CLEANUP.add(new String[]{"member", "keypair", "delete", name});
        assertTrue(created.stdout().contains("PRIVATE KEY"), created.stdout());
        JsonNode shown = MEMBER.json("keypair", "show", name);
        assertTrue(shown.path("fingerprint").asText().matches("^([0-9a-f]{2}:){15}[0-9a-f]{2}$"), shown.toString());
        java.nio.file.Path pub = java.nio.file.Files.createTempFile("e2e", ".pub");
        java.nio.file.Files.writeString(pub, MEMBER.ok("keypair", "show", "--public-key", name).stdout());
        String imported = "e2e-imported-" + SUFFIX;
        MEMBER.ok("keypair", "create", "--public-key", pub.toString(), imported);
        CLEANUP.add(new String[]{"member", "keypair", "delete", imported});
        JsonNode list = MEMBER.json("keypair", "list");
        List<String> names = new ArrayList<>();
        list.forEach(k -> names.add(k.path("Name").asText()));
        assertTrue(names.containsAll(List.of(name, imported)), names.toString());
        assertFalse(ADMIN.json("keypair", "list").toString().contains(imported), "keys are per user");
        MEMBER.ok("keypair", "delete", imported);
        assertFalse(MEMBER.run("keypair", "show", imported).ok());
        java.nio.file.Files.deleteIfExists(pub);
    }

    @Test
    void serverLifecycleThroughTheWholeChain() {
        String key = "e2e-srv-key-" + SUFFIX;
        MEMBER.ok("keypair", "create", key);
        CLEANUP.add(new String[]{"member", "keypair", "delete", key});
        String name = "e2e-vm-" + SUFFIX;
        JsonNode server = MEMBER.json("server", "create", "--flavor", FLAVOR, "--image", IMAGE, "--key-name", key,
                "--property", "role=e2e", "--wait", name);
        CLEANUP.add(new String[]{"member", "server", "delete", "--wait", name});
        assertEquals("ACTIVE", server.path("status").asText(), server.toString());
        assertEquals(key, server.path("key_name").asText());
        String id = server.path("id").asText();

        JsonNode list = MEMBER.json("server", "list");
        assertTrue(list.toString().contains(id), list.toString());
        JsonNode shown = MEMBER.json("server", "show", name);
        assertEquals("ACTIVE", shown.path("status").asText());
        assertTrue(shown.path("properties").toString().contains("role"), shown.toString());
        assertTrue(shown.path("flavor").asText().contains(FLAVOR), shown.toString());
        // admins see where it runs
        JsonNode asAdmin = ADMIN.json("server", "show", id);
        assertFalse(asAdmin.path("OS-EXT-SRV-ATTR:host").asText().isEmpty(), asAdmin.toString());

        MEMBER.ok("server", "stop", name);
        waitForStatus(id, "SHUTOFF");
        // power state 4: shut down (the CLI prints the name in tables, the number in JSON)
        assertTrue(List.of("4", "Shutdown").contains(MEMBER.json("server", "show", id)
                .path("OS-EXT-STS:power_state").asText()));
        MEMBER.ok("server", "start", name);
        waitForStatus(id, "ACTIVE");
        MEMBER.ok("server", "reboot", "--wait", name);
        assertEquals("ACTIVE", status(id));
        MEMBER.ok("server", "reboot", "--hard", "--wait", name);
        assertEquals("ACTIVE", status(id));
        MEMBER.ok("server", "pause", name);
        waitForStatus(id, "PAUSED");
        MEMBER.ok("server", "unpause", name);
        waitForStatus(id, "ACTIVE");
        MEMBER.ok("server", "suspend", name);
        waitForStatus(id, "SUSPENDED");
        MEMBER.ok("server", "resume", name);
        waitForStatus(id, "ACTIVE");

        // a locked server refuses its owner's actions
        MEMBER.ok("server", "lock", name);
        Cli.Result refused = MEMBER.run("server", "stop", name);
        assertFalse(refused.ok());
        assertTrue(refused.stderr().contains("409") || refused.stderr().contains("locked"), refused.stderr());
        MEMBER.ok("server", "unlock", name);

        // a state that does not allow an action is a 409
        Cli.Result conflict = MEMBER.run("server", "resume", name);
        assertFalse(conflict.ok());
        assertTrue(conflict.stderr().contains("409"), conflict.stderr());

        String console = MEMBER.ok("console", "log", "show", name).stdout();
        assertFalse(console.isBlank(), "empty console log");
        String tail = MEMBER.ok("console", "log", "show", "--lines", "2", name).stdout();
        assertTrue(tail.strip().split("\n").length <= 2, tail);

        JsonNode actions = MEMBER.json("server", "event", "list", name);
        List<String> kinds = new ArrayList<>();
        actions.forEach(a -> kinds.add(a.path("Action").asText()));
        assertTrue(kinds.containsAll(List.of("create", "stop", "start", "reboot", "pause", "lock")), kinds.toString());

        MEMBER.ok("server", "delete", "--wait", name);
        assertFalse(MEMBER.json("server", "list").toString().contains(id));
        assertFalse(MEMBER.run("server", "show", id).ok());
    }

    @Test
    void aServerNoHostCanTakeEndsInErrorWithNoValidHost() {
        String flavor = "e2e-huge-" + SUFFIX;
        ADMIN.ok("flavor", "create", "--ram", "4000000", "--disk", "1", "--vcpus", "1", flavor);
        CLEANUP.add(new String[]{"admin", "flavor", "delete", flavor});
        String project = ADMIN.json("token", "issue").path("project_id").asText();
        // the admin project's quota must not be what stops it
        ADMIN.ok("quota", "set", "--ram", "-1", project);
        String name = "e2e-novalidhost-" + SUFFIX;
        Cli.Result created = ADMIN.run("server", "create", "--flavor", flavor, "--image", IMAGE, "--wait", name);
        CLEANUP.add(new String[]{"admin", "server", "delete", "--wait", name});
        // the CLI reports "Error creating server" (and exits 0 all the same)
        assertTrue(created.stdout().contains("Error creating server") || created.stderr().contains(
                "Error creating server"), created.stdout() + created.stderr());
        JsonNode shown = ADMIN.json("server", "show", name);
        assertEquals("ERROR", shown.path("status").asText());
        assertTrue(shown.path("fault").toString().contains("No valid host"), shown.toString());
        ADMIN.ok("server", "delete", "--wait", name);
    }

    @Test
    void hypervisorsServicesQuotasAndLimits() throws Exception {
        // only the host this launcher runs is checked: hosts an earlier run left behind are rightly down
        String host = Cli.computeHost();
        JsonNode hypervisors = ADMIN.json("hypervisor", "list");
        List<JsonNode> ours = new ArrayList<>();
        hypervisors.forEach(h -> {
            if (h.path("Hypervisor Hostname").asText().equals(host)) {
                ours.add(h);
            }
        });
        assertEquals(1, ours.size(), host + " in " + hypervisors);
        assertEquals("up", ours.getFirst().path("State").asText(), hypervisors.toString());
        assertFalse(MEMBER.run("hypervisor", "list").ok(), "members must not list hypervisors");

        JsonNode services = ADMIN.json("compute", "service", "list");
        List<String> binaries = new ArrayList<>();
        List<JsonNode> ourComputes = new ArrayList<>();
        services.forEach(s -> {
            binaries.add(s.path("Binary").asText());
            if (s.path("Binary").asText().equals("nova-compute") && s.path("Host").asText().equals(host)) {
                ourComputes.add(s);
            }
        });
        assertEquals(1, ourComputes.size(), host + " in " + services);
        assertEquals("up", ourComputes.getFirst().path("State").asText(), services.toString());
        assertEquals("enabled", ourComputes.getFirst().path("Status").asText(), services.toString());
        assertTrue(binaries.containsAll(List.of("nova-compute", "nova-conductor", "nova-scheduler")),
                binaries.toString());
        // the control services report themselves as Nova's do: up, in the internal zone
        for (String binary : List.of("nova-scheduler", "nova-conductor")) {
            boolean up = false;
            for (JsonNode s : services) {
                up |= s.path("Binary").asText().equals(binary) && s.path("State").asText().equals("up")
                        && s.path("Zone").asText().equals("internal");
            }
            assertTrue(up, binary + " up in the internal zone: " + services);
        }

        JsonNode quota = shown(MEMBER, "quota", "show");
        assertTrue(quota.path("instances").asInt() > 0 || quota.path("instances").asInt() == -1, quota.toString());
        assertTrue(quota.has("cores") && quota.has("ram") && quota.has("key-pairs"), quota.toString());

        JsonNode limits = shown(MEMBER, "limits", "show", "--absolute");
        assertTrue(limits.toString().contains("maxTotalInstances"), limits.toString());
        assertTrue(limits.toString().contains("totalInstancesUsed"), limits.toString());
    }

    /** A show command's output as one object (quota show prints a Name/Value table as JSON rows). */
    private static JsonNode shown(Cli cli, String... args) {
        JsonNode parsed = cli.json(args);
        if (!parsed.isArray()) {
            return parsed;
        }
        com.fasterxml.jackson.databind.node.ObjectNode flat = JSON.createObjectNode();
        parsed.forEach(row -> flat.set(row.path("Name").asText(), row.path("Value")));
        return flat;
    }

    private static String status(String id) {
        return MEMBER.json("server", "show", id).path("status").asText();
    }

    private static void waitForStatus(String id, String wanted) {
        Instant end = Instant.now().plus(Duration.ofSeconds(60));
        String last = null;
        while (Instant.now().isBefore(end)) {
            JsonNode s = MEMBER.json("server", "show", id);
            last = s.path("status").asText();
            if (last.equals(wanted) && s.path("OS-EXT-STS:task_state").isNull()
                    || last.equals(wanted) && s.path("OS-EXT-STS:task_state").asText().equals("None")) {
                return;
            }
            if (last.equals(wanted) && !s.has("OS-EXT-STS:task_state")) {
                return;
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        fail("server " + id + " did not reach " + wanted + " (last " + last + ")");
    }
}
