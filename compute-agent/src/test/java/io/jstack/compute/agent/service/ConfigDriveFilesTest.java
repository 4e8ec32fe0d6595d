package io.jstack.compute.agent.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jstack.common.compute.FlavorSpec;
import io.jstack.common.compute.ImageSpec;
import io.jstack.common.compute.InstanceSpec;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigDriveFilesTest {

    static InstanceSpec instance(boolean configDrive, Map<String, String> imageProps) {
        return new InstanceSpec("u-1", "vm one", "vm-one", "p-1", "user-1",
                new FlavorSpec("1", "tiny", 1, 128, 1, 0, 0, Map.of()),
                new ImageSpec("i", "img", "active", "qcow2", "bare", 1L, 0, 0, null, imageProps), "k1",
                "ssh-ed25519 AAAA k1@x", "aGVsbG8K", Map.of("a", "b"), "nova", "pw", configDrive);
    }

    @Test
    void metadataUserDataAndKeysInOpenStacksLayout() throws Exception {
        Map<String, byte[]> files = ConfigDriveFiles.of(instance(true, Map.of()));
        JsonNode meta = new ObjectMapper().readTree(files.get("openstack/latest/meta_data.json"));
        assertEquals("u-1", meta.get("uuid").asText());
        assertEquals("vm-one", meta.get("hostname").asText());
        assertEquals("vm one", meta.get("name").asText());
        assertEquals("nova", meta.get("availability_zone").asText());
        assertEquals("ssh-ed25519 AAAA k1@x", meta.get("public_keys").get("k1").asText());
        assertEquals("b", meta.get("meta").get("a").asText());
        assertArrayEquals("hello\n".getBytes(StandardCharsets.UTF_8), files.get("openstack/latest/user_data"));
        assertTrue(files.containsKey("openstack/2012-08-10/meta_data.json"));
        assertTrue(files.containsKey("openstack/latest/network_data.json"));
        assertTrue(files.containsKey("openstack/latest/vendor_data.json"));
    }

    @Test
    void wantedWhenAskedByRequestImageOrOperator() {
        assertTrue(ConfigDriveFiles.wanted(instance(true, Map.of()), false));
        assertTrue(ConfigDriveFiles.wanted(instance(false, Map.of("img_config_drive", "mandatory")), false));
        assertTrue(ConfigDriveFiles.wanted(instance(false, Map.of()), true));
        assertFalse(ConfigDriveFiles.wanted(instance(false, Map.of("img_config_drive", "optional")), false));
    }
}
