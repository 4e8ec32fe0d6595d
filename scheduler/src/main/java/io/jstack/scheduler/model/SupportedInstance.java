package io.jstack.scheduler.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One (architecture, hypervisor type, VM mode) combination a host can run, as Nova's supported_instances. Agents
 * report them in the {@code supported_instances} capability as {@code arch:hv_type:vm_mode} triples separated by
 * commas, for example {@code x86_64:qemu:hvm,i686:qemu:hvm}.
 */
public record SupportedInstance(String architecture, String hypervisorType, String vmMode) {

    public static final String CAPABILITY = "supported_instances";

    public static List<SupportedInstance> parse(String value) {
        List<SupportedInstance> result = new ArrayList<>();
        if (value == null || value.isBlank()) {
            return result;
        }
        for (String triple : value.split(",")) {
            String[] parts = triple.trim().split(":", -1);
            if (parts.length == 3) {
                result.add(new SupportedInstance(canonicalArch(parts[0]), canonicalHvType(parts[1]),
                        canonicalVmMode(parts[2])));
            }
        }
        return List.copyOf(result);
    }

    /** Architecture names as Nova canonicalises them (lower case, common aliases folded). */
    public static String canonicalArch(String arch) {
        if (arch == null || arch.isBlank()) {
            return null;
        }
        String a = arch.trim().toLowerCase(Locale.ROOT);
        return switch (a) {
            case "amd64", "x64", "x86-64" -> "x86_64";
            case "i386", "i486", "i586", "x86" -> "i686";
            case "arm64" -> "aarch64";
            default -> a;
        };
    }

    public static String canonicalHvType(String type) {
        if (type == null || type.isBlank()) {
            return null;
        }
        String t = type.trim().toLowerCase(Locale.ROOT);
        return t.equals("xapi") ? "xen" : t;
    }

    /** VM modes: hvm (fully virtualised), xen (paravirtual), uml, exe; older spellings folded. */
    public static String canonicalVmMode(String mode) {
        if (mode == null || mode.isBlank()) {
            return null;
        }
        String m = mode.trim().toLowerCase(Locale.ROOT);
        return switch (m) {
            case "hv", "baremetal" -> "hvm";
            case "pv" -> "xen";
            default -> m;
        };
    }
}
