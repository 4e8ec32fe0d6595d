package io.jstack.scheduler.filters;

import io.jstack.scheduler.model.HostState;
import io.jstack.scheduler.model.SchedulingRequest;
import io.jstack.scheduler.model.SupportedInstance;

import java.util.Map;
import java.util.function.Predicate;

/**
 * The host can run what the image asks for: architecture ({@code hw_architecture}), hypervisor type
 * ({@code img_hv_type}) and VM mode ({@code hw_vm_mode}) together in one of the host's supported instances, and
 * a hypervisor version satisfying {@code img_hv_requested_version} (for example {@code >=6.0,<8.0}). Images asking
 * for none of the three run anywhere; hosts advertising no supported instances run only those. The properties'
 * older names (architecture, hypervisor_type, vm_mode, hypervisor_version_requires) are read too.
 */
public final class ImagePropertiesFilter implements HostFilter {

    @Override
    public boolean hostPasses(HostState host, SchedulingRequest request) {
        Predicate<HostState> bound = forRequest(request);
        return bound == null || bound.test(host);
    }

    @Override
    public Predicate<HostState> forRequest(SchedulingRequest request) {
        Map<String, String> props = request.imageProperties();
        String arch = SupportedInstance.canonicalArch(either(props, "hw_architecture", "architecture"));
        String hvType = SupportedInstance.canonicalHvType(either(props, "img_hv_type", "hypervisor_type"));
        String vmMode = SupportedInstance.canonicalVmMode(either(props, "hw_vm_mode", "vm_mode"));
        if (arch == null && hvType == null && vmMode == null) {
            return null;
        }
        String versionRequired = either(props, "img_hv_requested_version", "hypervisor_version_requires");
        return host -> {
            for (SupportedInstance supported : host.provider().supportedInstances()) {
                if ((arch == null || arch.equals(supported.architecture()))
                        && (hvType == null || hvType.equals(supported.hypervisorType()))
                        && (vmMode == null || vmMode.equals(supported.vmMode()))
                        && versionSatisfied(host.provider().hypervisorVersion(), versionRequired)) {
                    return true;
                }
            }
            return false;
        };
    }

    private static String either(Map<String, String> props, String name, String olderName) {
        String value = props.get(name);
        return value != null ? value : props.get(olderName);
    }

    /** An unknown version (0) or no requirement passes, as in Nova. */
    static boolean versionSatisfied(long hypervisorVersion, String predicate) {
        if (hypervisorVersion <= 0 || predicate == null || predicate.isBlank()) {
            return true;
        }
        int[] have = {(int) (hypervisorVersion / 1_000_000), (int) (hypervisorVersion / 1000 % 1000),
                (int) (hypervisorVersion % 1000)};
        for (String clause : predicate.split(",")) {
            String c = clause.trim();
            String op = c.startsWith(">=") || c.startsWith("<=") || c.startsWith("==") || c.startsWith("!=")
                    ? c.substring(0, 2) : c.startsWith(">") || c.startsWith("<") ? c.substring(0, 1) : "==";
            String version = c.substring(c.startsWith(op) ? op.length() : 0).trim();
            int cmp;
            try {
                cmp = compare(have, parseVersion(version));
            } catch (NumberFormatException e) {
                return false;
            }
            boolean ok = switch (op) {
                case ">=" -> cmp >= 0;
                case "<=" -> cmp <= 0;
                case ">" -> cmp > 0;
                case "<" -> cmp < 0;
                case "!=" -> cmp != 0;
                default -> cmp == 0;
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static int[] parseVersion(String version) {
        String[] parts = version.split("\\.");
        int[] result = new int[3];
        for (int i = 0; i < Math.min(3, parts.length); i++) {
            result[i] = Integer.parseInt(parts[i].trim());
        }
        return result;
    }

    private static int compare(int[] a, int[] b) {
        for (int i = 0; i < 3; i++) {
            if (a[i] != b[i]) {
                return Integer.compare(a[i], b[i]);
            }
        }
        return 0;
    }
}
