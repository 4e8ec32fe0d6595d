package io.jstack.scheduler.service;

import io.jstack.scheduler.model.AggregateInfo;
import io.jstack.scheduler.model.HostState;
import io.jstack.scheduler.model.ResourceProvider;
import io.jstack.scheduler.model.Resources;
import io.jstack.scheduler.model.ServiceStatus;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.jstack.scheduler.Fixtures.host;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class HostStatesTest {

    private static ResourceProvider provider(String name, long generation, long memoryUsed) {
        ResourceProvider p = host(name).build().provider();
        return new ResourceProvider(p.host(), p.node(), p.hypervisorType(), p.hypervisorVersion(), p.hostIp(),
                p.total(), p.reserved(), 1, 1, 1, new Resources(0, memoryUsed, 0), 0, 0, 0, p.capabilities(),
                p.traits(), null, p.reportedAt(), generation);
    }

    @Test
    void olderRowsNeverReplaceNewerOnes() {
        HostStates states = new HostStates("nova");
        states.update(provider("h1", 5, 1000));
        states.update(provider("h1", 4, 0));
        assertEquals(1000, states.get("h1").provider().used().memoryMb());
        states.update(provider("h1", 6, 2000));
        assertEquals(2000, states.get("h1").provider().used().memoryMb());
    }

    @Test
    void claimsInFlightCountUntilSettled() {
        HostStates states = new HostStates("nova");
        states.update(provider("h1", 1, 0));
        Resources r = new Resources(2, 1024, 10);
        states.reserve("h1", r);
        HostState view = states.get("h1");
        assertEquals(1024, view.provider().used().memoryMb());
        assertEquals(1, view.instances());
        assertEquals(1, view.ioOps());
        states.unreserve("h1", r);
        assertEquals(0, states.get("h1").provider().used().memoryMb());
    }

    @Test
    void statusAndAggregatesApplyToHostsKnownLater() {
        HostStates states = new HostStates("nova");
        states.updateStatus("h1", new ServiceStatus(false, false, "maintenance"));
        states.replaceAggregates(Map.of("h1", List.of(new AggregateInfo("1", "a", "az1", Map.of()))));
        states.update(provider("h1", 1, 0));
        HostState h1 = states.get("h1");
        assertFalse(h1.isEnabled());
        assertEquals("az1", h1.availabilityZone());
        states.update(provider("h2", 1, 0));
        assertEquals("nova", states.get("h2").availabilityZone());
    }

    @Test
    void refreshDropsStatusesNoLongerStored() {
        HostStates states = new HostStates("nova");
        states.update(provider("h1", 1, 0));
        states.updateStatus("h1", new ServiceStatus(false, false, null));
        states.refresh(List.of(provider("h1", 2, 0)), Map.of(), Map.of());
        assertEquals(true, states.get("h1").isEnabled());
    }
}
