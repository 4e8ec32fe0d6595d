package io.jstack.scheduler.filters;

import io.jstack.scheduler.model.AggregateInfo;
import io.jstack.scheduler.model.HostState;
import io.jstack.scheduler.model.SchedulingRequest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import static io.jstack.scheduler.Fixtures.NOW;
import static io.jstack.scheduler.Fixtures.flavor;
import static io.jstack.scheduler.Fixtures.host;
import static io.jstack.scheduler.Fixtures.request;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Every filter bound to a request (what the selector runs) decides exactly as its per-host form. */
class BoundFiltersAgreeTest {

    private final List<HostFilter> filters = List.of(new AllHostsFilter(), new ComputeFilter(Duration.ofSeconds(60)),
            new RamFilter(), new CoreFilter(), new DiskFilter(), new AvailabilityZoneFilter(),
            new ImagePropertiesFilter(), new ComputeCapabilitiesFilter(), new AggregateInstanceExtraSpecsFilter(),
            new AggregateMultiTenancyIsolation(), new ServerGroupAffinityFilter(),
            new ServerGroupAntiAffinityFilter(), new SameHostFilter(), new DifferentHostFilter(),
            new NumInstancesFilter(5), new IoOpsFilter(2));

    private final List<HostState> hosts = List.of(
            host("a").build(),
            host("b").total(2, 1024, 10).status(false, false).instances(5).ioOps(2).build(),
            host("c").reportedAt(NOW.minusSeconds(600)).capability("supported_instances", "aarch64:kvm:hvm")
                    .aggregates(new AggregateInfo("1", "x", "az1", Map.of("ssd", "true", "filter_tenant_id", "p9")))
                    .build(),
            host("d").status(true, true).hypervisor("xen", 4_000_000).build());

    private final List<SchedulingRequest> requests = List.of(
            request().build(),
            request().flavor(flavor(4, 4096, 50, Map.of("capabilities:hypervisor_type", "s== QEMU",
                    "aggregate_instance_extra_specs:ssd", "true", "hw:cpu_policy", "dedicated"))).build(),
            request().zone("az1").project("p9").image(Map.of("hw_architecture", "aarch64")).build(),
            request().image(Map.of("img_hv_type", "qemu", "img_hv_requested_version", ">=8.0")).build(),
            request().group("anti-affinity", null, Map.of("a", 1)).build(),
            request().group("affinity", null, Map.of("c", 1)).build(),
            request().sameHost(List.of("i1"), Set.of("a")).differentHost(List.of("i2"), Set.of("b")).build());

    @Test
    void boundAndPerHostFormsAgree() {
        for (HostFilter filter : filters) {
            for (SchedulingRequest request : requests) {
                Predicate<HostState> bound = filter.forRequest(request);
                for (HostState host : hosts) {
                    boolean expected = filter.hostPasses(host, request);
                    boolean actual = bound == null || bound.test(host);
                    assertEquals(expected, actual, filter.name() + " on " + host.host() + " for " + request.spec());
                }
            }
        }
    }
}
