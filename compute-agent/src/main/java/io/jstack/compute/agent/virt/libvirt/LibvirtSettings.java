package io.jstack.compute.agent.virt.libvirt;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** The libvirt driver's settings ({@code jstack.compute.libvirt.*}); every default is given here. */
@ConfigMapping(prefix = "jstack.compute.libvirt")
public interface LibvirtSettings {

    /** The libvirt connection (Nova's connection_uri). */
    @WithDefault("qemu:///system")
    String uri();

    /**
     * The domain type: {@code kvm}, {@code qemu} (software emulation), or {@code auto}: kvm only where
     * {@code /dev/kvm} exists and libvirt's capabilities offer it, else qemu.
     */
    @WithDefault("auto")
    String virtType();

    /** Where each instance's disks, config drive and console log live ({@code <path>/<uuid>/}). */
    @WithDefault("/var/lib/jstack/instances")
    String instancesPath();

    /** The cache of base images downloaded from the image service; default: {@code <instances-path>/_base}. */
    Optional<String> imageCachePath();

    /**
     * A cached base image that no instance on this host uses is removed after this long (Nova's
     * remove_unused_original_minimum_age_seconds); one in use is never removed.
     */
    @WithDefault("24h")
    Duration imageCacheMaxAge();

    /** The machine type of new domains ({@code pc}: i440FX, whose IDE and PCI buses every guest knows). */
    @WithDefault("pc")
    String machineType();

    /**
     * The guest CPU model (Nova's cpu_mode): {@code host-model}, {@code host-passthrough}, {@code custom} or
     * {@code none} (the hypervisor's default, what software emulation uses); {@code auto}: host-model under kvm,
     * none under qemu.
     */
    @WithDefault("auto")
    String cpuMode();

    /** The most of a guest's serial console log the console output returns (Nova keeps the last 100 KiB). */
    @WithDefault("102400")
    int consoleMaxBytes();

    /** How often a clean shutdown request is sent again while a guest has not yet powered off. */
    @WithDefault("5s")
    Duration shutdownRetryInterval();

    /**
     * How long a soft reboot waits for the guest to shut down cleanly before it power-cycles it instead (Nova's
     * wait_soft_reboot_seconds).
     */
    @WithDefault("120s")
    Duration softRebootTimeout();

    /** How long a spawned guest may take to reach the running state in libvirt. */
    @WithDefault("60s")
    Duration spawnTimeout();

    /** The translation block cache of a software-emulated guest, MiB (qemu's default, 1 GiB, costs RSS). */
    @WithDefault("32")
    int tcgCacheMb();

    /** Host disk the instances path may use, GB; default: the size of its file system. */
    Optional<Integer> diskGb();
}
