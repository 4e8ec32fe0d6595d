package io.jstack.compute.agent.virt.fake;

import io.jstack.common.compute.InstanceSpec;
import io.jstack.common.compute.PowerState;
import io.jstack.compute.agent.virt.Diagnostics;
import io.jstack.compute.agent.virt.HostResources;
import io.jstack.compute.agent.virt.InstanceInfo;
import io.jstack.compute.agent.virt.InstanceNotFoundException;
import io.jstack.compute.agent.virt.LifecycleEvent;
import io.jstack.compute.agent.virt.LifecycleEvent.Transition;
import io.jstack.compute.agent.virt.RebootType;
import io.jstack.compute.agent.virt.SnapshotImage;
import io.jstack.compute.agent.virt.SpawnContext;
import io.jstack.compute.agent.virt.VirtDriver;
import io.jstack.compute.agent.virt.VirtDriverException;
import io.jstack.compute.agent.virt.VolumeAttachment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * A hypervisor in memory: guests are records with a power state and a console log, operations take configurable
 * time, and failures can be injected, so the rest of the cloud (and the scheduler at scale) can be exercised
 * without virtualisation. One process runs as many fake hosts as it likes, one driver each.
 * <p>
 * Failures: a spawn fails with the configured probability, always on a failing host, and whenever the instance
 * asks for it: metadata {@code fake_fail}, flavor extra spec {@code fake:fail} or image property {@code fake_fail}
 * naming operations (comma-separated: spawn, reboot, power_off, power_on, pause, unpause, suspend, resume,
 * destroy, snapshot, attach_volume, detach_volume), optionally only on some hosts ({@code fake_fail_hosts},
 * {@code fake:fail_hosts}).
 * <p>
 * With a state file, guests outlive the agent process as they outlive nova-compute on a real hypervisor: every
 * change is written to the file (to a temporary name, then renamed), and a driver started again finds the guests
 * that were there, powered as they were (their consoles start empty).
 */
public final class FakeDriver implements VirtDriver {

    private static final ExecutorService EVENTS = Executors.newVirtualThreadPerTaskExecutor();
    private static final int CONSOLE_LINES = 2000;

    private final String host;
    private final HostResources resources;
    private final Duration spawnDelay;
    private final Duration actionDelay;
    private final double spawnFailureRate;
    private final boolean failEverySpawn;
    private final RandomGenerator random;
    private final Map<String, FakeGuest> guests = new ConcurrentHashMap<>();
    private final AtomicInteger spawns = new AtomicInteger();
    private volatile Consumer<LifecycleEvent> listener = event -> { };
    private final Path stateFile;
    private final Object saving = new Object();

