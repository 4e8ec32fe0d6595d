package io.jstack.scheduler.filters;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static io.jstack.scheduler.Fixtures.host;
import static io.jstack.scheduler.Fixtures.request;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SameHostFilter and DifferentHostFilter (scheduler hints naming instances). */
class HintFiltersTest {

    @Test
    void sameHostNeedsAHostOfTheNamedInstances() {
        var request = request().sameHost(List.of("i1", "i2"), Set.of("h1", "h3")).build();
        assertTrue(new SameHostFilter().hostPasses(host("h1").build(), request));
        assertTrue(new SameHostFilter().hostPasses(host("h3").build(), request));
        assertFalse(new SameHostFilter().hostPasses(host("h2").build(), request));
    }

    @Test
    void sameHostWithInstancesNowhereFindsNoHost() {
        var request = request().sameHost(List.of("gone"), Set.of()).build();
        assertFalse(new SameHostFilter().hostPasses(host("h1").build(), request));
    }

    @Test
    void differentHostAvoidsTheNamedInstancesHosts() {
        var request = request().differentHost(List.of("i1"), Set.of("h1")).build();
        assertFalse(new DifferentHostFilter().hostPasses(host("h1").build(), request));
        assertTrue(new DifferentHostFilter().hostPasses(host("h2").build(), request));
    }

    @Test
    void noHintsPassEverything() {
        assertTrue(new SameHostFilter().hostPasses(host("h1").build(), request().build()));
        assertTrue(new DifferentHostFilter().hostPasses(host("h1").build(), request().build()));
        assertTrue(new AllHostsFilter().hostPasses(host("h1").status(false, true).build(), request().build()));
    }
}
