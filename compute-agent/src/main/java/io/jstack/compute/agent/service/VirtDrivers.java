package io.jstack.compute.agent.service;

import io.jstack.compute.agent.virt.VirtDriver;
import io.jstack.compute.agent.virt.fake.FakeHosts;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/** Creates the drivers of the hosts this process serves, by {@code jstack.compute.driver}. */
public final class VirtDrivers {

    private VirtDrivers() {
    }

    public static List<VirtDriver> create(AgentSettings settings) {
        String host = settings.host().filter(h -> !h.isBlank()).orElseGet(VirtDrivers::machineName);
        return switch (settings.driver()) {
            case "fake" -> FakeHosts.drivers(settings, host);
            case "libvirt" -> throw new IllegalStateException(
                    "jstack.compute.driver=libvirt: the libvirt driver is not part of this build yet; use fake");
            default -> throw new IllegalArgumentException("jstack.compute.driver: unknown driver "
                    + settings.driver() + " (fake or libvirt)");
        };
    }

    static String machineName() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
