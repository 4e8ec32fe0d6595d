package io.jstack.compute.agent.virt;

/**
 * What the agent tells a driver factory about where it runs.
 *
 * @param host   this agent's host name (Nova's CONF.host): a real hypervisor's host, or the fake hosts' default
 * @param hostIp the address reported for the host (Nova's my_ip)
 */
public record DriverEnvironment(String host, String hostIp) {
}
