package io.jstack.compute.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.jstack.common.api.ApiException;
import io.jstack.common.policy.RuleDefault;
import io.jstack.compute.service.ComputeRules;
import io.jstack.compute.service.CreateServer;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/** Reads POST /servers as Nova's schema for the request's microversion allows it. */
final class ServerCreateParser {

    static final Pattern UUID = Pattern.compile(
            "^[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}$");
    private static final Pattern TAG = Pattern.compile("^[^,/]{1,60}$");
    private static final Pattern HOSTNAME = Pattern.compile("^[a-zA-Z0-9]+[a-zA-Z0-9-]*[a-zA-Z0-9]+$");
    private static final Pattern FQDN = Pattern.compile("^[a-zA-Z0-9-._]*$");
    static final Pattern IPV4 = Pattern.compile(
            "^((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)$");

    private ServerCreateParser() {
    }

    static CreateServer parse(JsonNode json, ApiVersion v, Predicate<RuleDefault> permitted) {
        Body.onlyKeys(json, List.of("server", "os:scheduler_hints", "OS-SCH-HNT:scheduler_hints"));
        Body server = Body.of(json, "server");
        List<String> allowed = new ArrayList<>(List.of("name", "imageRef", "flavorRef", "adminPass", "metadata",
                "networks", "OS-DCF:diskConfig", "accessIPv4", "accessIPv6", "availability_zone",
                "block_device_mapping", "block_device_mapping_v2", "config_drive", "key_name", "min_count",
                "max_count", "return_reservation_id", "security_groups", "user_data"));
        if (!v.atLeast(57)) {
            allowed.add("personality");
        }
        if (v.atLeast(19)) {
            allowed.add("description");
        }
        if (v.atLeast(52)) {
            allowed.add("tags");
        }
        if (v.atLeast(63)) {
            allowed.add("trusted_image_certificates");
        }
        if (v.atLeast(74)) {
            allowed.add("host");
            allowed.add("hypervisor_hostname");
        }
        if (v.atLeast(90)) {
            allowed.add("hostname");
        }
        server.only(allowed);

        String name = server.name("name", true, 255);
        String description = v.atLeast(19) ? server.nullableString("description", 0, 255) : name;
        String hostname = null;
        if (v.atLeast(90) && server.has("hostname")) {
            hostname = server.string("hostname", true, v.atLeast(94) ? 1 : 2, v.atLeast(94) ? 255 : 63);
            if (!(v.atLeast(94) ? FQDN : HOSTNAME).matcher(hostname).matches()) {
                throw Body.invalid("hostname", server.raw("hostname"), "'" + hostname
                        + "' does not match the hostname pattern");
            }
        }

        String imageRef = imageRef(server);
        boolean volumes = hasVolumeMappings(server);
        if (imageRef.isEmpty() && !volumes) {
            String fromBdm = bootImageFromMappings(server);
            if (fromBdm == null) {
                throw ApiException.badRequest("Missing imageRef attribute");
            }
            imageRef = fromBdm;
        }
        if (volumes) {
            throw ApiException.badRequest("Block Device Mapping is Invalid: this cloud has no volume service "
                    + "yet, so servers boot from images only.");
        }
        String flavorRef = flavorRef(server.raw("flavorRef"));
        String keyName = server.has("key_name") ? server.name("key_name", true, 255) : null;
        Map<String, String> metadata = server.metadata("metadata");
        String userData = userData(server);
        String adminPass = server.has("adminPass") ? server.string("adminPass", true, 0, Integer.MAX_VALUE) : null;

        String zoneSpec = server.has("availability_zone") ? server.string("availability_zone", true, 1, 255) : null;
        String zone = zoneSpec;
        String forcedHost = null;
        String forcedNode = null;
        if (zoneSpec != null && zoneSpec.contains(":")) {
            String[] parts = zoneSpec.split(":", -1);
            if (parts.length > 3) {
                throw ApiException.badRequest("Unable to parse availability_zone");
            }
            zone = parts[0].isEmpty() ? null : parts[0];
            forcedHost = parts.length > 1 && !parts[1].isEmpty() ? parts[1] : null;
            forcedNode = parts.length > 2 && !parts[2].isEmpty() ? parts[2] : null;
            if ((forcedHost != null || forcedNode != null) && !permitted.test(ComputeRules.SERVERS_CREATE_FORCED_HOST)) {
                throw io.jstack.compute.service.Policy.denied(ComputeRules.SERVERS_CREATE_FORCED_HOST);
            }
        }
        if (v.atLeast(74)) {
            String host = server.has("host") ? server.string("host", true, 1, 255) : null;
            String node = server.has("hypervisor_hostname")
                    ? server.string("hypervisor_hostname", true, 1, 255) : null;
            if ((host != null || node != null)
                    && !permitted.test(ComputeRules.SERVERS_CREATE_REQUESTED_DESTINATION)) {
                throw io.jstack.compute.service.Policy.denied(ComputeRules.SERVERS_CREATE_REQUESTED_DESTINATION);
            }
            if (host != null) {
                forcedHost = host;
            }
            if (node != null) {
                forcedNode = node;
            }
        }

        Integer min = server.integer("min_count", false, 1, Integer.MAX_VALUE);
        Integer max = server.integer("max_count", false, 1, Integer.MAX_VALUE);
        int minCount = min == null ? 1 : min;
        int maxCount = max == null ? minCount : max;
        if (minCount > maxCount) {
            throw ApiException.badRequest("min_count must be <= max_count");
        }
        Boolean rri = server.bool("return_reservation_id");

        String networks = networks(server, v);
        List<String> tags = v.atLeast(52) ? tags(server) : List.of();
        String diskConfig = server.string("OS-DCF:diskConfig", false, 1, 16);
        if (diskConfig != null && !diskConfig.equals("AUTO") && !diskConfig.equals("MANUAL")) {
            throw Body.invalid("OS-DCF:diskConfig", server.raw("OS-DCF:diskConfig"),
                    "'" + diskConfig + "' is not one of ['AUTO', 'MANUAL']");
        }
        String ipv4 = server.string("accessIPv4", false, 0, 64);
        if (ipv4 != null && !IPV4.matcher(ipv4).matches()) {
            throw Body.invalid("accessIPv4", server.raw("accessIPv4"), "'" + ipv4 + "' is not a 'ipv4'");
        }
        String ipv6 = server.string("accessIPv6", false, 0, 64);
        if (ipv6 != null) {
            String canonical = Addresses.ipv6(ipv6);
            if (canonical == null) {
                throw Body.invalid("accessIPv6", server.raw("accessIPv6"), "'" + ipv6 + "' is not a 'ipv6'");
            }
            ipv6 = canonical;
        }
        Boolean configDrive = server.bool("config_drive");
        checkSecurityGroups(server);
        checkPersonality(server);

        Map<String, List<String>> hints = hints(json);
        String group = null;
        List<String> groupHint = hints.get("group");
        if (groupHint != null) {
            if (groupHint.size() != 1) {
                throw Body.invalid("os:scheduler_hints.group", json, "exactly one server group may be given");
            }
            group = groupHint.getFirst();
        }
        return new CreateServer(name, description, hostname, imageRef, flavorRef, keyName,
                metadata == null ? Map.of() : metadata, userData, adminPass, zone, forcedHost, forcedNode, minCount,
                maxCount, Boolean.TRUE.equals(rri), networks, tags,
                diskConfig == null ? "MANUAL" : diskConfig, ipv4, ipv6, Boolean.TRUE.equals(configDrive), group,
                hints.getOrDefault("same_host", List.of()), hints.getOrDefault("different_host", List.of()), hints);
    }

