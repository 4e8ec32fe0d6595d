package io.jstack.compute.agent.virt.libvirt;

import io.jstack.compute.agent.virt.DriverEnvironment;
import io.jstack.compute.agent.virt.VirtDriver;
import io.jstack.compute.agent.virt.VirtDriverFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.util.List;

/** {@code jstack.compute.driver=libvirt}: one host, this machine's hypervisor. */
@ApplicationScoped
public class LibvirtDriverFactory implements VirtDriverFactory {

    @Inject
    LibvirtSettings settings;

    @Override
    public String name() {
        return "libvirt";
    }

    @Override
    public List<VirtDriver> create(DriverEnvironment environment) {
        return List.of(new LibvirtDriver(environment.host(), environment.hostIp(), settings, Clock.systemUTC()));
    }
}
