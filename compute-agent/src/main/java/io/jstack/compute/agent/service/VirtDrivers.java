package io.jstack.compute.agent.service;

import io.jstack.compute.agent.virt.DriverEnvironment;
import io.jstack.compute.agent.virt.VirtDriver;
import io.jstack.compute.agent.virt.VirtDriverFactory;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.TreeSet;

/** Creates the drivers of the hosts this process serves: the factory named by {@code jstack.compute.driver}. */
@Singleton
public class VirtDrivers {

    @Inject
    AgentSettings settings;

    @Inject
    @Any
    Instance<VirtDriverFactory> factories;

    public List<VirtDriver> create() {
        String host = settings.host().filter(h -> !h.isBlank()).orElseGet(VirtDrivers::machineName);
        DriverEnvironment environment = new DriverEnvironment(host, settings.myIp());
        TreeSet<String> known = new TreeSet<>();
        for (VirtDriverFactory factory : factories) {
            if (factory.name().equals(settings.driver())) {
                return factory.create(environment);
            }
            known.add(factory.name());
        }
        throw new IllegalArgumentException("jstack.compute.driver: unknown driver " + settings.driver() + " (one of "
                + String.join(", ", known) + ")");
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
