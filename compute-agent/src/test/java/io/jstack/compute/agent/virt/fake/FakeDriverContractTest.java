package io.jstack.compute.agent.virt.fake;

import io.jstack.common.compute.ImageSpec;
import io.jstack.common.compute.InstanceSpec;
import io.jstack.compute.agent.virt.HostResources;
import io.jstack.compute.agent.virt.ImageSource;
import io.jstack.compute.agent.virt.VirtDriver;
import io.jstack.compute.agent.virt.VirtDriverContractTest;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The driver contract over the fake driver. */
class FakeDriverContractTest extends VirtDriverContractTest {

    @Override
    protected VirtDriver createDriver() {
        HostResources resources = new HostResources("contract", "fake", 1000, "127.0.0.1", 8, 16384, 100, "x86_64",
                List.of("x86_64:fake:hvm"), Map.of(), List.of());
        return new FakeDriver("contract", resources, Duration.ZERO, Duration.ZERO, 0, false, new Random(1));
    }

    @Override
    protected ImageSpec image() {
        return new ImageSpec("image-1", "fake", "active", "raw", "bare", 1L, 0, 0, null, Map.of());
    }

    @Override
    protected ImageSource imageSource() {
        return ImageSource.none();
    }

    @Override
    protected void awaitBooted(String uuid, int bootNumber, Duration timeout) {
        String console = driver.consoleOutput(uuid);
        long boots = console.lines().filter(l -> l.contains("serial " + uuid)).count();
        assertTrue(boots >= bootNumber, console);
    }

    @Override
    protected List<String> leftovers(String uuid) {
        return List.of();
    }

    @Override
    protected InstanceSpec failingInstance() {
        return new InstanceSpec(UUID.randomUUID().toString(), "fails", "fails", "p", "u", flavor(), image(), null,
                null, null, Map.of("fake_fail", "spawn"), null, null, false);
    }
}
