package io.jstack.e2e;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * openstacksdk (Debian's python3-openstacksdk) reads every image schema the image service publishes through its
 * schema resource, which takes {@code additionalProperties} as an object: a schema shaped otherwise fails there.
 */
class SdkSchemaTest {

    private static final String SCRIPT = """
            import openstack, sys
            conn = openstack.connect(cloud=sys.argv[1])
            for name in ("images", "image", "members", "member", "tasks", "task"):
                s = getattr(conn.image, "get_%s_schema" % name)()
                print(name, s.name, sorted(s.properties)[:3], type(s.additional_properties).__name__)
            """;

    @Test
    void theSdkReadsEveryImageSchema() throws IOException, InterruptedException {
        String cloud = Cli.instance() == 0 ? "local" : "local-" + Cli.instance();
        ProcessBuilder pb = new ProcessBuilder(List.of("/usr/bin/python3", "-c", SCRIPT, cloud));
        pb.environment().keySet().removeIf(k -> k.startsWith("OS_"));
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the SDK did not finish");
        assertEquals(0, p.exitValue(), out);
        // the member schema is Glance's minimal one: no additionalProperties at all
        assertTrue(out.contains("member member ['created_at', 'image_id', 'member_id'] NoneType"), out);
        assertTrue(out.contains("image image "), out);
        assertTrue(out.lines().filter(l -> !l.isBlank()).count() == 6, out);
    }
}
