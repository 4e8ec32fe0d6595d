package io.jstack.compute.service;

import io.jstack.compute.model.Instance;
import io.jstack.compute.model.InstanceFault;

import java.util.List;
import java.util.Map;

/**
 * An instance with what its API view needs besides its own row: metadata, tags, newest fault, the status of its
 * host ("" without one), its server group.
 */
public record ServerData(Instance instance, Map<String, String> metadata, List<String> tags, InstanceFault fault,
                         String hostStatus, String serverGroup) {
}
