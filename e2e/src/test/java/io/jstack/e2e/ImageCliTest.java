package io.jstack.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The image service through the real CLI (python-openstackclient with openstacksdk), as the admin
 * ({@code local-admin}) and the member user demo ({@code local}): create with a file, list, show, set properties,
 * save (the SDK checks the MD5), share with another project which accepts, deactivate and activate, delete.
 */
class ImageCliTest {

    private static final Cli ADMIN = Cli.admin();
    private static final Cli DEMO = Cli.member();
    private static final String SUFFIX = UUID.randomUUID().toString().substring(0, 8);
    private static final List<String> CREATED = new ArrayList<>();
    private static Path dir;
    private static byte[] data;
    private static Path file;

    @BeforeAll
    static void setUp() throws IOException {
        ADMIN.ok("token", "issue");
        dir = Files.createTempDirectory("image-cli");
        data = new byte[3 * 1024 * 1024 + 17];
        new Random(42).nextBytes(data);
        file = dir.resolve("disk.img");
        Files.write(file, data);
    }

    @AfterAll
    static void cleanUp() throws IOException {
        for (String id : CREATED) {
            ADMIN.run("image", "set", "--unprotected", id);
            ADMIN.run("image", "delete", id);
        }
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                Files.deleteIfExists(p);
            }
        }
        Files.deleteIfExists(dir);
    }

    private static String md5(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
    }

    private static String create(Cli cli, String name, String... extra) {
        List<String> args = new ArrayList<>(List.of("image", "create", "--file", file.toString(),
                "--disk-format", "qcow2", "--container-format", "bare"));
        args.addAll(List.of(extra));
        args.add(name);
        JsonNode created = cli.json(args.toArray(String[]::new));
        String id = created.path("id").asText();
        assertEquals(36, id.length(), created.toString());
        CREATED.add(id);
        return id;
    }

    @Test
    void createListShowSetSaveDelete() throws Exception {
        String name = "e2e-image-" + SUFFIX;
        String id = create(ADMIN, name, "--property", "k=v");

        JsonNode shown = ADMIN.json("image", "show", name);
        assertEquals(id, shown.path("id").asText());
        assertEquals("active", shown.path("status").asText());
        assertEquals(md5(data), shown.path("checksum").asText());
        assertEquals(data.length, shown.path("size").asLong());
        assertEquals("qcow2", shown.path("disk_format").asText());
        assertEquals("bare", shown.path("container_format").asText());
        assertEquals("v", shown.path("properties").path("k").asText(), shown.toString());
        assertEquals("sha512", shown.path("properties").path("os_hash_algo").asText(), shown.toString());

        boolean listed = false;
        for (JsonNode image : ADMIN.json("image", "list")) {
            listed |= image.path("ID").asText().equals(id) && image.path("Status").asText().equals("active");
        }
        assertTrue(listed, "image list lacks " + id);

        ADMIN.ok("image", "set", "--property", "k2=v2", "--min-disk", "1", name);
        JsonNode updated = ADMIN.json("image", "show", id);
        assertEquals("v2", updated.path("properties").path("k2").asText(), updated.toString());
        assertEquals(1, updated.path("min_disk").asInt());

        Path out = dir.resolve("saved.img");
        ADMIN.ok("image", "save", "--file", out.toString(), name);
        assertArrayEquals(data, Files.readAllBytes(out));

        ADMIN.ok("image", "delete", name);
        assertFalse(ADMIN.run("image", "show", id).ok(), "a deleted image is still shown");
    }

    @Test
    void shareWithAnotherProjectWhichAccepts() throws Exception {
        String demoProject = ADMIN.json("project", "show", "demo").path("id").asText();
        String id = create(ADMIN, "e2e-shared-" + SUFFIX);

        assertFalse(DEMO.run("image", "show", id).ok(), "not shared yet, but visible to demo");
        JsonNode member = ADMIN.json("image", "add", "project", id, demoProject);
        assertEquals("pending", member.path("status").asText(), member.toString());

        // pending: demo can see it by id, but it is not in demo's list yet
        assertEquals(id, DEMO.json("image", "show", id).path("id").asText());
        assertFalse(DEMO.ok("image", "list", "-f", "value", "-c", "ID").stdout().contains(id));

        DEMO.ok("image", "set", "--accept", id);
        assertTrue(DEMO.ok("image", "list", "-f", "value", "-c", "ID").stdout().contains(id));
        boolean accepted = false;
        for (JsonNode m : ADMIN.json("image", "member", "list", id)) {
            accepted |= m.path("Member ID").asText().equals(demoProject) && m.path("Status").asText().equals("accepted");
        }
        assertTrue(accepted, "the owner does not see the acceptance");

        Path out = dir.resolve("shared.img");
        DEMO.ok("image", "save", "--file", out.toString(), id);
        assertArrayEquals(data, Files.readAllBytes(out));

        // the member may not change what it was given
        assertFalse(DEMO.run("image", "set", "--property", "mine=yes", id).ok());
    }

    @Test
    void deactivateAndActivate() throws Exception {
        String id = create(DEMO, "e2e-deactivate-" + SUFFIX);
        DEMO.ok("image", "set", "--deactivate", id);
        assertEquals("deactivated", DEMO.json("image", "show", id).path("status").asText());
        Cli.Result refused = DEMO.run("image", "save", "--file", dir.resolve("nope.img").toString(), id);
        assertFalse(refused.ok(), "a deactivated image was downloaded by its owner");
        // the SDK reports a refused download as "Unable to download image" (the server said 403)
        assertTrue(refused.stderr().contains("403") || refused.stderr().contains("Unable to download"),
                refused.stderr());

        // admins may still download it
        Path out = dir.resolve("admin.img");
        ADMIN.ok("image", "save", "--file", out.toString(), id);
        assertArrayEquals(data, Files.readAllBytes(out));

        DEMO.ok("image", "set", "--activate", id);
        assertEquals("active", DEMO.json("image", "show", id).path("status").asText());
        Path again = dir.resolve("again.img");
        DEMO.ok("image", "save", "--file", again.toString(), id);
        assertEquals(md5(data), md5(Files.readAllBytes(again)));
    }

    @Test
    void membersCannotPublishAndProtectedImagesStay() {
        Cli.Result publish = DEMO.run("image", "create", "--public", "--disk-format", "raw",
                "--container-format", "bare", "e2e-public-" + SUFFIX);
        assertFalse(publish.ok(), "a member published an image");
        assertTrue(publish.stderr().contains("403"), publish.stderr());

        String id = create(DEMO, "e2e-protected-" + SUFFIX, "--protected");
        Cli.Result delete = DEMO.run("image", "delete", id);
        assertFalse(delete.ok(), "a protected image was deleted");
        DEMO.ok("image", "set", "--unprotected", id);
        DEMO.ok("image", "delete", id);
        assertFalse(DEMO.run("image", "show", id).ok());
    }
}