    private static String imageRef(Body server) {
        JsonNode ref = server.raw("imageRef");
        if (ref == null || ref.isNull()) {
            return "";
        }
        if (!ref.isTextual()) {
            throw Body.invalid("imageRef", ref, ref + " is not of type 'string'");
        }
        String text = ref.textValue();
        if (text.isEmpty()) {
            return "";
        }
        // a URL to the image is accepted; its last path element is the id
        String id = text.contains("/") ? text.substring(text.lastIndexOf('/') + 1) : text;
        if (!UUID.matcher(id).matches()) {
            throw Body.invalid("imageRef", ref, "'" + text + "' is not a 'uuid'");
        }
        return id;
    }

    private static String flavorRef(JsonNode ref) {
        if (ref == null) {
            throw Body.invalid("server", null, "'flavorRef' is a required property");
        }
        String text;
        if (ref.isTextual()) {
            text = ref.textValue();
        } else if (ref.isIntegralNumber()) {
            text = ref.asText();
        } else {
            throw Body.invalid("flavorRef", ref, ref + " is not of type 'string', 'integer'");
        }
        if (text.isEmpty()) {
            throw Body.invalid("flavorRef", ref, "'' is too short");
        }
        return text.contains("/") ? text.substring(text.lastIndexOf('/') + 1) : text;
    }

