package io.jstack.compute.agent.virt.libvirt;

import java.util.List;

/**
 * A guest's libvirt domain definition as typed values; {@link DomainXml} renders it (every value escaped), so no
 * user-supplied text is ever spliced into XML.
 *
 * @param type        {@code kvm} or {@code qemu}
 * @param cpuMode     {@code host-model}, {@code host-passthrough}, or {@code none} (no {@code <cpu>} element)
 * @param serial      the SMBIOS system serial the guest reads (the instance UUID, as Nova sets it)
 * @param consoleLog  the file the guest's serial console is written to
 * @param userNetwork a user-mode (slirp) NIC, the guest's network until a network service exists
 * @param tcgCacheMb  translation block cache of a software-emulated guest; 0: qemu's default
 * @param metadata    what the driver records about the instance inside the domain (found again after a restart)
 */
public record DomainSpec(String name, String uuid, String type, String machineType, String cpuMode, int vcpus,
                         long memoryMb, String serial, List<Disk> disks, String consoleLog, boolean userNetwork,
                         int tcgCacheMb, Metadata metadata) {
    public DomainSpec {
        disks = List.copyOf(disks);
    }

    /**
     * A disk of the guest.
     *
     * @param path   the file on the host
     * @param format {@code qcow2} or {@code raw}
     * @param target the guest device name ({@code vda}, {@code vdb}, ...), on the virtio bus
     */
    public record Disk(String path, String format, String target, boolean readOnly) {
    }

    /** The instance's own facts, kept in the domain's {@code <metadata>} under the driver's namespace. */
    public record Metadata(String instanceName, String flavorName, String imageId, boolean configDrive) {
    }
}
