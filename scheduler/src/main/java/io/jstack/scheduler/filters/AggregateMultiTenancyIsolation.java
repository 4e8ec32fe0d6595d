package io.jstack.scheduler.filters;

import io.jstack.scheduler.model.AggregateInfo;
import io.jstack.scheduler.model.HostState;
import io.jstack.scheduler.model.SchedulingRequest;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Hosts in aggregates with {@code filter_tenant_id} metadata (also {@code filter_tenant_id2}, ... for long lists;
 * values are comma-separated project ids) take only those projects' instances. Other hosts take anyone's.
 */
public final class AggregateMultiTenancyIsolation implements HostFilter {

    private static final String KEY = "filter_tenant_id";

    @Override
    public Predicate<HostState> forRequest(SchedulingRequest request) {
        // most hosts are in no aggregate: nothing to look at
        return host -> host.aggregates().isEmpty() || hostPasses(host, request);
    }

    @Override
    public boolean hostPasses(HostState host, SchedulingRequest request) {
        Set<String> allowed = new HashSet<>();
        for (AggregateInfo aggregate : host.aggregates()) {
            for (Map.Entry<String, String> meta : aggregate.metadata().entrySet()) {
                if (meta.getKey().startsWith(KEY)) {
                    for (String project : meta.getValue().split(",")) {
                        if (!project.isBlank()) {
                            allowed.add(project.trim());
                        }
                    }
                }
            }
        }
        return allowed.isEmpty() || allowed.contains(request.spec().projectId());
    }
}