    private static String userData(Body server) {
        String data = server.string("user_data", false, 0, 65535);
        if (data == null) {
            return null;
        }
        try {
            Base64.getMimeDecoder().decode(data.replaceAll("\\s", ""));
            if (!data.replaceAll("\\s", "").matches("^[A-Za-z0-9+/]*={0,2}$")) {
                throw new IllegalArgumentException("not base64");
            }
        } catch (IllegalArgumentException e) {
            throw Body.invalid("user_data", server.raw("user_data"), "'" + data + "' is not a 'base64'");
        }
        return data;
    }

    /** No network service exists: "auto" and "none" (and an empty list) mean no networks; naming one fails. */
    private static String networks(Body server, ApiVersion v) {
        JsonNode n = server.raw("networks");
        if (n == null) {
            return "auto";
        }
        if (n.isTextual() && v.atLeast(37)) {
            if (!n.textValue().equals("auto") && !n.textValue().equals("none")) {
                throw Body.invalid("networks", n, "'" + n.textValue() + "' is not one of ['none', 'auto']");
            }
            return n.textValue();
        }
        if (!n.isArray()) {
            throw Body.invalid("networks", n, n + " is not of type 'array'");
        }
        for (JsonNode net : n) {
            Body item = Body.wrap(net, "networks");
            item.only(v.atLeast(32) ? List.of("fixed_ip", "port", "uuid", "tag") : List.of("fixed_ip", "port",
                    "uuid"));
            String port = item.nullableString("port", 0, 255);
            if (port != null) {
                if (!UUID.matcher(port).matches()) {
                    throw Body.invalid("port", item.raw("port"), "'" + port + "' is not a 'uuid'");
                }
                throw ApiException.badRequest("Port " + port + " could not be found.");
            }
            String uuid = item.string("uuid", false, 0, 255);
            if (uuid != null) {
                if (!UUID.matcher(uuid).matches()) {
                    throw ApiException.badRequest("Bad networks format: network uuid is not in proper format ("
                            + uuid + ")");
                }
                throw ApiException.badRequest("Network " + uuid + " could not be found.");
            }
        }
        return n.isEmpty() ? "none" : "auto";
    }

    private static List<String> tags(Body server) {
        JsonNode t = server.raw("tags");
        if (t == null) {
            return List.of();
        }
        if (!t.isArray()) {
            throw Body.invalid("tags", t, t + " is not of type 'array'");
        }
        if (t.size() > 50) {
            throw Body.invalid("tags", t, "is too long");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode tag : t) {
            if (!tag.isTextual() || !TAG.matcher(tag.textValue()).matches()) {
                throw Body.invalid("tags", t, tag + " is not a valid tag");
            }
            if (!out.contains(tag.textValue())) {
                out.add(tag.textValue());
            }
        }
        return out;
    }

