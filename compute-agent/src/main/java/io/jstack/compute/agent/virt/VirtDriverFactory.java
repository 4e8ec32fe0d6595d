package io.jstack.compute.agent.virt;

import java.util.List;

/**
 * Makes the drivers of one kind ({@code jstack.compute.driver} names it). Each factory is a CDI bean that reads
 * its own settings, so the agent chooses a driver by name without knowing any driver's options.
 */
public interface VirtDriverFactory {

    /** The name {@code jstack.compute.driver} selects this kind by ({@code fake}, {@code libvirt}). */
    String name();

    /** The drivers of the hosts this process serves (one for a real hypervisor, any number of fake ones). */
    List<VirtDriver> create(DriverEnvironment environment);
}
