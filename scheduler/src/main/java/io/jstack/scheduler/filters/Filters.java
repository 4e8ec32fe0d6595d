package io.jstack.scheduler.filters;

import io.jstack.scheduler.service.SchedulerSettings;

import java.util.ArrayList;
import java.util.List;

/** Builds the configured filters by their names (Nova's class names). */
public final class Filters {

    private Filters() {
    }

    public static List<HostFilter> enabled(SchedulerSettings settings) {
        List<HostFilter> filters = new ArrayList<>();
        for (String name : settings.enabledFilters()) {
            filters.add(byName(name.trim(), settings));
        }
        return List.copyOf(filters);
    }

    public static HostFilter byName(String name, SchedulerSettings settings) {
        return switch (name) {
            case "AllHostsFilter" -> new AllHostsFilter();
            case "ComputeFilter" -> new ComputeFilter(settings.serviceDownTime());
            case "RamFilter" -> new RamFilter();
            case "CoreFilter" -> new CoreFilter();
            case "DiskFilter" -> new DiskFilter();
            case "AvailabilityZoneFilter" -> new AvailabilityZoneFilter();
            case "ImagePropertiesFilter" -> new ImagePropertiesFilter();
            case "ComputeCapabilitiesFilter" -> new ComputeCapabilitiesFilter();
            case "AggregateInstanceExtraSpecsFilter" -> new AggregateInstanceExtraSpecsFilter();
            case "AggregateMultiTenancyIsolation" -> new AggregateMultiTenancyIsolation();
            case "ServerGroupAffinityFilter" -> new ServerGroupAffinityFilter();
            case "ServerGroupAntiAffinityFilter" -> new ServerGroupAntiAffinityFilter();
            case "SameHostFilter" -> new SameHostFilter();
            case "DifferentHostFilter" -> new DifferentHostFilter();
            case "NumInstancesFilter" -> new NumInstancesFilter(settings.maxInstancesPerHost());
            case "IoOpsFilter" -> new IoOpsFilter(settings.maxIoOpsPerHost());
            default -> throw new IllegalArgumentException("jstack.scheduler.enabled-filters: unknown filter " + name);
        };
    }
}
