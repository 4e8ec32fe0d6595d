package io.jstack.scheduler.filters;

import io.jstack.scheduler.model.AggregateInfo;
import io.jstack.scheduler.model.HostState;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.jstack.scheduler.Fixtures.flavor;
import static io.jstack.scheduler.Fixtures.host;
import static io.jstack.scheduler.Fixtures.request;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** AggregateInstanceExtraSpecsFilter and AggregateMultiTenancyIsolation. */
class AggregateFiltersTest {

    private final AggregateInstanceExtraSpecsFilter extraSpecs = new AggregateInstanceExtraSpecsFilter();
    private final AggregateMultiTenancyIsolation tenancy = new AggregateMultiTenancyIsolation();

    private final HostState ssdHost = host("ssd").aggregates(
            new AggregateInfo("1", "fast", null, Map.of("ssd", "true", "gen", "3")),
            new AggregateInfo("2", "other", null, Map.of("gen", "5"))).build();
    private final HostState plainHost = host("plain").build();

    private boolean extraSpecsPass(HostState host, Map<String, String> specs) {
        return extraSpecs.hostPasses(host, request().flavor(flavor(1, 512, 1, specs)).build());
    }

    @Test
    void scopedSpecsMustMatchAggregateMetadata() {
        assertTrue(extraSpecsPass(ssdHost, Map.of("aggregate_instance_extra_specs:ssd", "true")));
        assertFalse(extraSpecsPass(plainHost, Map.of("aggregate_instance_extra_specs:ssd", "true")));
        assertFalse(extraSpecsPass(ssdHost, Map.of("aggregate_instance_extra_specs:ssd", "false")));
    }

    @Test
    void anyAggregateOfTheHostMaySatisfyTheSpec() {
        assertTrue(extraSpecsPass(ssdHost, Map.of("aggregate_instance_extra_specs:gen", ">= 4")));
        assertFalse(extraSpecsPass(ssdHost, Map.of("aggregate_instance_extra_specs:gen", ">= 6")));
    }

    @Test
    void unscopedSpecsAreCheckedAndOtherScopesIgnored() {
        assertTrue(extraSpecsPass(ssdHost, Map.of("ssd", "true")));
        assertFalse(extraSpecsPass(plainHost, Map.of("ssd", "true")));
        assertTrue(extraSpecsPass(plainHost, Map.of("hw:cpu_policy", "dedicated")));
        assertTrue(extraSpecsPass(plainHost, Map.of()));
    }

    @Test
    void isolatedAggregatesTakeOnlyTheirProjects() {
        HostState isolated = host("iso").aggregates(new AggregateInfo("1", "iso", null,
                Map.of("filter_tenant_id", "p1, p2", "filter_tenant_id2", "p3"))).build();
        assertTrue(tenancy.hostPasses(isolated, request().project("p1").build()));
        assertTrue(tenancy.hostPasses(isolated, request().project("p2").build()));
        assertTrue(tenancy.hostPasses(isolated, request().project("p3").build()));
        assertFalse(tenancy.hostPasses(isolated, request().project("p4").build()));
    }

    @Test
    void hostsWithoutTenantMetadataTakeEveryone() {
        assertTrue(tenancy.hostPasses(plainHost, request().project("p4").build()));
        assertTrue(tenancy.hostPasses(ssdHost, request().project("p4").build()));
    }
}
