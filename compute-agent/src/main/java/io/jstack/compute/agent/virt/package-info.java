/**
 * The virt driver seam: everything the compute agent asks of a hypervisor goes through {@link
 * io.jstack.compute.agent.virt.VirtDriver}, one implementation per hypervisor kind (the in-memory {@code fake}
 * driver now, {@code libvirt} next), chosen with {@code jstack.compute.driver}. Drivers block (libvirt calls do);
 * the agent calls them from virtual threads, one operation per instance at a time.
 */
package io.jstack.compute.agent.virt;
