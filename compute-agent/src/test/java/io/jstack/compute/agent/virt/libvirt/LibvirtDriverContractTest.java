package io.jstack.compute.agent.virt.libvirt;

import io.jstack.common.compute.ImageSpec;
import io.jstack.common.compute.InstanceSpec;
import io.jstack.compute.agent.virt.ImageSource;
import io.jstack.compute.agent.virt.VirtDriver;
import io.jstack.compute.agent.virt.VirtDriverContractTest;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Order;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The driver contract over the libvirt driver: a real guest (the launcher's tiny test guest, deploy/dev/guest.sh)
 * under qemu through the machine's libvirtd. Skipped, saying why, where libvirtd or the test guest is absent
 * (deploy/dev/test.sh prepares both where it can).
 */
class LibvirtDriverContractTest extends VirtDriverContractTest {

    static final Path GUEST = Path.of(Optional.ofNullable(System.getenv("JSTACK_TEST_GUEST"))
            .orElse("../.run/guest/disk.qcow2"));
    static final Path WORK = Path.of("target/libvirt-contract").toAbsolutePath();

    private String checksum;

    @Override
    protected VirtDriver createDriver() throws Exception {
        Assumptions.assumeTrue(Files.exists(Path.of("/run/libvirt/libvirt-sock")),
                "libvirtd is not running here: the libvirt driver's contract tests are skipped");
        Assumptions.assumeTrue(Files.exists(GUEST), "no test guest at " + GUEST.toAbsolutePath()
                + " (deploy/dev/guest.sh builds it): the libvirt driver's contract tests are skipped");
        checksum = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(Files.readAllBytes(GUEST)));
        Files.createDirectories(WORK);
        return new LibvirtDriver("contract-host", "127.0.0.1", settings(WORK), Clock.systemUTC());
    }

    static LibvirtSettings settings(Path work) {
        return new TestSettings(work.resolve("instances").toString(), work.resolve("cache").toString());
    }

    /** The driver's settings as the contract runs it: defaults, but its own directories and quick retries. */
    record TestSettings(String instancesPath, String cachePath) implements LibvirtSettings {
        public String uri() {
            return "qemu:///system";
        }

        public String virtType() {
            return "auto";
        }

        public Optional<String> imageCachePath() {
            return Optional.of(cachePath);
        }

        public Duration imageCacheMaxAge() {
            return Duration.ofHours(24);
        }

        public String machineType() {
            return "pc";
        }

        public String cpuMode() {
            return "auto";
        }

        public int consoleMaxBytes() {
            return 102400;
        }

        public Duration shutdownRetryInterval() {
            return Duration.ofSeconds(2);
        }

        public Duration softRebootTimeout() {
            return Duration.ofSeconds(60);
        }

        public Duration spawnTimeout() {
            return Duration.ofSeconds(60);
        }

        public int tcgCacheMb() {
            return 32;
        }

        public Optional<Integer> diskGb() {
            return Optional.empty();
        }
    }

    @Override
    protected ImageSpec image() {
        return new ImageSpec("contract-guest-" + checksum.substring(0, 8), "guest", "active", "qcow2", "bare",
                GUEST.toFile().length(), 0, 0, checksum, Map.of());
    }

    @Override
    protected ImageSource imageSource() {
        return () -> Files.newInputStream(GUEST);
    }

    @Override
    protected void awaitBooted(String uuid, int bootNumber, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        String console = "";
        while (System.nanoTime() < deadline) {
            console = driver.consoleOutput(uuid);
            long boots = console.lines().filter(l -> l.startsWith("GUEST-BOOTED")).count();
            if (boots >= bootNumber && console.lines().anyMatch(l -> l.startsWith("BLOCK-DEVICES"))) {
                String marker = console.lines().filter(l -> l.startsWith("GUEST-BOOTED")).toList().getLast();
                // the guest read its hostname from the config drive and its serial from SMBIOS
                assertEquals("GUEST-BOOTED hostname=contract-vm serial=" + uuid, marker.strip());
                assertTrue(console.contains("\"uuid\":\"" + uuid + "\""), console);
                assertTrue(console.contains("CONFIG-DRIVE user_data hello from user data"), console);
                // root, ephemeral, swap and the config drive
                assertTrue(console.contains("BLOCK-DEVICES vda vdb vdc vdd"), console);
                return;
            }
            Thread.sleep(500);
        }
        fail("boot " + bootNumber + " of " + uuid + " not seen within " + timeout + "; console:\n" + console);
    }

    @Override
    protected List<String> leftovers(String uuid) {
        List<String> left = new ArrayList<>();
        if (Files.exists(WORK.resolve("instances").resolve(uuid))) {
            left.add("instance directory " + uuid);
        }
        try {
            Process p = new ProcessBuilder("virsh", "-c", "qemu:///system", "domuuid", "instance-" + uuid)
                    .redirectErrorStream(true).start();
            if (p.waitFor() == 0) {
                left.add("domain instance-" + uuid);
            }
        } catch (IOException | InterruptedException e) {
            left.add("virsh failed: " + e.getMessage());
        }
        return left;
    }

    /** An image that claims to be raw while its data is qcow2: refused after the download, before any domain. */
    @Override
    protected InstanceSpec failingInstance() {
        String id = UUID.randomUUID().toString();
        ImageSpec lying = new ImageSpec("contract-lying-" + id.substring(0, 8), "lying", "active", "raw", "bare",
                GUEST.toFile().length(), 0, 0, null, Map.of());
        return new InstanceSpec(id, "lying", "lying", "p", "u", flavor(), lying, null, null, null, Map.of(), null,
                null, false);
    }

    /** libvirtd restarts under a running guest: the guest lives on, the driver reconnects, events come again. */
    @Test
    @Order(85)
    void aLibvirtdRestartIsSurvived() throws Exception {
        Path pidFile = Path.of("/run/libvirtd.pid");
        Assumptions.assumeTrue(Files.exists(pidFile), "libvirtd runs without a pid file here (a service manager's)");
        long pid = Long.parseLong(Files.readString(pidFile).strip());
        ProcessHandle daemon = ProcessHandle.of(pid).orElseThrow();
        daemon.destroy();
        daemon.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
        new ProcessBuilder("libvirtd", "-d").inheritIO().start().waitFor();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!Files.exists(Path.of("/run/libvirt/libvirt-sock")) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        // the first call after the restart finds the old connection dead and opens a new one
        assertEquals(io.jstack.common.compute.PowerState.RUNNING, power());
        driver.pause(uuid);
        awaitEvent(io.jstack.compute.agent.virt.LifecycleEvent.Transition.PAUSED);
        driver.unpause(uuid);
        awaitEvent(io.jstack.compute.agent.virt.LifecycleEvent.Transition.RESUMED);
    }

    @Test
    @Order(110)
    void unusedBaseImagesLeaveTheCacheAfterTheirAge() throws Exception {
        LibvirtDriver libvirt = (LibvirtDriver) driver;
        Path cache = libvirt.imageCacheDir();
        assertTrue(Files.exists(cache.resolve(image().id())), "the base image is cached");
        // no instance uses it now; with an age of zero it goes at once
        ImageCache zeroAge = new ImageCache(cache, Duration.ZERO, Clock.systemUTC());
        assertEquals(List.of(image().id()), zeroAge.cleanup(java.util.Set.of()));
        try (Stream<Path> files = Files.list(cache)) {
            assertEquals(0, files.count());
        }
    }
}
