package io.jstack.compute.service;

import io.jstack.compute.model.AggregateHost;
import io.jstack.compute.model.AggregateMetadata;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Availability zones, as Nova derives them: a host's zone is the availability_zone metadata of an aggregate it is
 * in, or the default zone.
 */
@ApplicationScoped
public class Zones {

    public static final String AZ_KEY = "availability_zone";

    @Inject
    ComputeSettings settings;

    public String defaultZone() {
        return settings.defaultAvailabilityZone();
    }

    /** Zone of each host that is in a zoned aggregate. */
    public Uni<Map<String, String>> hostZones() {
        return AggregateMetadata.<AggregateMetadata>list("metaKey", AZ_KEY).chain(zoned -> {
            if (zoned.isEmpty()) {
                return Uni.createFrom().item(Map.<String, String>of());
            }
            Map<Integer, String> byAggregate = new HashMap<>();
            zoned.forEach(m -> byAggregate.put(m.aggregateId, m.metaValue));
            return AggregateHost.<AggregateHost>list("aggregateId in ?1", List.copyOf(byAggregate.keySet()))
                    .map(hosts -> {
                        Map<String, String> out = new HashMap<>();
                        hosts.forEach(h -> out.put(h.host, byAggregate.get(h.aggregateId)));
                        return out;
                    });
        });
    }

    public Uni<String> zoneOf(String host) {
        return hostZones().map(z -> z.getOrDefault(host, defaultZone()));
    }

    /** Every zone named by an aggregate, and the default zone. */
    public Uni<Set<String>> all() {
        return AggregateMetadata.<AggregateMetadata>list("metaKey", AZ_KEY).map(list -> {
            Set<String> zones = new TreeSet<>();
            zones.add(defaultZone());
            list.forEach(m -> zones.add(m.metaValue));
            return zones;
        });
    }
}
