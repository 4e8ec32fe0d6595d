package io.jstack.scheduler.filters;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.jstack.scheduler.Fixtures.NOW;
import static io.jstack.scheduler.Fixtures.host;
import static io.jstack.scheduler.Fixtures.request;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ComputeFilterTest {

    private final ComputeFilter filter = new ComputeFilter(Duration.ofSeconds(60));

    @Test
    void upAndEnabledPasses() {
        assertTrue(filter.hostPasses(host("h").reportedAt(NOW.minusSeconds(59)).build(), request().build()));
    }

    @Test
    void silentHostIsDown() {
        assertFalse(filter.hostPasses(host("h").reportedAt(NOW.minusSeconds(61)).build(), request().build()));
        assertFalse(filter.hostPasses(host("h").reportedAt(null).build(), request().build()));
    }

    @Test
    void disabledHostFails() {
        assertFalse(filter.hostPasses(host("h").status(false, false).build(), request().build()));
    }

    @Test
    void forcedDownHostFails() {
        assertFalse(filter.hostPasses(host("h").status(true, true).build(), request().build()));
    }
}
