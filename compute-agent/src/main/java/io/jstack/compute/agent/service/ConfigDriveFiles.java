package io.jstack.compute.agent.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.jstack.common.compute.InstanceSpec;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The files of an instance's config drive in OpenStack's metadata layout ({@code openstack/<version>/...}, the same
 * content under {@code latest} and the dated versions cloud-init looks for): {@code meta_data.json},
 * {@code user_data} when given, {@code vendor_data.json} and {@code network_data.json}.
 */
public final class ConfigDriveFiles {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> VERSIONS = List.of("2012-08-10", "2013-04-04", "2013-10-17", "2015-10-15",
            "2016-06-30", "2016-10-06", "2017-02-22", "2018-08-27", "latest");

    private ConfigDriveFiles() {
    }

    /** Whether the instance gets a config drive: its request, its image, or the operator asks for one. */
    public static boolean wanted(InstanceSpec instance, boolean forced) {
        String imageSays = instance.image() == null ? null : instance.image().properties().get("img_config_drive");
        return forced || instance.configDrive() || "mandatory".equals(imageSays);
    }

    public static Map<String, byte[]> of(InstanceSpec instance) {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("uuid", instance.uuid());
        meta.put("name", instance.name());
        meta.put("hostname", instance.hostname() != null ? instance.hostname() : instance.name());
        meta.put("launch_index", 0);
        // an instance booted without a zone is in the default one (Nova's default_availability_zone)
        meta.put("availability_zone", instance.availabilityZone() != null ? instance.availabilityZone() : "nova");
        meta.put("project_id", instance.projectId());
        meta.put("meta", instance.metadata());
        if (instance.keyName() != null && instance.keyData() != null) {
            meta.put("public_keys", Map.of(instance.keyName(), instance.keyData()));
            meta.put("keys", List.of(Map.of("name", instance.keyName(), "type", "ssh", "data",
                    instance.keyData())));
        }
        if (instance.adminPass() != null) {
            meta.put("admin_pass", instance.adminPass());
        }
        byte[] seed = new byte[32];
        new java.security.SecureRandom().nextBytes(seed);
        meta.put("random_seed", Base64.getEncoder().encodeToString(seed));
        meta.put("devices", List.of());
        Map<String, byte[]> files = new LinkedHashMap<>();
        byte[] metaJson = json(meta);
        byte[] vendor = json(Map.of());
        byte[] network = json(Map.of("links", List.of(), "networks", List.of(), "services", List.of()));
        byte[] userData = instance.userData() == null ? null : decode(instance.userData());
        for (String version : VERSIONS) {
            String dir = "openstack/" + version + "/";
            files.put(dir + "meta_data.json", metaJson);
            files.put(dir + "vendor_data.json", vendor);
            files.put(dir + "vendor_data2.json", vendor);
            files.put(dir + "network_data.json", network);
            if (userData != null) {
                files.put(dir + "user_data", userData);
            }
        }
        return files;
    }

    /** User data arrives base64-encoded (as the API takes it); what is not base64 is kept as given. */
    private static byte[] decode(String userData) {
        try {
            return Base64.getMimeDecoder().decode(userData);
        } catch (IllegalArgumentException e) {
            return userData.getBytes(StandardCharsets.UTF_8);
        }
    }

    private static byte[] json(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
