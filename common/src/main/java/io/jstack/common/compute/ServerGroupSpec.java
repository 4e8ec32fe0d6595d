package io.jstack.common.compute;

import java.util.List;

/**
 * A server group the instance belongs to. {@code policy}: affinity, anti-affinity, soft-affinity,
 * soft-anti-affinity; {@code maxServerPerHost} is the anti-affinity rule of microversion 2.64 (null: 1).
 */
public record ServerGroupSpec(String id, String policy, Integer maxServerPerHost, List<String> memberUuids) {
    public ServerGroupSpec {
        memberUuids = memberUuids == null ? List.of() : List.copyOf(memberUuids);
    }
}
