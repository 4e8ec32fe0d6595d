package io.jstack.scheduler.filters;

import io.jstack.scheduler.model.HostState;
import io.jstack.scheduler.model.SchedulingRequest;

import java.util.Map;
import java.util.Set;

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
        for (Map.Entry<String, String> spec : request.extraSpecs().entrySet()) {
            String key = spec.getKey();
            int colon = key.indexOf(':');
            if (colon >= 0) {
                if (!key.substring(0, colon).equals(SCOPE)) {
                    continue;
                }
                key = key.substring(colon + 1);
            }
            Set<String> values = host.aggregateValues(key);
            if (values.isEmpty()) {
                return false;
            }
            boolean matched = false;
            for (String value : values) {
                if (ExtraSpecOps.matches(value, spec.getValue())) {
                    matched = true;
                    break;
                }
            }
            if (!matched) {
                return false;
            }
        }
        return true;
    }
}