    private static boolean hasVolumeMappings(Body server) {
        JsonNode legacy = server.raw("block_device_mapping");
        if (legacy != null && legacy.isArray() && !legacy.isEmpty()) {
            return true;
        }
        JsonNode v2 = server.raw("block_device_mapping_v2");
        if (v2 == null || v2.isNull()) {
            return false;
        }
        if (!v2.isArray()) {
            throw Body.invalid("block_device_mapping_v2", v2, v2 + " is not of type 'array'");
        }
        for (JsonNode m : v2) {
            if (!m.isObject()) {
                throw Body.invalid("block_device_mapping_v2", v2, m + " is not of type 'object'");
            }
            String dest = m.path("destination_type").asText("local");
            String source = m.path("source_type").asText("");
            if (dest.equals("volume") || source.equals("volume") || source.equals("snapshot")) {
                return true;
            }
        }
        return false;
    }

    /** An image-to-local mapping with boot index 0 names the image when imageRef is empty. */
    private static String bootImageFromMappings(Body server) {
        JsonNode v2 = server.raw("block_device_mapping_v2");
        if (v2 == null || !v2.isArray()) {
            return null;
        }
        for (JsonNode m : v2) {
            if (m.path("source_type").asText("").equals("image") && m.path("boot_index").asText("").equals("0")) {
                String id = m.path("uuid").asText("");
                if (!UUID.matcher(id).matches()) {
                    throw Body.invalid("block_device_mapping_v2.uuid", m.get("uuid"), "'" + id
                            + "' is not a 'uuid'");
                }
                return id;
            }
        }
        return null;
    }

    private static void checkSecurityGroups(Body server) {
        JsonNode sg = server.raw("security_groups");
        if (sg == null) {
            return;
        }
        if (!sg.isArray()) {
            throw Body.invalid("security_groups", sg, sg + " is not of type 'array'");
        }
        for (JsonNode g : sg) {
            String name = Body.wrap(g, "security_groups").only(List.of("name")).name("name", false, 255);
            // without a network service only the implicit "default" group exists
            if (name != null && !name.equals("default")) {
                throw ApiException.badRequest("Security group " + name + " not found.");
            }
        }
    }

    private static void checkPersonality(Body server) {
        JsonNode p = server.raw("personality");
        if (p != null && !p.isArray()) {
            throw Body.invalid("personality", p, p + " is not of type 'array'");
        }
    }

    /** Scheduler hints: values as string lists ("group", "same_host", "different_host" must be uuids). */
    private static Map<String, List<String>> hints(JsonNode json) {
        JsonNode h = json.has("os:scheduler_hints") ? json.get("os:scheduler_hints")
                : json.get("OS-SCH-HNT:scheduler_hints");
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (h == null || h.isNull()) {
            return out;
        }
        if (!h.isObject()) {
            throw Body.invalid("os:scheduler_hints", h, h + " is not of type 'object'");
        }
        h.fields().forEachRemaining(e -> {
            List<String> values = new ArrayList<>();
            JsonNode value = e.getValue();
            if (value.isArray()) {
                value.forEach(x -> values.add(x.isTextual() ? x.textValue() : x.toString()));
            } else if (value.isTextual()) {
                values.add(value.textValue());
            } else {
                values.add(value.toString());
            }
            if (List.of("group", "same_host", "different_host").contains(e.getKey())) {
                for (String s : values) {
                    if (!UUID.matcher(s).matches()) {
                        throw Body.invalid("os:scheduler_hints." + e.getKey(), value, "'" + s + "' is not a 'uuid'");
                    }
                }
            }
            out.put(e.getKey(), values);
        });
        return out;
    }
}
