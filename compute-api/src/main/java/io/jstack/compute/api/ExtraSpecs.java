package io.jstack.compute.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.jstack.common.api.ApiException;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Flavor extra specs as a request gives them: keys of 1..255 characters out of {@code [a-zA-Z0-9-_:. ]},
 * values strings (numbers and booleans are taken as their text). From microversion 2.86 the keys of namespaces
 * this cloud knows are checked (unknown keys and bad values there are a 400); other namespaces stay free.
 */
final class ExtraSpecs {

    private static final Pattern KEY = Pattern.compile("^[a-zA-Z0-9-_:. ]{1,255}$");
    private static final Set<String> CPU_POLICIES = Set.of("dedicated", "shared", "mixed");
    private static final Set<String> THREAD_POLICIES = Set.of("prefer", "isolate", "require");
    private static final Set<String> WATCHDOG = Set.of("disabled", "pause", "poweroff", "reset", "none");
    private static final Pattern INT = Pattern.compile("^[0-9]+$");

    private ExtraSpecs() {
    }

    static Map<String, String> parse(JsonNode specs, ApiVersion version) {
        if (specs == null || !specs.isObject()) {
            throw Body.invalid("extra_specs", specs, specs + " is not of type 'object'");
        }
        Map<String, String> out = new LinkedHashMap<>();
        specs.fields().forEachRemaining(e -> {
            String key = e.getKey();
            if (!KEY.matcher(key).matches()) {
                throw Body.invalid("extra_specs", specs, "'" + key + "' does not match any of the regexes: "
                        + "'^[a-zA-Z0-9-_:. ]{1,255}$'");
            }
            JsonNode v = e.getValue();
            String value;
            if (v.isTextual()) {
                value = v.textValue();
            } else if (v.isNumber() || v.isBoolean()) {
                value = v.asText();
            } else {
                throw Body.invalid("extra_specs", specs, v + " is not of type 'string', 'number', 'boolean'");
            }
            if (value.length() > 255) {
                throw Body.invalid("extra_specs", specs, "'" + key + "' value is too long");
            }
            if (version.atLeast(86)) {
                validate(key, value);
            }
            out.put(key, value);
        });
        return out;
    }

    /** The namespaces whose keys are known here; others pass unchecked, as Nova's 2.86 does for custom ones. */
    private static void validate(String key, String value) {
        switch (key) {
            case "hw:cpu_policy" -> oneOf(key, value, CPU_POLICIES);
            case "hw:cpu_thread_policy" -> oneOf(key, value, THREAD_POLICIES);
            case "hw:watchdog_action" -> oneOf(key, value, WATCHDOG);
            case "hw:numa_nodes", "hw:cpu_sockets", "hw:cpu_cores", "hw:cpu_threads", "hw:cpu_max_sockets",
                 "hw:cpu_max_cores", "hw:cpu_max_threads" -> {
                if (!INT.matcher(value).matches() || Long.parseLong(value) < 1) {
                    throw invalid(key, value, "it must be a positive integer");
                }
            }
            case "hw:mem_page_size" -> {
                if (!Set.of("small", "large", "any").contains(value) && !value.matches("^[0-9]+[kKmMgG]?[bB]?$")) {
                    throw invalid(key, value, "it must be small, large, any or a size");
                }
            }
            default -> {
                if (key.startsWith("hw:") && !knownHw(key)) {
                    throw ApiException.badRequest("Validation failed; extra spec " + key
                            + " does not match any known validator.");
                }
            }
        }
    }

    private static boolean knownHw(String key) {
        return key.matches("^hw:(numa_cpus|numa_mem)\\.[0-9]+$")
                || Set.of("hw:cpu_realtime", "hw:cpu_realtime_mask", "hw:emulator_threads_policy",
                "hw:boot_menu", "hw:pmu", "hw:hide_hypervisor_id", "hw:mem_encryption", "hw:pci_numa_affinity_policy",
                "hw:cpu_dedicated_mask", "hw:serial_port_count", "hw:tpm_model", "hw:tpm_version",
                "hw:vif_multiqueue_enabled", "hw:locked_memory", "hw:virtio_packed_ring", "hw:maxphysaddr_mode",
                "hw:maxphysaddr_bits", "hw:viommu_model", "hw:ephemeral_encryption", "hw:sound_model",
                "hw:usb_model").contains(key);
    }

    private static void oneOf(String key, String value, Set<String> allowed) {
        if (!allowed.contains(value)) {
            throw invalid(key, value, "it must be one of " + allowed);
        }
    }

    private static ApiException invalid(String key, String value, String why) {
        return ApiException.badRequest("Validation failed; '" + value + "' is not valid for extra spec " + key
                + ": " + why + ".");
    }
}
