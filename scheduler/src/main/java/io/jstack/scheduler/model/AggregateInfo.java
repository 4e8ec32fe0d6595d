package io.jstack.scheduler.model;

import java.util.Map;

/** A host aggregate a host belongs to: its availability zone (if it defines one) and its metadata. */
public record AggregateInfo(String id, String name, String availabilityZone, Map<String, String> metadata) {
    public AggregateInfo {
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }
}
