package io.jstack.scheduler.service;

import io.jstack.common.compute.RequestSpec;
import io.jstack.common.compute.ServerGroupSpec;

/**
 * A hard server-group policy a claim must keep (Nova's ServerGroupAffinityFilter and ServerGroupAntiAffinityFilter,
 * made atomic): anti-affinity allows at most {@code maxPerHost} members of the group on one host, affinity keeps
 * every member on one host. Soft policies are preferences for the weighers and never refuse a claim.
 */
public record GroupRule(String groupId, boolean affinity, long maxPerHost) {

    public static final String AFFINITY = "affinity";
    public static final String ANTI_AFFINITY = "anti-affinity";

    /** The request's hard group rule, or null when it has no group or a soft one. */
    public static GroupRule of(RequestSpec spec) {
        ServerGroupSpec group = spec == null ? null : spec.group();
        if (group == null || group.id() == null) {
            return null;
        }
        if (AFFINITY.equals(group.policy())) {
            return new GroupRule(group.id(), true, Long.MAX_VALUE);
        }
        if (ANTI_AFFINITY.equals(group.policy())) {
            int max = group.maxServerPerHost() == null ? 1 : group.maxServerPerHost();
            return new GroupRule(group.id(), false, Math.max(1, max));
        }
        return null;
    }

    /** The policy as the claim statements compare it. */
    String policy() {
        return affinity ? AFFINITY : ANTI_AFFINITY;
    }
}
