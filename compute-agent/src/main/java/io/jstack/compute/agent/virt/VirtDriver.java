package io.jstack.compute.agent.virt;

import io.jstack.common.compute.InstanceSpec;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One hypervisor host as the compute agent drives it (Nova's ComputeDriver). Calls block until the hypervisor
 * has done the work; they fail with {@link VirtDriverException} ({@link InstanceNotFoundException} when the
 * hypervisor has no such guest). The agent serialises operations on one instance, so a driver need not.
 */
public interface VirtDriver extends AutoCloseable {

    /** The host (and node) name this driver serves; the agent's topic is {@code compute.<host>}. */
    String host();

    /** What the host offers: inventory and hypervisor facts, for reports to the scheduler and conductor. */
    HostResources hostResources();

    /** Every guest the hypervisor has, whatever its state. */
    List<InstanceInfo> listInstances();

    Optional<InstanceInfo> instanceInfo(String uuid);

    /** Creates and starts the guest; when this returns, it runs. */
    void spawn(InstanceSpec instance, SpawnContext context);

    /** Stops and removes the guest and its local disks. A guest the hypervisor does not have is not an error. */
    void destroy(String uuid);

    void reboot(String uuid, RebootType type);

    /** A clean shutdown, forced off after {@code timeout}. */
    void powerOff(String uuid, Duration timeout);

    void powerOn(String uuid);

    void pause(String uuid);

    void unpause(String uuid);

    /** Saves the guest's memory to disk and stops it (Nova's suspend). */
    void suspend(String uuid);

    void resume(String uuid);

    /** A copy of the guest's root disk, ready to upload to the image service. */
    SnapshotImage snapshot(String uuid, String imageId);

    void attachVolume(String uuid, VolumeAttachment attachment);

    void detachVolume(String uuid, String volumeId);

    /** What the hypervisor can tell of a guest (Nova's get_instance_diagnostics). */
    Diagnostics diagnostics(String uuid);

    /** What the guest wrote to its serial console, oldest first. */
    String consoleOutput(String uuid);

    /** Receives guest state changes the hypervisor reports (including ones no one asked for, like a crash). */
    void setLifecycleListener(Consumer<LifecycleEvent> listener);

    @Override
    void close();
}