    /** A guest as the state file keeps it. */
    record SavedGuest(InstanceSpec spec, int powerState) {
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper STATE_JSON =
            new com.fasterxml.jackson.databind.ObjectMapper()
                    .configure(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** One guest: its spec, power state, console and volumes. Guarded by its own monitor. */
    private static final class FakeGuest {
        final InstanceSpec spec;
        final long bootNanos = System.nanoTime();
        final Deque<String> console = new ArrayDeque<>();
        final Map<String, VolumeAttachment> volumes = new LinkedHashMap<>();
        int powerState = PowerState.NOSTATE;

        FakeGuest(InstanceSpec spec) {
            this.spec = spec;
        }

        synchronized void log(String line) {
            double seconds = (System.nanoTime() - bootNanos) / 1e9;
            console.addLast("[%12.6f] %s".formatted(seconds, line));
            while (console.size() > CONSOLE_LINES) {
                console.removeFirst();
            }
        }

        synchronized String consoleText() {
            return String.join("\n", console) + "\n";
        }
    }

    public FakeDriver(String host, HostResources resources, Duration spawnDelay, Duration actionDelay,
                      double spawnFailureRate, boolean failEverySpawn, RandomGenerator random) {
        this(host, resources, spawnDelay, actionDelay, spawnFailureRate, failEverySpawn, random, null);
    }

    /** @param stateFile where guests are kept across restarts of the agent (null: in memory only) */
    public FakeDriver(String host, HostResources resources, Duration spawnDelay, Duration actionDelay,
                      double spawnFailureRate, boolean failEverySpawn, RandomGenerator random, Path stateFile) {
        this.stateFile = stateFile;
        this.host = host;
        this.resources = resources;
        this.spawnDelay = spawnDelay;
        this.actionDelay = actionDelay;
        this.spawnFailureRate = spawnFailureRate;
        this.failEverySpawn = failEverySpawn;
        this.random = random;
        restore();
    }

    /** The guests the state file has (the hypervisor kept them while the agent was away). */
    private void restore() {
        if (stateFile == null || !Files.exists(stateFile)) {
            return;
        }
        try {
            SavedGuest[] saved = STATE_JSON.readValue(stateFile.toFile(), SavedGuest[].class);
            for (SavedGuest g : saved) {
                FakeGuest guest = new FakeGuest(g.spec());
                guest.powerState = g.powerState();
                guest.log("(the fake hypervisor kept this guest while its agent was away)");
                guests.put(g.spec().uuid(), guest);
            }
        } catch (IOException | RuntimeException e) {
            throw new VirtDriverException("cannot read the fake hypervisor's state " + stateFile + ": "
                    + e.getMessage(), e);
        }
    }

    /** Writes every guest to the state file, replacing it whole. */
    private void save() {
        if (stateFile == null) {
            return;
        }
        synchronized (saving) {
            List<SavedGuest> all = guests.values().stream().map(g -> {
                synchronized (g) {
                    return new SavedGuest(g.spec, g.powerState);
                }
            }).toList();
            try {
                Files.createDirectories(stateFile.getParent());
                Path tmp = stateFile.resolveSibling(stateFile.getFileName() + ".tmp");
                STATE_JSON.writeValue(tmp.toFile(), all);
                Files.move(tmp, stateFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new VirtDriverException("cannot write the fake hypervisor's state " + stateFile + ": "
                        + e.getMessage(), e);
            }
        }
    }

    @Override
    public String host() {
        return host;
    }

    @Override
    public HostResources hostResources() {
        return resources;
    }

    @Override
    public List<InstanceInfo> listInstances() {
        return guests.values().stream().map(this::info).toList();
    }

    @Override
    public Optional<InstanceInfo> instanceInfo(String uuid) {
        FakeGuest guest = guests.get(uuid);
        return guest == null ? Optional.empty() : Optional.of(info(guest));
    }

    private InstanceInfo info(FakeGuest guest) {
        synchronized (guest) {
            long cpu = guest.powerState == PowerState.RUNNING ? System.nanoTime() - guest.bootNanos : 0;
            return new InstanceInfo(guest.spec.uuid(), guest.spec.name(), guest.powerState,
                    guest.spec.flavor() == null ? 0 : guest.spec.flavor().vcpus(),
                    guest.spec.flavor() == null ? 0 : guest.spec.flavor().memoryMb(), cpu / 100);
        }
    }

    /** Spawns done on this host (tests count them to prove a repeated build spawned once). */
    public int spawnCount() {
        return spawns.get();
    }

    @Override
    public void spawn(InstanceSpec instance, SpawnContext context) {
        sleep(spawnDelay);
        spawns.incrementAndGet();
        if (failEverySpawn || (spawnFailureRate > 0 && random.nextDouble() < spawnFailureRate)
                || asksToFail(instance, "spawn")) {
            throw new VirtDriverException("Injected failure: spawn of " + instance.uuid() + " on fake host " + host
                    + " failed");
        }
        FakeGuest guest = new FakeGuest(instance);
        if (guests.putIfAbsent(instance.uuid(), guest) != null) {
            throw new VirtDriverException("Instance " + instance.uuid() + " already exists on " + host);
        }
        context.volumes().forEach(v -> guest.volumes.put(v.volumeId(), v));
        boot(guest, !context.configDrive().isEmpty() || instance.configDrive());
        synchronized (guest) {
            guest.powerState = PowerState.RUNNING;
        }
        emit(instance.uuid(), Transition.STARTED);
    }

    /** A plausible boot log of a small Linux guest with cloud-init. */
    private void boot(FakeGuest guest, boolean configDrive) {
        InstanceSpec s = guest.spec;
        String hostname = s.hostname() != null ? s.hostname() : s.name();
        int memory = s.flavor() == null ? 512 : s.flavor().memoryMb();
        int vcpus = s.flavor() == null ? 1 : s.flavor().vcpus();
        guest.log("Linux version 6.1.0-fake-amd64 (jstack fake hypervisor on " + host + ")");
        guest.log("Command line: BOOT_IMAGE=/vmlinuz root=/dev/vda1 ro console=tty0 console=ttyS0,115200");
        guest.log("DMI: OpenStack Foundation OpenStack Nova, BIOS 1.16 serial " + s.uuid());
        guest.log("Memory: " + (memory * 1024L) + "K available");
        guest.log("smpboot: Allowing " + vcpus + " CPUs");
        guest.log("virtio_blk virtio1: [vda] " + (s.flavor() == null ? 1 : Math.max(1, s.flavor().rootGb()))
                * 2097152L + " 512-byte logical blocks");
        guest.log("EXT4-fs (vda1): mounted filesystem with ordered data mode");
        if (configDrive) {
            guest.log("ISO 9660 Extensions: RRIP_1991A; volume label config-2");
        }
        guest.log("cloud-init[412]: Cloud-init v. 23.1 running 'init' at " + Instant.now()
                + ". Up 3.21 seconds.");
        guest.log("cloud-init[412]: ci-info: | eth0 | True | 10.0.0.15 | 255.255.255.0 | global |");
        if (s.keyName() != null) {
            guest.log("cloud-init[412]: ci-info: key " + s.keyName() + " added to authorized_keys");
        }
        guest.log("cloud-init[530]: Cloud-init v. 23.1 finished. Datasource DataSource"
                + (configDrive ? "ConfigDrive" : "OpenStack") + ". Up 5.84 seconds");
        guest.log(hostname + " login:");
    }

    @Override
    public void destroy(String uuid) {
        FakeGuest guest = guests.get(uuid);
        if (guest == null) {
            return;
        }
        failIfAsked(guest, "destroy");
        sleep(actionDelay);
        if (guests.remove(uuid) != null) {
            emit(uuid, Transition.STOPPED);
        }
    }

    @Override
    public void reboot(String uuid, RebootType type) {
        FakeGuest guest = running(uuid, "reboot");
        sleep(actionDelay);
        guest.log(type == RebootType.HARD ? "reset by the hypervisor (hard reboot)" : "reboot: Restarting system");
        boot(guest, guest.spec.configDrive());
        emit(uuid, Transition.STARTED);
    }

    @Override
    public void powerOff(String uuid, Duration timeout) {
        FakeGuest guest = guest(uuid);
        failIfAsked(guest, "power_off");
        sleep(actionDelay);
        synchronized (guest) {
            if (guest.powerState == PowerState.SHUTDOWN) {
                return;
            }
            guest.powerState = PowerState.SHUTDOWN;
        }
        guest.log("reboot: Power down");
        emit(uuid, Transition.STOPPED);
    }

    @Override
    public void powerOn(String uuid) {
        FakeGuest guest = guest(uuid);
        failIfAsked(guest, "power_on");
        sleep(actionDelay);
        synchronized (guest) {
            if (guest.powerState == PowerState.RUNNING) {
                return;
            }
            guest.powerState = PowerState.RUNNING;
        }
        boot(guest, guest.spec.configDrive());
        emit(uuid, Transition.STARTED);
    }

    @Override
    public void pause(String uuid) {
        transition(uuid, "pause", Set.of(PowerState.RUNNING), PowerState.PAUSED, Transition.PAUSED);
    }

    @Override
    public void unpause(String uuid) {
        transition(uuid, "unpause", Set.of(PowerState.PAUSED), PowerState.RUNNING, Transition.RESUMED);
    }

    @Override
    public void suspend(String uuid) {
        transition(uuid, "suspend", Set.of(PowerState.RUNNING, PowerState.PAUSED), PowerState.SUSPENDED,
                Transition.SUSPENDED);
    }

    @Override
    public void resume(String uuid) {
        transition(uuid, "resume", Set.of(PowerState.SUSPENDED), PowerState.RUNNING, Transition.RESUMED);
    }

    /** Moves a guest between power states; already in the target state is fine (a repeated request). */
    private void transition(String uuid, String operation, Set<Integer> from, int to, Transition event) {
        FakeGuest guest = guest(uuid);
        failIfAsked(guest, operation);
        sleep(actionDelay);
        synchronized (guest) {
            if (guest.powerState == to) {
                return;
            }
            if (!from.contains(guest.powerState)) {
                throw new VirtDriverException("Cannot " + operation + " instance " + uuid + " in power state "
                        + guest.powerState);
            }
            guest.powerState = to;
        }
        emit(uuid, event);
    }

    @Override
    public SnapshotImage snapshot(String uuid, String imageId) {
        FakeGuest guest = guest(uuid);
        failIfAsked(guest, "snapshot");
        sleep(actionDelay);
        try {
            Path file = Files.createTempFile("fake-snapshot-" + imageId, ".raw");
            byte[] data = ("fake disk of " + uuid + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
            Files.write(file, data);
            return new SnapshotImage("raw", "bare", file, data.length);
        } catch (IOException e) {
            throw new VirtDriverException("Snapshot of " + uuid + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void attachVolume(String uuid, VolumeAttachment attachment) {
        FakeGuest guest = guest(uuid);
        failIfAsked(guest, "attach_volume");
        sleep(actionDelay);
        synchronized (guest) {
            guest.volumes.put(attachment.volumeId(), attachment);
        }
        guest.log("virtio_blk: [" + (attachment.device() == null ? "vdb" : attachment.device()) + "] attached volume "
                + attachment.volumeId());
    }

    @Override
    public void detachVolume(String uuid, String volumeId) {
        FakeGuest guest = guest(uuid);
        failIfAsked(guest, "detach_volume");
        sleep(actionDelay);
        synchronized (guest) {
            guest.volumes.remove(volumeId);
        }
        guest.log("virtio_blk: detached volume " + volumeId);
    }

    /** The volumes a guest has attached (tests). */
    public Set<String> attachedVolumes(String uuid) {
        FakeGuest guest = guest(uuid);
        synchronized (guest) {
            return Set.copyOf(guest.volumes.keySet());
        }
    }

    @Override
    public Diagnostics diagnostics(String uuid) {
        FakeGuest guest = guest(uuid);
        synchronized (guest) {
            InstanceSpec s = guest.spec;
            int vcpus = s.flavor() == null ? 1 : s.flavor().vcpus();
            long memoryKb = (s.flavor() == null ? 512L : s.flavor().memoryMb()) * 1024;
            boolean running = guest.powerState == PowerState.RUNNING;
            long upNanos = running ? System.nanoTime() - guest.bootNanos : 0;
            List<Diagnostics.Cpu> cpus = new java.util.ArrayList<>();
            for (int i = 0; i < vcpus; i++) {
                cpus.add(new Diagnostics.Cpu(i, upNanos / 100));
            }
            List<Diagnostics.Disk> disks = new java.util.ArrayList<>();
            disks.add(new Diagnostics.Disk("vda", 4096L * 512, 512, 0, 0, 0));
            guest.volumes.values().forEach(v -> disks.add(new Diagnostics.Disk(
                    v.device() == null ? "vdb" : v.device().replace("/dev/", ""), 0, 0, 0, 0, 0)));
            // the API's driver field is an enum of real drivers (libvirt, xenapi, ...): Nova's own fake driver
            // reports libvirt too, and so does this one
            return new Diagnostics(guest.powerState, "libvirt", resources.hypervisorType(), "fake-os",
                    upNanos / 1_000_000_000L, s.configDrive(), memoryKb, running ? memoryKb / 2 : 0, cpus,
                    List.of(new Diagnostics.Nic("fa:16:3e:00:00:01", 0, 0, 0, 0, 0, 0, 0, 0)), disks);
        }
    }

    @Override
    public String consoleOutput(String uuid) {
        return guest(uuid).consoleText();
    }

    /** The guest powers itself off, as after {@code poweroff} inside it: nobody asked the agent. */
    public void simulateGuestShutdown(String uuid) {
        FakeGuest guest = guest(uuid);
        synchronized (guest) {
            guest.powerState = PowerState.SHUTDOWN;
        }
        guest.log("reboot: Power down");
        emit(uuid, Transition.STOPPED);
    }

    @Override
    public void setLifecycleListener(Consumer<LifecycleEvent> listener) {
        this.listener = listener == null ? event -> { } : listener;
    }

    @Override
    public void close() {
        guests.clear();
    }

    private FakeGuest guest(String uuid) {
        FakeGuest guest = guests.get(uuid);
        if (guest == null) {
            throw new InstanceNotFoundException(uuid);
        }
        return guest;
    }

    private FakeGuest running(String uuid, String operation) {
        FakeGuest guest = guest(uuid);
        failIfAsked(guest, operation);
        synchronized (guest) {
            if (guest.powerState != PowerState.RUNNING && guest.powerState != PowerState.SHUTDOWN) {
                throw new VirtDriverException("Cannot " + operation + " instance " + uuid + " in power state "
                        + guest.powerState);
            }
            guest.powerState = PowerState.RUNNING;
        }
        return guest;
    }

    private void failIfAsked(FakeGuest guest, String operation) {
        if (asksToFail(guest.spec, operation)) {
            throw new VirtDriverException("Injected failure: " + operation + " of " + guest.spec.uuid()
                    + " on fake host " + host + " failed");
        }
    }

    /** The instance's metadata, flavor or image asks this operation to fail here. */
    private boolean asksToFail(InstanceSpec spec, String operation) {
        Map<String, String> extraSpecs = spec.flavor() == null ? Map.of() : spec.flavor().extraSpecs();
        Map<String, String> imageProps = spec.image() == null ? Map.of() : spec.image().properties();
        return trigger(spec.metadata().get("fake_fail"), spec.metadata().get("fake_fail_hosts"), operation)
                || trigger(extraSpecs.get("fake:fail"), extraSpecs.get("fake:fail_hosts"), operation)
                || trigger(imageProps.get("fake_fail"), imageProps.get("fake_fail_hosts"), operation);
    }

    private boolean trigger(String operations, String hosts, String operation) {
        if (operations == null || !list(operations).contains(operation)) {
            return false;
        }
        return hosts == null || list(hosts).contains(host);
    }

    private static List<String> list(String csv) {
        return Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private void emit(String uuid, Transition transition) {
        save();
        LifecycleEvent event = new LifecycleEvent(uuid, transition, Instant.now());
        Consumer<LifecycleEvent> target = listener;
        EVENTS.execute(() -> target.accept(event));
    }

    private static void sleep(Duration delay) {
        if (delay.isZero() || delay.isNegative()) {
            return;
        }
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VirtDriverException("interrupted");
        }
    }
}
