package io.jstack.compute.agent.virt.fake;

import io.jstack.common.compute.FlavorSpec;
import io.jstack.common.compute.ImageSpec;
import io.jstack.common.compute.InstanceSpec;
import io.jstack.common.compute.PowerState;
import io.jstack.compute.agent.virt.HostResources;
import io.jstack.compute.agent.virt.InstanceNotFoundException;
import io.jstack.compute.agent.virt.LifecycleEvent;
import io.jstack.compute.agent.virt.RebootType;
import io.jstack.compute.agent.virt.SpawnContext;
import io.jstack.compute.agent.virt.VirtDriverException;
import io.jstack.compute.agent.virt.VolumeAttachment;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FakeDriverTest {

    private static FakeDriver driver(String host, double failureRate, boolean failEverySpawn) {
        HostResources resources = new HostResources(host, "fake", 1000, "10.0.0.1", 8, 16384, 100, "x86_64",
                List.of("x86_64:fake:hvm"), Map.of(), List.of());
        return new FakeDriver(host, resources, Duration.ZERO, Duration.ZERO, failureRate, failEverySpawn,
                new Random(1));
    }

    private static InstanceSpec instance(String uuid, Map<String, String> metadata, Map<String, String> extraSpecs,
                                         Map<String, String> imageProps) {
        return new InstanceSpec(uuid, "vm-" + uuid, "host-" + uuid, "p", "u",
                new FlavorSpec("1", "tiny", 1, 512, 1, 0, 0, extraSpecs),
                new ImageSpec("i", "img", "active", "raw", "bare", 1L, 0, 0, null, imageProps), null, null, null,
                metadata, null, null, true);
    }

    private static InstanceSpec instance(String uuid) {
        return instance(uuid, Map.of(), Map.of(), Map.of());
    }

    @Test
    void guestsMoveThroughPowerStates() {
        FakeDriver d = driver("h1", 0, false);
        d.spawn(instance("a"), SpawnContext.none());
        assertEquals(PowerState.RUNNING, d.instanceInfo("a").orElseThrow().powerState());
        d.pause("a");
        assertEquals(PowerState.PAUSED, d.instanceInfo("a").orElseThrow().powerState());
        d.pause("a"); // again: already there
        d.unpause("a");
        d.suspend("a");
        assertEquals(PowerState.SUSPENDED, d.instanceInfo("a").orElseThrow().powerState());
        assertThrows(VirtDriverException.class, () -> d.pause("a"));
        d.resume("a");
        d.powerOff("a", Duration.ofSeconds(1));
        assertEquals(PowerState.SHUTDOWN, d.instanceInfo("a").orElseThrow().powerState());
        d.reboot("a", RebootType.HARD);
        assertEquals(PowerState.RUNNING, d.instanceInfo("a").orElseThrow().powerState());
        d.destroy("a");
        d.destroy("a");
        assertTrue(d.instanceInfo("a").isEmpty());
        assertThrows(InstanceNotFoundException.class, () -> d.powerOn("a"));
    }

    @Test
    void theConsoleTellsABootStory() {
        FakeDriver d = driver("h1", 0, false);
        d.spawn(instance("a"), SpawnContext.none());
        String console = d.consoleOutput("a");
        assertTrue(console.contains("serial a"), console);
        assertTrue(console.contains("config-2"), console);
        assertTrue(console.trim().endsWith("host-a login:"), console);
        d.reboot("a", RebootType.SOFT);
        assertTrue(d.consoleOutput("a").contains("reboot: Restarting system"));
    }

    @Test
    void failuresAreInjectedOnRequest() {
        FakeDriver d = driver("h1", 0, false);
        assertThrows(VirtDriverException.class,
                () -> d.spawn(instance("m", Map.of("fake_fail", "spawn"), Map.of(), Map.of()), SpawnContext.none()));
        assertThrows(VirtDriverException.class,
                () -> d.spawn(instance("f", Map.of(), Map.of("fake:fail", "reboot,spawn"), Map.of()),
                        SpawnContext.none()));
        assertThrows(VirtDriverException.class,
                () -> d.spawn(instance("i", Map.of(), Map.of(), Map.of("fake_fail", "spawn")), SpawnContext.none()));
        // only on the hosts named
        d.spawn(instance("elsewhere", Map.of("fake_fail", "spawn", "fake_fail_hosts", "h2"), Map.of(), Map.of()),
                SpawnContext.none());
        d.spawn(instance("p", Map.of("fake_fail", "pause"), Map.of(), Map.of()), SpawnContext.none());
        assertThrows(VirtDriverException.class, () -> d.pause("p"));
        assertEquals(PowerState.RUNNING, d.instanceInfo("p").orElseThrow().powerState());
        assertTrue(d.instanceInfo("m").isEmpty());
    }

    @Test
    void failingHostsAndFailureRatesFailSpawns() {
        assertThrows(VirtDriverException.class, () -> driver("bad", 0, true).spawn(instance("a"), SpawnContext.none()));
        FakeDriver always = driver("h", 1.0, false);
        assertThrows(VirtDriverException.class, () -> always.spawn(instance("a"), SpawnContext.none()));
        assertEquals(1, always.spawnCount());
    }

    @Test
    void volumesAttachAndDetach() {
        FakeDriver d = driver("h1", 0, false);
        d.spawn(instance("a"), new SpawnContext(null, List.of(new VolumeAttachment("v1", "file", Map.of(), null)),
                Map.of()));
        d.attachVolume("a", new VolumeAttachment("v2", "file", Map.of("path", "/x"), "/dev/vdc"));
        assertEquals(Set.of("v1", "v2"), d.attachedVolumes("a"));
        d.detachVolume("a", "v1");
        assertEquals(Set.of("v2"), d.attachedVolumes("a"));
        assertTrue(d.snapshot("a", "img").size() > 0);
    }

    @Test
    void lifecycleEventsReportChanges() throws InterruptedException {
        FakeDriver d = driver("h1", 0, false);
        LinkedBlockingQueue<LifecycleEvent> events = new LinkedBlockingQueue<>();
        d.setLifecycleListener(events::add);
        d.spawn(instance("a"), SpawnContext.none());
        assertEquals(LifecycleEvent.Transition.STARTED, events.poll(5, TimeUnit.SECONDS).transition());
        d.simulateGuestShutdown("a");
        assertEquals(LifecycleEvent.Transition.STOPPED, events.poll(5, TimeUnit.SECONDS).transition());
        assertEquals(PowerState.SHUTDOWN, d.instanceInfo("a").orElseThrow().powerState());
    }

    @Test
    void hostNamesFromCountAndPrefix() {
        assertEquals(List.of("machine"), FakeHosts.names(fake(1, null), "machine"));
        assertEquals(List.of("f-1", "f-2", "f-3"), FakeHosts.names(fake(3, "f"), "machine"));
        assertEquals(List.of("machine-1", "machine-2"), FakeHosts.names(fake(2, null), "machine"));
        assertEquals(List.of("solo-1"), FakeHosts.names(fake(1, "solo"), "machine"));
    }

    private static FakeSettings fake(int count, String prefix) {
        return (FakeSettings) java.lang.reflect.Proxy.newProxyInstance(
                FakeDriverTest.class.getClassLoader(),
                new Class<?>[]{FakeSettings.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "hostCount" -> count;
                    case "hostPrefix" -> java.util.Optional.ofNullable(prefix);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void withAStateFileGuestsOutliveTheDriver() throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("fake-hypervisor");
        java.nio.file.Path state = dir.resolve("h1.json");
        HostResources resources = new HostResources("h1", "fake", 1000, "10.0.0.1", 8, 16384, 100, "x86_64",
                List.of("x86_64:fake:hvm"), Map.of(), List.of());
        FakeDriver first = new FakeDriver("h1", resources, Duration.ZERO, Duration.ZERO, 0, false, new Random(1),
                state);
        first.spawn(instance("a"), SpawnContext.none());
        first.spawn(instance("b"), SpawnContext.none());
        first.spawn(instance("c"), SpawnContext.none());
        first.powerOff("b", Duration.ZERO);
        first.destroy("c");
        first.close();

        // the agent process is gone; a new driver on the same host finds its guests as they were
        FakeDriver again = new FakeDriver("h1", resources, Duration.ZERO, Duration.ZERO, 0, false, new Random(1),
                state);
        assertEquals(Set.of("a", "b"), Set.copyOf(again.listInstances().stream().map(i -> i.uuid()).toList()));
        assertEquals(PowerState.RUNNING, again.instanceInfo("a").orElseThrow().powerState());
        assertEquals(PowerState.SHUTDOWN, again.instanceInfo("b").orElseThrow().powerState());
        again.powerOn("b");
        assertEquals(PowerState.RUNNING, again.instanceInfo("b").orElseThrow().powerState());
        assertTrue(java.nio.file.Files.readString(state).contains("\"a\""));
    }
}
