/**
 * The libvirt driver (libvirt-java over JNA against {@code jstack.compute.libvirt.uri}) arrives here next, as one
 * class implementing {@link io.jstack.compute.agent.virt.VirtDriver}; its settings are already in
 * {@code jstack.compute.libvirt.*} ({@link io.jstack.compute.agent.service.AgentSettings.Libvirt}).
 */
package io.jstack.compute.agent.virt.libvirt;
