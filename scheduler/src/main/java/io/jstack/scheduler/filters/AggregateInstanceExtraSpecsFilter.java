package io.jstack.scheduler.filters;

import io.jstack.scheduler.filters.ExtraSpecOps.Requirement;
import io.jstack.scheduler.model.HostState;
import io.jstack.scheduler.model.SchedulingRequest;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The flavor's extra specs match the metadata of the host's aggregates: keys in the
 * {@code aggregate_instance_extra_specs:} scope, and keys without a scope (as Nova, which is why the filter is not
 * on by default: an unscoped extra spec then needs aggregate metadata of that name). Other scopes are ignored. One
 * of the host's aggregates' values must satisfy each requirement ({@link ExtraSpecOps}).
 */
public final class AggregateInstanceExtraSpecsFilter implements HostFilter {

    private static final String SCOPE = "aggregate_instance_extra_specs";

    @Override
    public boolean hostPasses(HostState host, SchedulingRequest request) {
        Predicate<HostState> bound = forRequest(request);
        return bound == null || bound.test(host);
    }

    @Override
    public Predicate<HostState> forRequest(SchedulingRequest request) {
        Map<String, Requirement> wanted = new LinkedHashMap<>();
        for (Map.Entry<String, String> spec : request.extraSpecs().entrySet()) {
            String key = spec.getKey();
            int colon = key.indexOf(':');
            if (colon >= 0) {
                if (!key.substring(0, colon).equals(SCOPE)) {
                    continue;
                }
                key = key.substring(colon + 1);
            }
            wanted.put(key, Requirement.parse(spec.getValue()));
        }
        if (wanted.isEmpty()) {
            return null;
        }
        return host -> {
            for (Map.Entry<String, Requirement> w : wanted.entrySet()) {
                Set<String> values = host.aggregateValues(w.getKey());
                if (values.isEmpty() || values.stream().noneMatch(w.getValue()::matches)) {
                    return false;
                }
            }
            return true;
        };
    }
}
