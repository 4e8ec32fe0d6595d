package io.jstack.scheduler.model;

import io.jstack.common.compute.RequestSpec;
import io.jstack.common.compute.ServerGroupSpec;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * One instance to place, as filters and weighers see it (Nova's spec_obj): the request spec, the resources one
 * instance takes, the time the request is judged at, and where the instances it refers to are (its server
 * group's members, its same_host and different_host hints), looked up from the allocations.
 *
 * @param groupHosts         members of the instance's server group per host (including ones placed earlier in
 *                           the same request)
 * @param sameHostHosts      hosts of the instances named in the same_host hint
 * @param differentHostHosts hosts of the instances named in the different_host hint
 */
public record SchedulingRequest(RequestSpec spec, Resources resources, Instant now,
                                Map<String, Integer> groupHosts, Set<String> sameHostHosts,
                                Set<String> differentHostHosts) {

    public SchedulingRequest {
        groupHosts = groupHosts == null ? Map.of() : Map.copyOf(groupHosts);
        sameHostHosts = sameHostHosts == null ? Set.of() : Set.copyOf(sameHostHosts);
        differentHostHosts = differentHostHosts == null ? Set.of() : Set.copyOf(differentHostHosts);
    }

    /** A request with nothing placed yet (no group members, no hinted instances found). */
    public static SchedulingRequest of(RequestSpec spec, Instant now) {
        return new SchedulingRequest(spec, Resources.of(spec.flavor()), now, Map.of(), Set.of(), Set.of());
    }

    /** The server group's policy, or null when the instance is in no group. */
    public String groupPolicy() {
        ServerGroupSpec group = spec.group();
        return group == null ? null : group.policy();
    }

    public int groupMembersOn(String host) {
        return groupHosts.getOrDefault(host, 0);
    }

    /** The same request after one more group member was placed on {@code host}. */
    public SchedulingRequest withMemberOn(String host) {
        if (spec.group() == null) {
            return this;
        }
        Map<String, Integer> more = new java.util.HashMap<>(groupHosts);
        more.merge(host, 1, Integer::sum);
        return new SchedulingRequest(spec, resources, now, more, sameHostHosts, differentHostHosts);
    }

    public Map<String, String> extraSpecs() {
        return spec.flavor().extraSpecs();
    }

    public Map<String, String> imageProperties() {
        return spec.image() == null ? Map.of() : spec.image().properties();
    }
}
