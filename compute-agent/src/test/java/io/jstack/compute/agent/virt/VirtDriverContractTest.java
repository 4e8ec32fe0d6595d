package io.jstack.compute.agent.virt;

import io.jstack.common.compute.FlavorSpec;
import io.jstack.common.compute.ImageSpec;
import io.jstack.common.compute.InstanceSpec;
import io.jstack.common.compute.PowerState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * What every virt driver must do, run against each of them (as Nova's shared virt driver test case runs over its
 * fake and libvirt drivers). One guest goes through its whole life in order: spawn, every power action, snapshot,
 * diagnostics, destroy; a second one's failed spawn must leave nothing behind. Subclasses supply the driver, the
 * image, and how to see inside the guest and on the host. Orders are tens, so a driver's own tests fit between.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public abstract class VirtDriverContractTest {

    protected VirtDriver driver;
    protected final String uuid = UUID.randomUUID().toString();
    private final List<LifecycleEvent> events = new CopyOnWriteArrayList<>();

    /** The driver under test (called once; closed after the suite). */
    protected abstract VirtDriver createDriver() throws Exception;

    /** The image guests boot and where its bytes come from. */
    protected abstract ImageSpec image();

    protected abstract ImageSource imageSource();

    /** Blocks until the guest's console shows that it booted (a marker, a login prompt) after {@code since}. */
    protected abstract void awaitBooted(String uuid, int bootNumber, Duration timeout) throws Exception;

    /** Anything of the instance left on the host (domain, disks, console log) after a destroy; empty: nothing. */
    protected abstract List<String> leftovers(String uuid);

    /** An instance whose spawn this driver refuses (and must clean up after). */
    protected abstract InstanceSpec failingInstance();

    protected InstanceSpec instance(String id, String name, FlavorSpec flavor, boolean configDrive) {
        return new InstanceSpec(id, name, name, "project-1", "user-1", flavor, image(), "key-1",
                "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIContractTestKey contract@test", "aGVsbG8gZnJvbSB1c2VyIGRhdGEK",
                Map.of("role", "contract"), "nova", "secret-pass", configDrive);
    }

    protected FlavorSpec flavor() {
        return new FlavorSpec("42", "m1.nano", 1, 128, 1, 1, 16, Map.of());
    }

    @BeforeAll
    void start() throws Exception {
        driver = createDriver();
        driver.setLifecycleListener(events::add);
    }

    @AfterAll
    void stop() {
        if (driver != null) {
            try {
                driver.destroy(uuid);
            } finally {
                driver.close();
            }
        }
    }

    protected int power() {
        return driver.instanceInfo(uuid).orElseThrow().powerState();
    }

    protected void awaitEvent(LifecycleEvent.Transition transition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (events.stream().anyMatch(e -> e.uuid().equals(uuid) && e.transition() == transition)) {
                events.clear();
                return;
            }
            Thread.sleep(50);
        }
        fail("no " + transition + " event for " + uuid + " (saw " + events + ")");
    }

    @Test
    @Order(10)
    void spawnRunsTheGuest() throws Exception {
        driver.spawn(instance(uuid, "contract-vm", flavor(), true), new SpawnContext(imageSource(), List.of(),
                io.jstack.compute.agent.service.ConfigDriveFiles.of(instance(uuid, "contract-vm", flavor(), true))));
        assertEquals(PowerState.RUNNING, power());
        assertTrue(driver.listInstances().stream().anyMatch(i -> i.uuid().equals(uuid)));
        awaitEvent(LifecycleEvent.Transition.STARTED);
        awaitBooted(uuid, 1, Duration.ofSeconds(120));
        assertTrue(driver.hostResources().vcpus() > 0);
    }

    @Test
    @Order(20)
    void aSecondSpawnOfTheSameInstanceIsRefused() {
        assertThrows(VirtDriverException.class, () -> driver.spawn(instance(uuid, "contract-vm", flavor(), false),
                new SpawnContext(imageSource(), List.of(), Map.of())));
        assertEquals(PowerState.RUNNING, power());
    }

    @Test
    @Order(30)
    void pauseAndUnpause() throws Exception {
        driver.pause(uuid);
        assertEquals(PowerState.PAUSED, power());
        awaitEvent(LifecycleEvent.Transition.PAUSED);
        driver.pause(uuid); // already paused: nothing to do
        driver.unpause(uuid);
        assertEquals(PowerState.RUNNING, power());
        awaitEvent(LifecycleEvent.Transition.RESUMED);
    }

    @Test
    @Order(40)
    void suspendAndResume() throws Exception {
        driver.suspend(uuid);
        assertEquals(PowerState.SUSPENDED, power());
        awaitEvent(LifecycleEvent.Transition.SUSPENDED);
        assertThrows(VirtDriverException.class, () -> driver.pause(uuid));
        driver.resume(uuid);
        assertEquals(PowerState.RUNNING, power());
        awaitEvent(LifecycleEvent.Transition.RESUMED);
    }

    @Test
    @Order(50)
    void stopAndStart() throws Exception {
        driver.powerOff(uuid, Duration.ofSeconds(30));
        assertEquals(PowerState.SHUTDOWN, power());
        awaitEvent(LifecycleEvent.Transition.STOPPED);
        driver.powerOff(uuid, Duration.ofSeconds(30)); // already off
        driver.powerOn(uuid);
        assertEquals(PowerState.RUNNING, power());
        awaitEvent(LifecycleEvent.Transition.STARTED);
        awaitBooted(uuid, 2, Duration.ofSeconds(120));
    }

    @Test
    @Order(60)
    void hardAndSoftReboot() throws Exception {
        driver.reboot(uuid, RebootType.HARD);
        assertEquals(PowerState.RUNNING, power());
        awaitBooted(uuid, 3, Duration.ofSeconds(120));
        driver.reboot(uuid, RebootType.SOFT);
        assertEquals(PowerState.RUNNING, power());
        awaitBooted(uuid, 4, Duration.ofSeconds(120));
    }

    @Test
    @Order(70)
    void snapshotCopiesTheDiskAndTheGuestKeepsRunning() throws Exception {
        SnapshotImage snapshot = driver.snapshot(uuid, UUID.randomUUID().toString());
        try {
            assertTrue(Files.size(snapshot.file()) > 0);
            assertEquals(Files.size(snapshot.file()), snapshot.size());
            assertFalse(snapshot.diskFormat().isBlank());
        } finally {
            Files.deleteIfExists(snapshot.file());
        }
        assertEquals(PowerState.RUNNING, power());
    }

    @Test
    @Order(80)
    void diagnosticsDescribeTheGuest() {
        Diagnostics d = driver.diagnostics(uuid);
        assertEquals(PowerState.RUNNING, d.powerState());
        assertEquals(flavor().vcpus(), d.cpus().size());
        assertEquals(flavor().memoryMb() * 1024L, d.memoryMaximumKb());
        assertFalse(d.disks().isEmpty());
        assertTrue(d.configDrive());
        assertTrue(driver.consoleOutput(uuid).length() > 0);
    }

    @Test
    @Order(90)
    void destroyCleansEverything() {
        driver.destroy(uuid);
        assertTrue(driver.instanceInfo(uuid).isEmpty());
        assertTrue(driver.listInstances().stream().noneMatch(i -> i.uuid().equals(uuid)));
        assertEquals(List.of(), leftovers(uuid));
        driver.destroy(uuid); // a guest that is gone is not an error
        assertThrows(InstanceNotFoundException.class, () -> driver.powerOn(uuid));
        assertThrows(InstanceNotFoundException.class, () -> driver.consoleOutput(uuid));
    }

    @Test
    @Order(100)
    void aFailedSpawnLeavesNothingBehind() {
        InstanceSpec failing = failingInstance();
        assertThrows(VirtDriverException.class, () -> driver.spawn(failing,
                new SpawnContext(imageSource(), List.of(), Map.of())));
        assertTrue(driver.instanceInfo(failing.uuid()).isEmpty());
        assertEquals(List.of(), leftovers(failing.uuid()));
    }
}
