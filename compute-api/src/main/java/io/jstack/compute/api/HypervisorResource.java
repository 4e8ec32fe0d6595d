package io.jstack.compute.api;

import io.jstack.common.RequestContext;
import io.jstack.common.api.ApiException;
import io.jstack.common.auth.CurrentRequest;
import io.jstack.compute.model.ComputeNode;
import io.jstack.compute.model.Instance;
import io.jstack.compute.model.Rows;
import io.jstack.compute.model.Service;
import io.jstack.compute.service.ComputeRules;
import io.jstack.compute.service.ComputeSettings;
import io.jstack.compute.service.Json;
import io.jstack.compute.service.Policy;
import io.jstack.compute.service.ServiceStates;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * os-hypervisors: the compute nodes agents report, their service's state and status, and (before 2.88) their
 * capacity with the usage of the instances placed on them.
 */
@Path("/v2.1/os-hypervisors")
@Produces(MediaType.APPLICATION_JSON)
public class HypervisorResource {

    @Inject
    CurrentRequest current;

    @Inject
    RequestVersion version;

    @Inject
    Policy policy;

    @Inject
    ServiceStates states;

    @Inject
    ComputeSettings settings;

    @Inject
    Links links;

    @Context
    UriInfo uri;

    /** Instances on a node: count, vCPUs, MB, GB, busy (a task running). */
    record Usage(long count, long vcpus, long ramMb, long diskGb, long busy) {
        static final Usage NONE = new Usage(0, 0, 0, 0, 0);
    }

    /** A node with its service (null when none was registered) and usage. */
    record Node(ComputeNode node, Service service, Usage usage) {
    }

