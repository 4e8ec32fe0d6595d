package io.jstack.scheduler.filters;

import io.jstack.scheduler.filters.ExtraSpecOps.Requirement;
import io.jstack.scheduler.model.HostState;
import io.jstack.scheduler.model.SchedulingRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The flavor's extra specs in the {@code capabilities:} scope match the host's facts with {@link ExtraSpecOps}
 * (for example {@code capabilities:hypervisor_type=s== qemu}, {@code capabilities:cpu_info:arch=<in> x86}).
 * Keys in other scopes ({@code hw:}, {@code quota:}, ...) are not this filter's business; a key without a scope
 * is checked only when the host has a fact of that name, as Nova does for backward compatibility.
 */
public final class ComputeCapabilitiesFilter implements HostFilter {

    private static final String SCOPE = "capabilities:";

    /** One spec to check: the host fact it names, whether the host must have it, and the parsed requirement. */
    private record Check(String fact, boolean required, Requirement requirement) {
    }

    @Override
    public boolean hostPasses(HostState host, SchedulingRequest request) {
        Predicate<HostState> bound = forRequest(request);
        return bound == null || bound.test(host);
    }

    @Override
    public Predicate<HostState> forRequest(SchedulingRequest request) {
        List<Check> checks = new ArrayList<>();
        for (Map.Entry<String, String> spec : request.extraSpecs().entrySet()) {
            String key = spec.getKey();
            if (key.startsWith(SCOPE)) {
                // nested scopes (capabilities:cpu_info:arch) name the reported fact "cpu_info:arch"
                checks.add(new Check(key.substring(SCOPE.length()), true, Requirement.parse(spec.getValue())));
            } else if (key.indexOf(':') < 0) {
                checks.add(new Check(key, false, Requirement.parse(spec.getValue())));
            }
        }
        if (checks.isEmpty()) {
            return null;
        }
        return host -> {
            for (Check check : checks) {
                String fact = host.capability(check.fact());
                if (fact == null) {
                    if (check.required()) {
                        return false;
                    }
                    continue;
                }
                if (!check.requirement().matches(fact)) {
                    return false;
                }
            }
            return true;
        };
    }
}
