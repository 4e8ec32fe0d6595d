package io.jstack.scheduler.bench;

import io.jstack.common.compute.FlavorSpec;
import io.jstack.common.compute.HostReport;
import io.jstack.common.compute.ImageSpec;
import io.jstack.common.compute.RequestSpec;
import io.jstack.scheduler.model.AggregateInfo;
import io.jstack.scheduler.service.SchedulerSettings;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** A cloud of varied hosts and requests for the benchmarks, the same on every run (fixed seed). */
final class BenchHosts {

    static final List<FlavorSpec> FLAVORS = List.of(
            new FlavorSpec("1", "m1.tiny", 1, 512, 1, 0, 0, Map.of()),
            new FlavorSpec("2", "m1.small", 1, 2048, 20, 0, 0, Map.of()),
            new FlavorSpec("3", "m1.medium", 2, 4096, 40, 0, 0, Map.of()),
            new FlavorSpec("4", "m1.large", 4, 8192, 80, 0, 0,
                    Map.of("capabilities:hypervisor_type", "s== QEMU", "hw:cpu_policy", "shared")));

    static final ImageSpec IMAGE = new ImageSpec("img", "cirros", "active", "qcow2", "bare", 1L << 24, 0, 0, null,
            Map.of("hw_architecture", "x86_64", "hw_vm_mode", "hvm"));

    private BenchHosts() {
    }

    /** The scheduler's settings with every default, as a service without configuration runs. */
    static SchedulerSettings defaults() {
        // Quarkus's converter reads durations as "2s", as the service's configuration does
        SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(SchedulerSettings.class)
                .withConverter(java.time.Duration.class, 200, new io.quarkus.runtime.configuration.DurationConverter())
                .build();
        return config.getConfigMapping(SchedulerSettings.class);
    }

    /** Hosts of four sizes, spread over four zones' aggregates. */
    static List<HostReport> reports(int count, Instant at) {
        Random random = new Random(42);
        List<HostReport> reports = new ArrayList<>(count);
        int[][] sizes = {{32, 131072, 2000}, {48, 196608, 4000}, {64, 262144, 4000}, {96, 524288, 8000}};
        for (int i = 0; i < count; i++) {
            int[] size = sizes[random.nextInt(sizes.length)];
            Map<String, String> capabilities = new HashMap<>();
            capabilities.put("supported_instances", "x86_64:qemu:hvm,i686:qemu:hvm");
            capabilities.put("cpu_info:arch", "x86_64");
            reports.add(new HostReport(host(i), host(i), "QEMU", 8_002_000, "10.1." + (i / 250) + "." + (i % 250),
                    size[0], size[1], size[2], capabilities, List.of("HW_CPU_X86_AVX2"), List.of(), at, 0, 512, 0,
                    null, null, null, 0, 0));
        }
        return reports;
    }

    static String host(int i) {
        return "bench-%05d".formatted(i);
    }

    static Map<String, List<AggregateInfo>> aggregates(int count) {
        Map<String, List<AggregateInfo>> byHost = new HashMap<>();
        for (int i = 0; i < count; i++) {
            String zone = "az" + (i % 4);
            byHost.put(host(i), List.of(new AggregateInfo(zone, zone, zone, Map.of("availability_zone", zone))));
        }
        return byHost;
    }

    static RequestSpec request(Random random) {
        FlavorSpec flavor = FLAVORS.get(random.nextInt(FLAVORS.size()));
        return new RequestSpec("p" + random.nextInt(50), "u1", flavor, IMAGE, null, null, null, null, null, null,
                null);
    }
}
