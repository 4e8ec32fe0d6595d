package io.jstack.scheduler;

import io.jstack.common.compute.FlavorSpec;
import io.jstack.common.compute.ImageSpec;
import io.jstack.common.compute.RequestSpec;
import io.jstack.common.compute.ServerGroupSpec;
import io.jstack.scheduler.model.AggregateInfo;
import io.jstack.scheduler.model.HostState;
import io.jstack.scheduler.model.ResourceProvider;
import io.jstack.scheduler.model.Resources;
import io.jstack.scheduler.model.ServiceStatus;
import io.jstack.scheduler.model.SchedulingRequest;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Builders of host states and requests for the scheduler's unit tests. */
public final class Fixtures {

    public static final Instant NOW = Instant.parse("2025-01-01T12:00:00Z");

    private Fixtures() {
    }

    public static HostBuilder host(String name) {
        return new HostBuilder(name);
    }

    public static FlavorSpec flavor(int vcpus, int memoryMb, int diskGb) {
        return flavor(vcpus, memoryMb, diskGb, Map.of());
    }

    public static FlavorSpec flavor(int vcpus, int memoryMb, int diskGb, Map<String, String> extraSpecs) {
        return new FlavorSpec("f-" + vcpus + "-" + memoryMb + "-" + diskGb, "flavor", vcpus, memoryMb, diskGb, 0, 0,
                extraSpecs);
    }

    public static ImageSpec image(Map<String, String> properties) {
        return new ImageSpec("img-1", "image", "active", "qcow2", "bare", 1024L, 0, 0, null, properties);
    }

    public static RequestBuilder request() {
        return new RequestBuilder();
    }

    /** A host state; defaults: 16 vCPUs, 32 GiB, 500 GB, ratios 1.0, nothing used, up and enabled, zone nova. */
    public static final class HostBuilder {
        private final String name;
        private Resources total = new Resources(16, 32768, 500);
        private Resources reserved = Resources.NONE;
        private Resources used = Resources.NONE;
        private double cpuRatio = 1.0;
        private double ramRatio = 1.0;
        private double diskRatio = 1.0;
        private int instances;
        private int ioOps;
        private int failedBuilds;
        private long hypervisorVersion = 8_000_000;
        private String hypervisorType = "QEMU";
        private final Map<String, String> capabilities = new HashMap<>();
        private ServiceStatus status = ServiceStatus.ENABLED;
        private Instant reportedAt = NOW.minusSeconds(5);
        private List<AggregateInfo> aggregates = List.of();
        private String zone = "nova";

        HostBuilder(String name) {
            this.name = name;
            capabilities.put("supported_instances", "x86_64:qemu:hvm,i686:qemu:hvm");
            capabilities.put("cpu_arch", "x86_64");
        }

        public HostBuilder total(int vcpus, long memoryMb, int diskGb) {
            total = new Resources(vcpus, memoryMb, diskGb);
            return this;
        }

        public HostBuilder reserved(int vcpus, long memoryMb, int diskGb) {
            reserved = new Resources(vcpus, memoryMb, diskGb);
            return this;
        }

        public HostBuilder used(int vcpus, long memoryMb, int diskGb) {
            used = new Resources(vcpus, memoryMb, diskGb);
            return this;
        }

        public HostBuilder ratios(double cpu, double ram, double disk) {
            cpuRatio = cpu;
            ramRatio = ram;
            diskRatio = disk;
            return this;
        }

        public HostBuilder instances(int n) {
            instances = n;
            return this;
        }

        public HostBuilder ioOps(int n) {
            ioOps = n;
            return this;
        }

        public HostBuilder failedBuilds(int n) {
            failedBuilds = n;
            return this;
        }

        public HostBuilder hypervisor(String type, long version) {
            hypervisorType = type;
            hypervisorVersion = version;
            return this;
        }

        public HostBuilder capability(String key, String value) {
            if (value == null) {
                capabilities.remove(key);
            } else {
                capabilities.put(key, value);
            }
            return this;
        }

        public HostBuilder status(boolean enabled, boolean forcedDown) {
            status = new ServiceStatus(enabled, forcedDown, null);
            return this;
        }

        public HostBuilder reportedAt(Instant at) {
            reportedAt = at;
            return this;
        }

        public HostBuilder aggregates(AggregateInfo... list) {
            aggregates = List.of(list);
            for (AggregateInfo a : list) {
                if (a.availabilityZone() != null) {
                    zone = a.availabilityZone();
                    break;
                }
            }
            return this;
        }

        public HostState build() {
            ResourceProvider provider = new ResourceProvider(name, name, hypervisorType, hypervisorVersion,
                    "10.0.0.1", total, reserved, cpuRatio, ramRatio, diskRatio, used, instances, ioOps, failedBuilds,
                    capabilities, Set.of(), null, reportedAt, 1);
            return new HostState(provider, status, aggregates, zone);
        }
    }

    public static final class RequestBuilder {
        private FlavorSpec flavor = Fixtures.flavor(1, 512, 1);
        private ImageSpec image = Fixtures.image(Map.of());
        private String zone;
        private String forcedHost;
        private ServerGroupSpec group;
        private List<String> sameHost = List.of();
        private List<String> differentHost = List.of();
        private List<String> ignoreHosts = List.of();
        private String projectId = "p1";
        private Map<String, Integer> groupHosts = Map.of();
        private Set<String> sameHostHosts = Set.of();
        private Set<String> differentHostHosts = Set.of();

        public RequestBuilder flavor(FlavorSpec f) {
            flavor = f;
            return this;
        }

        public RequestBuilder image(Map<String, String> properties) {
            image = Fixtures.image(properties);
            return this;
        }

        public RequestBuilder zone(String z) {
            zone = z;
            return this;
        }

        public RequestBuilder forcedHost(String h) {
            forcedHost = h;
            return this;
        }

        public RequestBuilder project(String p) {
            projectId = p;
            return this;
        }

        public RequestBuilder group(String policy, Integer maxPerHost, Map<String, Integer> membersByHost) {
            group = new ServerGroupSpec("g1", policy, maxPerHost, List.of());
            groupHosts = membersByHost;
            return this;
        }

        public RequestBuilder sameHost(List<String> uuids, Set<String> hosts) {
            sameHost = uuids;
            sameHostHosts = hosts;
            return this;
        }

        public RequestBuilder differentHost(List<String> uuids, Set<String> hosts) {
            differentHost = uuids;
            differentHostHosts = hosts;
            return this;
        }

        public RequestBuilder ignore(String... hosts) {
            ignoreHosts = List.of(hosts);
            return this;
        }

        public RequestSpec spec() {
            return new RequestSpec(projectId, "u1", flavor, image, zone, forcedHost, group, sameHost, differentHost,
                    Map.of(), ignoreHosts);
        }

        public SchedulingRequest build() {
            return new SchedulingRequest(spec(), Resources.of(flavor), NOW, groupHosts, sameHostHosts,
                    differentHostHosts);
        }
    }
}
