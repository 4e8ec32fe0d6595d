package io.jstack.scheduler.filters;

import io.jstack.scheduler.model.HostState;
import io.jstack.scheduler.model.SchedulingRequest;

import java.util.Map;

/**
 * The flavor's extra specs in the {@code capabilities:} scope match the host's facts with {@link ExtraSpecOps}
 * (for example {@code capabilities:hypervisor_type=s== qemu}, {@code capabilities:cpu_info:arch=<in> x86}).
 * Keys in other scopes ({@code hw:}, {@code quota:}, ...) are not this filter's business; a key without a scope
 * is checked only when the host has a fact of that name, as Nova does for backward compatibility.
 */
public final class ComputeCapabilitiesFilter implements HostFilter {

    private static final String SCOPE = "capabilities:";

    @Override
    public boolean hostPasses(HostState host, SchedulingRequest request) {
        for (Map.Entry<String, String> spec : request.extraSpecs().entrySet()) {
            String key = spec.getKey();
            String fact;
            if (key.startsWith(SCOPE)) {
                // nested scopes (capabilities:cpu_info:arch) name the reported fact "cpu_info:arch"
                fact = host.capability(key.substring(SCOPE.length()));
                if (fact == null) {
                    return false;
                }
            } else if (key.indexOf(':') >= 0) {
                continue;
            } else {
                fact = host.capability(key);
                if (fact == null) {
                    continue;
                }
            }
            if (!ExtraSpecOps.matches(fact, spec.getValue())) {
                return false;
            }
        }
        return true;
    }
}