    private Uni<List<Node>> nodes(List<ComputeNode> list) {
        if (list.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<String> hosts = list.stream().map(n -> n.host).distinct().toList();
        return Service.<Service>list("host in ?1 and serviceBinary = ?2", hosts, ServiceStates.COMPUTE)
                .chain(services -> Rows.list("select node, count(*), coalesce(sum(vcpus), 0), "
                                + "coalesce(sum(memoryMb), 0), "
                                + "coalesce(sum(rootGb + ephemeralGb + (swap + 1023) / 1024), 0), "
                                + "coalesce(sum(case when taskState is null then 0 else 1 end), 0) from Instance "
                                + "where deleted = false and node is not null group by node").map(rows -> {
                            Map<String, Service> byHost = new HashMap<>();
                            services.forEach(s -> byHost.put(s.host, s));
                            Map<String, Usage> usage = new HashMap<>();
                            for (Object[] r : rows) {
                                usage.put((String) r[0], new Usage(num(r[1]), num(r[2]), num(r[3]), num(r[4]),
                                        num(r[5])));
                            }
                            List<Node> out = new ArrayList<>();
                            for (ComputeNode n : list) {
                                if (byHost.containsKey(n.host)) {
                                    out.add(new Node(n, byHost.get(n.host),
                                            usage.getOrDefault(n.hypervisorHostname, Usage.NONE)));
                                }
                            }
                            return out;
                        }));
    }

    private static long num(Object o) {
        return ((Number) o).longValue();
    }

    private Map<String, Object> view(Node n, boolean detail) {
        ComputeNode c = n.node();
        Service s = n.service();
        Map<String, Object> v = new LinkedHashMap<>();
        boolean uuids = version.atLeast(53);
        v.put("id", uuids ? c.uuid : c.id);
        v.put("hypervisor_hostname", c.hypervisorHostname);
        v.put("state", states.state(s));
        v.put("status", s.disabled ? "disabled" : "enabled");
        if (!detail) {
            return v;
        }
        v.put("hypervisor_type", c.hypervisorType);
        v.put("hypervisor_version", c.hypervisorVersion);
        v.put("host_ip", c.hostIp);
        Map<String, Object> service = new LinkedHashMap<>();
        service.put("id", uuids ? s.uuid : s.id);
        service.put("host", c.host);
        service.put("disabled_reason", s.disabledReason);
        v.put("service", service);
        if (!version.atLeast(88)) {
            Usage u = n.usage();
            v.put("vcpus", c.vcpus);
            v.put("memory_mb", c.memoryMb);
            v.put("local_gb", c.localGb);
            v.put("vcpus_used", u.vcpus());
            v.put("memory_mb_used", u.ramMb());
            v.put("local_gb_used", u.diskGb());
            v.put("free_ram_mb", c.memoryMb - u.ramMb());
            v.put("free_disk_gb", c.localGb - u.diskGb());
            v.put("current_workload", u.busy());
            v.put("running_vms", u.count());
            v.put("disk_available_least", c.localGb - u.diskGb());
            Map<String, Object> cpu = Json.objectMap(c.cpuInfo);
            v.put("cpu_info", version.atLeast(28) ? cpu : Json.write(cpu));
        } else {
            v.put("uptime", uptime(n));
        }
        return v;
    }

    /** The agent's reported uptime, or the time since its service first registered. */
    private static String uptime(Node n) {
        Object reported = Json.objectMap(n.node().cpuInfo).get("uptime");
        if (reported != null) {
            return reported.toString();
        }
        Instant since = n.service().createdAt;
        if (since == null) {
            return null;
        }
        Duration d = Duration.between(since, Instant.now());
        return String.format(" %s up %d days, %d:%02d, 0 users, load average: 0.00, 0.00, 0.00",
                java.time.LocalTime.now(java.time.ZoneOffset.UTC).withNano(0), d.toDays(), d.toHoursPart(),
                d.toMinutesPart());
    }

    private Uni<Map<String, Object>> listing(boolean detail) {
        RequestContext ctx = current.context();
        policy.authorize(ctx, detail ? ComputeRules.HYPERVISORS_LIST_DETAIL : ComputeRules.HYPERVISORS_LIST);
        Query q = Query.of(uri);
        if (version.atLeast(53)) {
            q.only(List.of("limit", "marker", "hypervisor_hostname_pattern", "with_servers"));
        }
        String pattern = version.atLeast(53) ? q.get("hypervisor_hostname_pattern") : null;
        if (pattern != null && !pattern.matches("[a-zA-Z0-9-._]{1,255}")) {
            throw ApiException.badRequest("Invalid input for query parameters hypervisor_hostname_pattern. Value: "
                    + pattern + ". '" + pattern + "' does not match '^[a-zA-Z0-9-._]*$'");
        }
        boolean withServers = version.atLeast(53) && bool(q.get("with_servers"));
        boolean paged = version.atLeast(33);
        if (pattern != null && (q.has("limit") || q.has("marker"))) {
            throw ApiException.badRequest("Paging over hypervisors with the hypervisor_hostname_pattern query "
                    + "parameter is not supported.");
        }
        Uni<List<ComputeNode>> found;
        if (pattern != null) {
            found = ComputeNode.<ComputeNode>list("hypervisorHostname like ?1 order by id",
                    "%" + pattern + "%").map(l -> {
                        if (l.isEmpty()) {
                            throw ApiException.notFound("No hypervisor matching '" + pattern + "' could be found.");
                        }
                        return l;
                    });
        } else {
            int limit = paged ? q.limit(settings.maxLimit()) : Integer.MAX_VALUE;
            String marker = paged ? q.get("marker") : null;
            Uni<Integer> after = marker == null ? Uni.createFrom().item(0)
                    : (version.atLeast(53) ? ComputeNode.<ComputeNode>find("uuid", marker).firstResult()
                    : ComputeNode.<ComputeNode>find("id", intOrMinus(marker)).firstResult()).map(m -> {
                        if (m == null) {
                            throw ApiException.badRequest("marker [" + marker + "] not found");
                        }
                        return m.id;
                    });
            found = after.chain(id -> ComputeNode.<ComputeNode>find("id > ?1 order by id", id)
                    .page(0, Math.max(1, limit))
                    .list().map(l -> Query.first(l, limit)));
        }
        return found.chain(this::nodes).chain(list -> servers(list, withServers).map(servers -> {
            List<Map<String, Object>> items = new ArrayList<>();
            for (Node n : list) {
                Map<String, Object> v = view(n, detail);
                List<Map<String, Object>> on = servers.get(n.node().host);
                if (on != null && !on.isEmpty()) {
                    v.put("servers", on);
                } else if (withServers && version.atLeast(75)) {
                    v.put("servers", List.of());
                }
                items.add(v);
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("hypervisors", items);
            if (paged && pattern == null && q.pageFull(list.size(), settings.maxLimit())) {
                ComputeNode last = list.getLast().node();
                out.put("hypervisors_links", links.next(uri, detail ? "os-hypervisors/detail" : "os-hypervisors",
                        version.atLeast(53) ? last.uuid : String.valueOf(last.id)));
            }
            return out;
        }));
    }

    private static int intOrMinus(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private Uni<Map<String, List<Map<String, Object>>>> servers(List<Node> nodes, boolean wanted) {
        if (!wanted || nodes.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        List<String> hosts = nodes.stream().map(n -> n.node().host).distinct().toList();
        return Instance.<Instance>list("host in ?1 and deleted = false order by createdAt", hosts).map(list -> {
            Map<String, List<Map<String, Object>>> out = new HashMap<>();
            list.forEach(i -> out.computeIfAbsent(i.host, k -> new ArrayList<>())
                    .add(Map.of("name", i.instanceName(), "uuid", i.uuid)));
            return out;
        });
    }

    private static boolean bool(String v) {
        if (v == null) {
            return false;
        }
        String s = v.trim().toLowerCase();
        if (Set.of("1", "t", "true", "on", "y", "yes").contains(s)) {
            return true;
        }
        if (Set.of("0", "f", "false", "off", "n", "no").contains(s)) {
            return false;
        }
        throw ApiException.badRequest("Unrecognized value '" + v + "', acceptable values are: 't', 'true', 'on', "
                + "'y', 'yes', 'f', 'false', 'off', 'n', 'no', '1', '0'");
    }

    @GET
    @WithSession
    public Uni<Map<String, Object>> list() {
        return listing(false);
    }

    @GET
    @Path("detail")
    @WithSession
    public Uni<Map<String, Object>> detail() {
        return listing(true);
    }

    @GET
    @Path("statistics")
    @WithSession
    public Uni<Map<String, Object>> statistics() {
        policy.authorize(current.context(), ComputeRules.HYPERVISORS_STATISTICS);
        if (version.atLeast(88)) {
            throw ApiException.notFound("The resource could not be found.");
        }
        return ComputeNode.<ComputeNode>listAll().chain(this::nodes).map(list -> {
            long count = 0, vcpus = 0, mem = 0, disk = 0, vcpusUsed = 0, memUsed = 0, diskUsed = 0, vms = 0,
                    work = 0;
            for (Node n : list) {
                count++;
                vcpus += n.node().vcpus;
                mem += n.node().memoryMb;
                disk += n.node().localGb;
                vcpusUsed += n.usage().vcpus();
                memUsed += n.usage().ramMb();
                diskUsed += n.usage().diskGb();
                vms += n.usage().count();
                work += n.usage().busy();
            }
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("count", count);
            s.put("vcpus", vcpus);
            s.put("memory_mb", mem);
            s.put("local_gb", disk);
            s.put("vcpus_used", vcpusUsed);
            s.put("memory_mb_used", memUsed);
            s.put("local_gb_used", diskUsed);
            s.put("free_ram_mb", mem - memUsed);
            s.put("free_disk_gb", disk - diskUsed);
            s.put("current_workload", work);
            s.put("running_vms", vms);
            s.put("disk_available_least", disk - diskUsed);
            return Map.of("hypervisor_statistics", s);
        });
    }

    private Uni<Node> one(String id) {
        Uni<ComputeNode> found;
        if (version.atLeast(53)) {
            if (!ServerCreateParser.UUID.matcher(id).matches()) {
                throw ApiException.badRequest("Invalid uuid " + id);
            }
            found = ComputeNode.find("uuid", id).firstResult();
        } else {
            found = id.matches("^[0-9]{1,9}$") ? ComputeNode.find("id", Integer.valueOf(id)).firstResult()
                    : Uni.createFrom().nullItem();
        }
        return found.chain(c -> c == null ? Uni.createFrom().item(List.<Node>of()) : nodes(List.of(c))).map(l -> {
            if (l.isEmpty()) {
                throw ApiException.notFound("Hypervisor with ID " + id + " could not be found.");
            }
            return l.getFirst();
        });
    }

    @GET
    @Path("{id}")
    @WithSession
    public Uni<Map<String, Object>> show(@PathParam("id") String id) {
        policy.authorize(current.context(), ComputeRules.HYPERVISORS_SHOW);
        if (version.atLeast(53)) {
            Query.of(uri).only(List.of("with_servers"));
        }
        boolean withServers = version.atLeast(53) && bool(Query.of(uri).get("with_servers"));
        return one(id).chain(n -> servers(List.of(n), withServers).map(servers -> {
            Map<String, Object> v = view(n, true);
            List<Map<String, Object>> on = servers.get(n.node().host);
            if (on != null && !on.isEmpty()) {
                v.put("servers", on);
            } else if (withServers && version.atLeast(75)) {
                v.put("servers", List.of());
            }
            return Map.of("hypervisor", v);
        }));
    }

    @GET
    @Path("{id}/uptime")
    @WithSession
    public Uni<Map<String, Object>> uptime(@PathParam("id") String id) {
        policy.authorize(current.context(), ComputeRules.HYPERVISORS_UPTIME);
        if (version.atLeast(88)) {
            throw ApiException.notFound("The resource could not be found.");
        }
        return one(id).map(n -> {
            Map<String, Object> v = view(n, false);
            v.put("uptime", uptime(n));
            return Map.of("hypervisor", v);
        });
    }

    /** Before 2.53: hypervisors whose name contains the pattern. */
    @GET
    @Path("{pattern}/search")
    @WithSession
    public Uni<Map<String, Object>> search(@PathParam("pattern") String pattern) {
        policy.authorize(current.context(), ComputeRules.HYPERVISORS_SEARCH);
        if (version.atLeast(53)) {
            throw ApiException.notFound("The resource could not be found.");
        }
        return byPattern(pattern).map(list -> Map.of("hypervisors", list.stream().map(n -> view(n, false))
                .toList()));
    }

    /** Before 2.53: hypervisors whose name contains the pattern, with their servers. */
    @GET
    @Path("{pattern}/servers")
    @WithSession
    public Uni<Map<String, Object>> hostServers(@PathParam("pattern") String pattern) {
        policy.authorize(current.context(), ComputeRules.HYPERVISORS_SERVERS);
        if (version.atLeast(53)) {
            throw ApiException.notFound("The resource could not be found.");
        }
        return byPattern(pattern).chain(list -> servers(list, true).map(servers -> Map.of("hypervisors",
                list.stream().map(n -> {
                    Map<String, Object> v = view(n, false);
                    List<Map<String, Object>> on = servers.get(n.node().host);
                    if (on != null && !on.isEmpty()) {
                        v.put("servers", on);
                    }
                    return v;
                }).toList())));
    }

    private Uni<List<Node>> byPattern(String pattern) {
        return ComputeNode.<ComputeNode>list("hypervisorHostname like ?1 order by id", "%" + pattern + "%")
                .chain(this::nodes).map(l -> {
                    if (l.isEmpty()) {
                        throw ApiException.notFound("No hypervisor matching '" + pattern + "' could be found.");
                    }
                    return l;
                });
    }
}
