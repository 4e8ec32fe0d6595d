/**
 * The libvirt driver ({@code jstack.compute.driver=libvirt}): guests under qemu (software emulation) or KVM through
 * libvirtd, by libvirt-java over JNA. Settings are {@code jstack.compute.libvirt.*} ({@link
 * io.jstack.compute.agent.virt.libvirt.LibvirtSettings}).
 */
package io.jstack.compute.agent.virt.libvirt;
