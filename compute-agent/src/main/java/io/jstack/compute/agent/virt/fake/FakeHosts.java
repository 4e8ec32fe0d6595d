package io.jstack.compute.agent.virt.fake;

import io.jstack.compute.agent.virt.DriverEnvironment;
import io.jstack.compute.agent.virt.HostResources;
import io.jstack.compute.agent.virt.VirtDriver;
import io.jstack.compute.agent.virt.VirtDriverFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;

/** The fake hosts one process runs ({@code jstack.compute.driver=fake}), named and sized from {@link FakeSettings}. */
@ApplicationScoped
public class FakeHosts implements VirtDriverFactory {

    @Inject
    FakeSettings settings;

    @Override
    public String name() {
        return "fake";
    }

    @Override
    public List<VirtDriver> create(DriverEnvironment environment) {
        return drivers(settings, environment);
    }

    /** Host names: the agent's own host for a single unprefixed host, else {@code <prefix>-1 .. <prefix>-N}. */
    public static List<String> names(FakeSettings fake, String defaultHost) {
        int count = Math.max(1, fake.hostCount());
        if (count == 1 && fake.hostPrefix().isEmpty()) {
            return List.of(defaultHost);
        }
        String prefix = fake.hostPrefix().orElse(defaultHost);
        List<String> names = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            names.add(prefix + "-" + i);
        }
        return names;
    }

    public static List<VirtDriver> drivers(FakeSettings fake, DriverEnvironment environment) {
        Set<String> failing = Set.copyOf(fake.failingHosts().orElse(List.of()));
        List<VirtDriver> drivers = new ArrayList<>();
        for (String name : names(fake, environment.host())) {
            String type = fake.hypervisorType();
            HostResources resources = new HostResources(name, type, fake.hypervisorVersion(), environment.hostIp(),
                    fake.vcpus(), fake.memoryMb(), fake.diskGb(), fake.cpuArch(),
                    List.of(fake.cpuArch() + ":" + type.toLowerCase(java.util.Locale.ROOT) + ":hvm"),
                    Map.of("cpu_info:arch", fake.cpuArch(), "cpu_info:vendor", "jstack",
                            "cpu_info:model", "fake-cpu"),
                    List.of("COMPUTE_NET_ATTACH_INTERFACE", "COMPUTE_VOLUME_ATTACH_WITH_TAG"));
            java.nio.file.Path state = fake.stateDirectory().map(d -> java.nio.file.Path.of(d, name + ".json"))
                    .orElse(null);
            drivers.add(new FakeDriver(name, resources, fake.spawnDelay(), fake.actionDelay(),
                    fake.spawnFailureRate(), failing.contains(name), RandomGenerator.getDefault(), state));
        }
        return drivers;
    }
}
