package io.jstack.scheduler.filters;

import io.jstack.scheduler.model.AggregateInfo;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.jstack.scheduler.Fixtures.host;
import static io.jstack.scheduler.Fixtures.request;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AvailabilityZoneFilterTest {

    private final AvailabilityZoneFilter filter = new AvailabilityZoneFilter();
    private final AggregateInfo zoneA = new AggregateInfo("1", "agg-a", "az-a", Map.of("availability_zone", "az-a"));

    @Test
    void noZoneRequestedGoesAnywhere() {
        assertTrue(filter.hostPasses(host("h").aggregates(zoneA).build(), request().build()));
    }

    @Test
    void hostMustBeInTheRequestedZone() {
        assertTrue(filter.hostPasses(host("h").aggregates(zoneA).build(), request().zone("az-a").build()));
        assertFalse(filter.hostPasses(host("h").build(), request().zone("az-a").build()));
    }

    @Test
    void hostsOutsideZonedAggregatesAreInTheDefaultZone() {
        assertTrue(filter.hostPasses(host("h").build(), request().zone("nova").build()));
        assertFalse(filter.hostPasses(host("h").aggregates(zoneA).build(), request().zone("nova").build()));
    }
}
