package io.jstack.scheduler.filters;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.jstack.scheduler.Fixtures.host;
import static io.jstack.scheduler.Fixtures.request;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ServerGroupFiltersTest {

    private final ServerGroupAffinityFilter affinity = new ServerGroupAffinityFilter();
    private final ServerGroupAntiAffinityFilter antiAffinity = new ServerGroupAntiAffinityFilter();

    @Test
    void affinityFollowsTheFirstMember() {
        var request = request().group("affinity", null, Map.of("h1", 1)).build();
        assertTrue(affinity.hostPasses(host("h1").build(), request));
        assertFalse(affinity.hostPasses(host("h2").build(), request));
    }

    @Test
    void affinityWithNoMemberPlacedGoesAnywhere() {
        assertTrue(affinity.hostPasses(host("h2").build(), request().group("affinity", null, Map.of()).build()));
    }

    @Test
    void antiAffinityAvoidsMembersHosts() {
        var request = request().group("anti-affinity", null, Map.of("h1", 1)).build();
        assertFalse(antiAffinity.hostPasses(host("h1").build(), request));
        assertTrue(antiAffinity.hostPasses(host("h2").build(), request));
    }

    @Test
    void antiAffinityAllowsUpToMaxServerPerHost() {
        var request = request().group("anti-affinity", 2, Map.of("h1", 1, "h2", 2)).build();
        assertTrue(antiAffinity.hostPasses(host("h1").build(), request));
        assertFalse(antiAffinity.hostPasses(host("h2").build(), request));
    }

    @Test
    void otherPoliciesAreNotTheirBusiness() {
        var soft = request().group("soft-anti-affinity", null, Map.of("h1", 3)).build();
        assertTrue(antiAffinity.hostPasses(host("h1").build(), soft));
        assertTrue(affinity.hostPasses(host("h2").build(), soft));
        assertTrue(antiAffinity.hostPasses(host("h1").build(), request().build()));
        assertTrue(affinity.hostPasses(host("h1").build(), request().build()));
    }
}
