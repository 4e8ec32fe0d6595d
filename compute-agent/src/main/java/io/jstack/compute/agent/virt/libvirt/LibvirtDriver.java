package io.jstack.compute.agent.virt.libvirt;

import io.jstack.common.compute.FlavorSpec;
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
import org.jboss.logging.Logger;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.DomainBlockStats;
import org.libvirt.DomainInfo;
import org.libvirt.DomainInfo.DomainState;
import org.libvirt.Error.ErrorNumber;
import org.libvirt.LibvirtException;
import org.libvirt.NodeInfo;
import org.libvirt.VcpuInfo;
import org.libvirt.event.DomainEvent;
import org.libvirt.event.StartedDetail;
import org.libvirt.event.StoppedDetail;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Guests under qemu or KVM through libvirtd (Nova's LibvirtDriver, in small). Each instance has a directory under
 * the instances path holding its root disk (a qcow2 overlay over a cached base image), its ephemeral and swap disks
 * when the flavor asks for them, its config drive and its serial console log; its domain is persistent, named
 * {@code instance-<uuid>} with the instance UUID as domain UUID, so an agent restarted while guests run finds them
 * again. Power states come from libvirt; lifecycle events (including the ones no one asked for) reach the listener.
 */
public final class LibvirtDriver implements VirtDriver {

    private static final Logger LOG = Logger.getLogger(LibvirtDriver.class);
    private static final String PREFIX = "instance-";
    private static final long GIB = 1024L * 1024 * 1024;
    private static final Pattern SERIAL_DISK = Pattern.compile(
            "<disk\\b(?:(?!</disk>).)*?<serial>([^<]*)</serial>(?:(?!</disk>).)*?</disk>", Pattern.DOTALL);
    private static final Pattern TARGET_DEV = Pattern.compile("<target dev=['\"]([a-z0-9]+)['\"]");
    private static final Pattern MAC = Pattern.compile("<mac address=['\"]([0-9a-f:]+)['\"]");
    private static final Duration CLEANUP_EVERY = Duration.ofMinutes(1);

    private final String host;
    private final String hostIp;
    private final LibvirtSettings settings;
    private final Path instances;
    private final ImageCache cache;
    private final LibvirtConnection libvirt;
    private final String virtType;
    private final String cpuMode;
    private final Clock clock;
    private volatile Consumer<LifecycleEvent> listener = event -> { };
    private volatile Instant lastCleanup = Instant.EPOCH;

    public LibvirtDriver(String host, String hostIp, LibvirtSettings settings, Clock clock) {
        this.host = host;
        this.hostIp = hostIp;
        this.settings = settings;
        this.clock = clock;
        this.instances = Path.of(settings.instancesPath());
        this.cache = new ImageCache(Path.of(settings.imageCachePath().orElse(instances.resolve("_base").toString())),
                settings.imageCacheMaxAge(), clock);
        try {
            Files.createDirectories(instances);
        } catch (IOException e) {
            throw new VirtDriverException("instances path " + instances + " cannot be created: " + e.getMessage(), e);
        }
        this.libvirt = new LibvirtConnection(settings.uri(), this::onDomainEvent);
        libvirt.open();
        this.virtType = resolveVirtType(settings.virtType());
        this.cpuMode = switch (settings.cpuMode()) {
            case "auto" -> "kvm".equals(virtType) ? "host-model" : "none";
            default -> settings.cpuMode();
        };
        LOG.infof("libvirt driver for host %s: %s, domain type %s, instances in %s", host, settings.uri(), virtType,
                instances);
    }

    /** kvm only where /dev/kvm exists and libvirt's capabilities offer a kvm domain type; else qemu. */
    private String resolveVirtType(String configured) {
        if (!"auto".equals(configured)) {
            return configured;
        }
        if (!Files.exists(Path.of("/dev/kvm"))) {
            return "qemu";
        }
        try {
            String caps = libvirt.call(Connect::getCapabilities);
            return caps.contains("<domain type='kvm'") ? "kvm" : "qemu";
        } catch (LibvirtException e) {
            return "qemu";
        }
    }

    /** The domain type guests get: {@code kvm} or {@code qemu}. */
    public String virtType() {
        return virtType;
    }

    @Override
    public String host() {
        return host;
    }

    // ---- host --------------------------------------------------------------------------------------------------

    @Override
    public HostResources hostResources() {
        maybeCleanCache();
        try {
            NodeInfo node = libvirt.call(Connect::nodeInfo);
            long version = libvirt.call(Connect::getVersion);
            int diskGb = settings.diskGb().orElseGet(() -> {
                try {
                    return (int) (Files.getFileStore(instances).getTotalSpace() / GIB);
                } catch (IOException e) {
                    return 0;
                }
            });
            String arch = node.model == null || node.model.isBlank() ? "x86_64" : node.model;
            return new HostResources(host, "QEMU", version, hostIp, node.cpus, (int) (node.memory / 1024), diskGb,
                    arch, List.of(arch + ":" + virtType + ":hvm"),
                    Map.of("cpu_info:arch", arch, "cpu_info:vendor", "QEMU", "cpu_info:model",
                            "kvm".equals(virtType) ? "host-model" : "qemu64",
                            "cpu_info:topology:sockets", Integer.toString(node.sockets),
                            "cpu_info:topology:cores", Integer.toString(node.cores),
                            "cpu_info:topology:threads", Integer.toString(node.threads)),
                    List.of("COMPUTE_VOLUME_ATTACH_WITH_TAG"));
        } catch (LibvirtException e) {
            throw failure("host resources could not be read", e);
        }
    }

    private void maybeCleanCache() {
        Instant now = clock.instant();
        if (Duration.between(lastCleanup, now).compareTo(CLEANUP_EVERY) < 0) {
            return;
        }
        lastCleanup = now;
        cache.cleanup(imagesInUse());
    }

    /** The base images the instances of this host are layered on (each instance directory names its base). */
    private Set<String> imagesInUse() {
        Set<String> used = new HashSet<>();
        try (var dirs = Files.list(instances)) {
            for (Path dir : dirs.toList()) {
                Path base = dir.resolve("base");
                if (Files.isRegularFile(base)) {
                    used.add(Files.readString(base).strip());
                }
            }
        } catch (IOException e) {
            LOG.warnf("instances of %s could not be listed: %s", instances, e.getMessage());
        }
        return used;
    }

    /** Removes cached base images no instance uses and that were unused for the configured age (now). */
    public List<String> cleanImageCache() {
        lastCleanup = clock.instant();
        return cache.cleanup(imagesInUse());
    }

    /** Where the cached base images are. */
    public Path imageCacheDir() {
        return cache.dir();
    }

    // ---- instances ---------------------------------------------------------------------------------------------

    @Override
    public List<InstanceInfo> listInstances() {
        try {
            return libvirt.call(c -> {
                List<InstanceInfo> found = new ArrayList<>();
                for (int id : c.listDomains()) {
                    add(found, c.domainLookupByID(id));
                }
                for (String name : c.listDefinedDomains()) {
                    add(found, c.domainLookupByName(name));
                }
                return found;
            });
        } catch (LibvirtException e) {
            throw failure("guests could not be listed", e);
        }
    }

    private void add(List<InstanceInfo> found, Domain domain) {
        try {
            if (domain.getName().startsWith(PREFIX) && ours(domain.getUUIDString())) {
                found.add(info(domain));
            }
        } catch (LibvirtException e) {
            // the domain went away while listing
        }
    }

    @Override
    public Optional<InstanceInfo> instanceInfo(String uuid) {
        try {
            return libvirt.call(c -> lookup(c, uuid).map(d -> {
                try {
                    return info(d);
                } catch (LibvirtException e) {
                    return null;
                }
            }));
        } catch (LibvirtException e) {
            throw failure("guest " + uuid + " could not be read", e);
        }
    }

    private InstanceInfo info(Domain d) throws LibvirtException {
        DomainInfo info = d.getInfo();
        String name = d.getName();
        return new InstanceInfo(d.getUUIDString(), name, powerState(d, info), info.nrVirtCpu,
                (int) (info.maxMem / 1024), info.cpuTime);
    }

    /** Nova's mapping of libvirt states; a shut-off domain with a managed save image is suspended. */
    private static int powerState(Domain d, DomainInfo info) throws LibvirtException {
        return switch (info.state) {
            case VIR_DOMAIN_RUNNING, VIR_DOMAIN_BLOCKED -> PowerState.RUNNING;
            case VIR_DOMAIN_PAUSED -> PowerState.PAUSED;
            case VIR_DOMAIN_SHUTDOWN -> PowerState.SHUTDOWN;
            case VIR_DOMAIN_SHUTOFF -> d.hasManagedSaveImage() > 0 ? PowerState.SUSPENDED : PowerState.SHUTDOWN;
            case VIR_DOMAIN_CRASHED -> PowerState.CRASHED;
            case VIR_DOMAIN_PMSUSPENDED -> PowerState.SUSPENDED;
            default -> PowerState.NOSTATE;
        };
    }

    private static Optional<Domain> lookup(Connect c, String uuid) throws LibvirtException {
        if (!isUuid(uuid)) {
            return Optional.empty();
        }
        try {
            return Optional.of(c.domainLookupByUUIDString(uuid));
        } catch (LibvirtException e) {
            if (code(e) == ErrorNumber.VIR_ERR_NO_DOMAIN) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private Domain domain(Connect c, String uuid) throws LibvirtException {
        return lookup(c, uuid).orElseThrow(() -> new InstanceNotFoundException(uuid));
    }

    private Path dir(String uuid) {
        if (!isUuid(uuid)) {
            throw new InstanceNotFoundException(uuid);
        }
        return instances.resolve(uuid);
    }

    /**
     * A domain is this driver's when its instance directory is under this driver's instances path: other clouds
     * (or test runs) on the same libvirtd keep theirs elsewhere, and their guests are none of this host's business.
     */
    private boolean ours(String uuid) {
        return isUuid(uuid) && Files.isDirectory(instances.resolve(uuid));
    }

    private static boolean isUuid(String uuid) {
        try {
            return uuid != null && UUID.fromString(uuid).toString().equalsIgnoreCase(uuid);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    // ---- spawn -------------------------------------------------------------------------------------------------

    @Override
    public void spawn(InstanceSpec instance, SpawnContext context) {
        String uuid = instance.uuid();
        Path dir = dir(uuid);
        if (instanceInfo(uuid).isPresent()) {
            throw new VirtDriverException("Instance " + uuid + " already exists on " + host);
        }
        if (instance.image() == null) {
            throw new VirtDriverException("Instance " + uuid + " has no image; booting from a volume is not supported"
                    + " by this driver yet");
        }
        try {
            Files.createDirectories(dir);
            DomainSpec spec = prepare(instance, context, dir);
            String xml = DomainXml.render(spec);
            libvirt.call(c -> {
                Domain d = c.domainDefineXML(xml);
                d.create();
                return null;
            });
            waitFor(uuid, PowerState.RUNNING, settings.spawnTimeout());
            LOG.infof("instance %s spawned on %s (%s)", uuid, host, virtType);
        } catch (IOException e) {
            cleanUp(uuid);
            throw new VirtDriverException("Instance " + uuid + " could not be prepared: " + e.getMessage(), e);
        } catch (LibvirtException e) {
            cleanUp(uuid);
            throw failure("libvirt refused to start instance " + uuid, e);
        } catch (RuntimeException e) {
            cleanUp(uuid);
            throw e;
        }
    }

    /** The instance's disks and config drive, and the domain that boots them. */
    private DomainSpec prepare(InstanceSpec instance, SpawnContext context, Path dir) throws IOException {
        FlavorSpec flavor = instance.flavor();
        ImageCache.Base base = cache.fetch(instance.image(), context.image());
        Files.writeString(dir.resolve("base"), base.imageId());
        long rootBytes = flavor == null || flavor.rootGb() == 0 ? base.virtualSize() : flavor.rootGb() * GIB;
        if (rootBytes < base.virtualSize()) {
            throw new VirtDriverException("Flavor's disk is too small for requested image. Flavor disk is "
                    + rootBytes + " bytes, image is " + base.virtualSize() + " bytes.");
        }
        List<DomainSpec.Disk> disks = new ArrayList<>();
        Path root = dir.resolve("disk");
        QemuImg.overlay(base.file(), base.format(), root, rootBytes);
        disks.add(new DomainSpec.Disk(root.toString(), "qcow2", "vda", false));
        char next = 'b';
        if (flavor != null && flavor.ephemeralGb() > 0) {
            Path eph = dir.resolve("disk.eph0");
            QemuImg.blank(eph, flavor.ephemeralGb() * GIB);
            disks.add(new DomainSpec.Disk(eph.toString(), "qcow2", "vd" + next++, false));
        }
        if (flavor != null && flavor.swapMb() > 0) {
            Path swap = dir.resolve("disk.swap");
            QemuImg.blank(swap, flavor.swapMb() * 1024L * 1024);
            disks.add(new DomainSpec.Disk(swap.toString(), "qcow2", "vd" + next++, false));
        }
        boolean configDrive = !context.configDrive().isEmpty();
        if (configDrive) {
            Path iso = dir.resolve("disk.config");
            ConfigDrive.write(context.configDrive(), iso);
            disks.add(new DomainSpec.Disk(iso.toString(), "raw", "vd" + next, true));
        }
        int vcpus = flavor == null ? 1 : Math.max(1, flavor.vcpus());
        long memoryMb = flavor == null ? 128 : Math.max(16, flavor.memoryMb());
        return new DomainSpec(PREFIX + instance.uuid(), instance.uuid(), virtType, settings.machineType(), cpuMode,
                vcpus, memoryMb, instance.uuid(), disks, dir.resolve("console.log").toString(), true,
                settings.tcgCacheMb(), new DomainSpec.Metadata(instance.name(),
                flavor == null ? null : flavor.name(), instance.image().id(), configDrive));
    }

    // ---- destroy -----------------------------------------------------------------------------------------------

    @Override
    public void destroy(String uuid) {
        if (!isUuid(uuid)) {
            return;
        }
        try {
            libvirt.call(c -> {
                Optional<Domain> d = lookup(c, uuid);
                if (d.isPresent()) {
                    stopNow(d.get());
                    d.get().undefine(Domain.UndefineFlags.MANAGED_SAVE | Domain.UndefineFlags.SNAPSHOTS_METADATA);
                }
                return null;
            });
        } catch (LibvirtException e) {
            if (code(e) != ErrorNumber.VIR_ERR_NO_DOMAIN) {
                throw failure("instance " + uuid + " could not be destroyed", e);
            }
        }
        ConfigDrive.deleteTree(dir(uuid));
        if (Files.exists(dir(uuid))) {
            throw new VirtDriverException("the files of instance " + uuid + " could not all be removed");
        }
        lastCleanup = Instant.EPOCH; // a base may have lost its last user: look at the cache on the next report
    }

    /** A spawn that failed leaves nothing behind: no domain, no files. */
    private void cleanUp(String uuid) {
        try {
            destroy(uuid);
        } catch (RuntimeException e) {
            LOG.warnf("cleaning up instance %s: %s", uuid, e.getMessage());
        }
    }

    private static void stopNow(Domain d) throws LibvirtException {
        try {
            if (d.isActive() == 1) {
                d.destroy();
            }
        } catch (LibvirtException e) {
            if (code(e) != ErrorNumber.VIR_ERR_OPERATION_INVALID) {
                throw e;
            }
        }
    }

    // ---- power -------------------------------------------------------------------------------------------------

    @Override
    public void reboot(String uuid, RebootType type) {
        if (type == RebootType.SOFT && state(uuid) == PowerState.RUNNING
                && shutDownCleanly(uuid, settings.softRebootTimeout())) {
            start(uuid);
            return;
        }
        // hard, or a soft reboot the guest did not take part in: power cycle
        call(uuid, "reboot", d -> {
            stopNow(d);
            d.create();
        });
        waitFor(uuid, PowerState.RUNNING, settings.spawnTimeout());
    }

    @Override
    public void powerOff(String uuid, Duration timeout) {
        int state = state(uuid);
        if (state == PowerState.SHUTDOWN || state == PowerState.SUSPENDED) {
            return;
        }
        if (state == PowerState.RUNNING && shutDownCleanly(uuid, timeout)) {
            return;
        }
        call(uuid, "power off", LibvirtDriver::stopNow);
    }

    /**
     * Asks the guest to shut down (ACPI power button), again every retry interval since a guest that is still
     * booting does not listen yet; true if it powered off within the timeout.
     */
    private boolean shutDownCleanly(String uuid, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long nextRequest = 0;
        while (System.nanoTime() < deadline) {
            if (state(uuid) == PowerState.SHUTDOWN) {
                return true;
            }
            if (System.nanoTime() >= nextRequest) {
                try {
                    libvirt.call(c -> {
                        domain(c, uuid).shutdown();
                        return null;
                    });
                } catch (LibvirtException e) {
                    if (code(e) != ErrorNumber.VIR_ERR_OPERATION_INVALID) {
                        throw failure("shutdown of " + uuid + " failed", e);
                    }
                }
                nextRequest = System.nanoTime() + settings.shutdownRetryInterval().toNanos();
            }
            sleep(Duration.ofMillis(200));
        }
        return state(uuid) == PowerState.SHUTDOWN;
    }

    @Override
    public void powerOn(String uuid) {
        if (state(uuid) == PowerState.RUNNING) {
            return;
        }
        start(uuid);
    }

    private void start(String uuid) {
        call(uuid, "start", d -> {
            if (d.isActive() == 1 && d.getInfo().state == DomainState.VIR_DOMAIN_PAUSED) {
                d.resume();
            } else if (d.isActive() != 1) {
                d.create();
            }
        });
        waitFor(uuid, PowerState.RUNNING, settings.spawnTimeout());
    }

    @Override
    public void pause(String uuid) {
        int state = state(uuid);
        if (state == PowerState.PAUSED) {
            return;
        }
        requireState(uuid, "pause", state, PowerState.RUNNING);
        call(uuid, "pause", Domain::suspend);
    }

    @Override
    public void unpause(String uuid) {
        int state = state(uuid);
        if (state == PowerState.RUNNING) {
            return;
        }
        requireState(uuid, "unpause", state, PowerState.PAUSED);
        call(uuid, "unpause", Domain::resume);
    }

    @Override
    public void suspend(String uuid) {
        int state = state(uuid);
        if (state == PowerState.SUSPENDED) {
            return;
        }
        if (state != PowerState.RUNNING && state != PowerState.PAUSED) {
            requireState(uuid, "suspend", state, PowerState.RUNNING);
        }
        call(uuid, "suspend", Domain::managedSave);
    }

    @Override
    public void resume(String uuid) {
        int state = state(uuid);
        if (state == PowerState.RUNNING) {
            return;
        }
        requireState(uuid, "resume", state, PowerState.SUSPENDED);
        start(uuid);
    }

    private static void requireState(String uuid, String operation, int state, int expected) {
        if (state != expected) {
            throw new VirtDriverException("Cannot " + operation + " instance " + uuid + " in power state " + state);
        }
    }

    private int state(String uuid) {
        return instanceInfo(uuid).orElseThrow(() -> new InstanceNotFoundException(uuid)).powerState();
    }

    private void waitFor(String uuid, int powerState, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            int state = state(uuid);
            if (state == powerState) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new VirtDriverException("Instance " + uuid + " did not reach power state " + powerState
                        + " within " + timeout + " (it is " + state + ")");
            }
            sleep(Duration.ofMillis(100));
        }
    }

    // ---- snapshot, volumes, console, diagnostics ---------------------------------------------------------------

    @Override
    public SnapshotImage snapshot(String uuid, String imageId) {
        Path disk = dir(uuid).resolve("disk");
        boolean paused = false;
        Path target;
        try {
            target = Files.createTempFile(dir(uuid), "snapshot-", ".qcow2");
        } catch (IOException e) {
            throw new VirtDriverException("snapshot of " + uuid + " could not be started: " + e.getMessage(), e);
        }
        try {
            // a running guest is paused for the copy, so the disk it is writing is consistent
            if (state(uuid) == PowerState.RUNNING) {
                call(uuid, "pause for snapshot", Domain::suspend);
                paused = true;
            }
            QemuImg.flatten(disk, target, true);
            return new SnapshotImage("qcow2", "bare", target, Files.size(target));
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(target);
            } catch (IOException ignored) {
                // removed with the instance's directory at the latest
            }
            throw e instanceof VirtDriverException v ? v
                    : new VirtDriverException("snapshot of " + uuid + " failed: " + e.getMessage(), e);
        } finally {
            if (paused) {
                call(uuid, "resume after snapshot", Domain::resume);
            }
        }
    }

    @Override
    public void attachVolume(String uuid, VolumeAttachment attachment) {
        String path = attachment.data().get("path");
        if (!"file".equals(attachment.driverVolumeType()) || path == null) {
            throw new VirtDriverException("volume " + attachment.volumeId() + ": connection type "
                    + attachment.driverVolumeType() + " is not supported by this driver yet");
        }
        call(uuid, "attach volume", d -> {
            String xml = d.getXMLDesc(0);
            Set<String> used = new HashSet<>();
            Matcher m = TARGET_DEV.matcher(xml);
            while (m.find()) {
                used.add(m.group(1));
            }
            String target = attachment.device() == null ? null : attachment.device().replace("/dev/", "");
            if (target == null || used.contains(target)) {
                target = null;
                for (char c = 'b'; c <= 'z' && target == null; c++) {
                    if (!used.contains("vd" + c)) {
                        target = "vd" + c;
                    }
                }
            }
            String format = attachment.data().getOrDefault("format", "raw");
            int flags = d.isActive() == 1 ? 3 : 2; // VIR_DOMAIN_AFFECT_LIVE | CONFIG, or CONFIG alone
            d.attachDeviceFlags(DomainXml.volumeDisk(path, format, target, attachment.volumeId()), flags);
        });
    }

    @Override
    public void detachVolume(String uuid, String volumeId) {
        call(uuid, "detach volume", d -> {
            Matcher m = SERIAL_DISK.matcher(d.getXMLDesc(0));
            while (m.find()) {
                if (m.group(1).equals(volumeId)) {
                    int flags = d.isActive() == 1 ? 3 : 2;
                    d.detachDeviceFlags(m.group(), flags);
                    return;
                }
            }
        });
    }

    @Override
    public String consoleOutput(String uuid) {
        if (instanceInfo(uuid).isEmpty()) {
            throw new InstanceNotFoundException(uuid);
        }
        Path log = dir(uuid).resolve("console.log");
        if (!Files.exists(log)) {
            return "";
        }
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            long length = file.length();
            long from = Math.max(0, length - settings.consoleMaxBytes());
            byte[] bytes = new byte[(int) (length - from)];
            file.seek(from);
            file.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8).replace("\r\n", "\n");
        } catch (IOException e) {
            throw new VirtDriverException("console log of " + uuid + " could not be read: " + e.getMessage(), e);
        }
    }

    @Override
    public Diagnostics diagnostics(String uuid) {
        try {
            return libvirt.call(c -> {
                Domain d = domain(c, uuid);
                DomainInfo info = d.getInfo();
                int power = powerState(d, info);
                boolean running = d.isActive() == 1;
                String xml = d.getXMLDesc(0);
                List<Diagnostics.Cpu> cpus = new ArrayList<>();
                List<Diagnostics.Disk> disks = new ArrayList<>();
                if (running) {
                    for (VcpuInfo v : d.getVcpusInfo()) {
                        cpus.add(new Diagnostics.Cpu(v.number, v.cpuTime));
                    }
                }
                Matcher m = TARGET_DEV.matcher(xml);
                while (m.find()) {
                    String dev = m.group(1);
                    if (!dev.startsWith("vd")) {
                        continue; // the serial console's target
                    }
                    if (running) {
                        DomainBlockStats s = d.blockStats(dev);
                        disks.add(new Diagnostics.Disk(dev, s.rd_bytes, s.rd_req, s.wr_bytes, s.wr_req, s.errs));
                    } else {
                        disks.add(new Diagnostics.Disk(dev, 0, 0, 0, 0, 0));
                    }
                }
                List<Diagnostics.Nic> nics = new ArrayList<>();
                Matcher mac = MAC.matcher(xml);
                while (mac.find()) {
                    // a user-mode NIC has no host device, so the hypervisor keeps no counters for it
                    nics.add(new Diagnostics.Nic(mac.group(1), 0, 0, 0, 0, 0, 0, 0, 0));
                }
                return new Diagnostics(power, "libvirt", "kvm".equals(virtType) ? "kvm" : "qemu", "linux",
                        running ? uptimeSeconds(d.getName()) : 0, xml.contains("disk.config"), info.maxMem,
                        running ? info.memory : 0, cpus, nics, disks);
            });
        } catch (LibvirtException e) {
            throw failure("diagnostics of " + uuid + " could not be read", e);
        }
    }

    /** Since qemu started: the age of the pid file libvirt wrote when it started the guest. */
    private long uptimeSeconds(String domainName) {
        try {
            Instant started = Files.getLastModifiedTime(Path.of("/run/libvirt/qemu", domainName + ".pid")).toInstant();
            return Math.max(0, Duration.between(started, clock.instant()).toSeconds());
        } catch (IOException e) {
            return 0;
        }
    }

    // ---- events ------------------------------------------------------------------------------------------------

    @Override
    public void setLifecycleListener(Consumer<LifecycleEvent> listener) {
        this.listener = listener == null ? event -> { } : listener;
    }

    /** libvirt's lifecycle events in the driver's terms; the ones that say nothing about power are dropped. */
    private void onDomainEvent(String uuid, DomainEvent event) {
        Object detail = event.getDetail();
        Transition transition = switch (event.getType()) {
            case STARTED -> detail == StartedDetail.RESTORED ? Transition.RESUMED : Transition.STARTED;
            case SUSPENDED -> Transition.PAUSED;
            case RESUMED -> Transition.RESUMED;
            case STOPPED -> detail == StoppedDetail.SAVED ? Transition.SUSPENDED : Transition.STOPPED;
            case PMSUSPENDED -> Transition.SUSPENDED;
            case CRASHED -> Transition.STOPPED;
            default -> null;
        };
        if (transition == null || !ours(uuid)) {
            return;
        }
        try {
            listener.accept(new LifecycleEvent(uuid, transition, clock.instant()));
        } catch (RuntimeException e) {
            LOG.warnf("lifecycle listener failed on %s %s: %s", uuid, transition, e.getMessage());
        }
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    /** One domain operation. */
    @FunctionalInterface
    private interface DomainAction {
        void run(Domain domain) throws LibvirtException;
    }

    private void call(String uuid, String operation, DomainAction action) {
        try {
            libvirt.call(c -> {
                action.run(domain(c, uuid));
                return null;
            });
        } catch (LibvirtException e) {
            if (code(e) == ErrorNumber.VIR_ERR_NO_DOMAIN) {
                throw new InstanceNotFoundException(uuid);
            }
            throw failure(operation + " of " + uuid + " failed", e);
        }
    }

    private static ErrorNumber code(LibvirtException e) {
        return e.getError() == null ? null : e.getError().getCode();
    }

    private static VirtDriverException failure(String what, LibvirtException e) {
        String detail = e.getError() != null && e.getError().getMessage() != null ? e.getError().getMessage()
                : e.getMessage();
        return new VirtDriverException(what + ": " + detail, e);
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VirtDriverException("interrupted");
        }
    }

    @Override
    public void close() {
        libvirt.close();
    }
}
