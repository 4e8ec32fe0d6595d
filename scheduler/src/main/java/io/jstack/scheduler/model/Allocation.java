package io.jstack.scheduler.model;

/** What one instance (the consumer) holds on one host. */
public record Allocation(String consumerUuid, String host, Resources resources) {
}
