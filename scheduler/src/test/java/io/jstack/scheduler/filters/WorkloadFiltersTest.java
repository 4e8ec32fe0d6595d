package io.jstack.scheduler.filters;

import org.junit.jupiter.api.Test;

import static io.jstack.scheduler.Fixtures.host;
import static io.jstack.scheduler.Fixtures.request;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** NumInstancesFilter and IoOpsFilter. */
class WorkloadFiltersTest {

    @Test
    void numInstancesBelowTheMaximum() {
        NumInstancesFilter filter = new NumInstancesFilter(50);
        assertTrue(filter.hostPasses(host("h").instances(49).build(), request().build()));
        assertFalse(filter.hostPasses(host("h").instances(50).build(), request().build()));
    }

    @Test
    void ioOpsBelowTheMaximum() {
        IoOpsFilter filter = new IoOpsFilter(8);
        assertTrue(filter.hostPasses(host("h").ioOps(7).build(), request().build()));
        assertFalse(filter.hostPasses(host("h").ioOps(8).build(), request().build()));
    }
}
