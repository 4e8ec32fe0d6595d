package io.jstack.compute.service;

import io.jstack.compute.model.Instance;
import io.jstack.compute.model.InstanceFault;
import io.jstack.compute.model.InstanceMetadata;
import io.jstack.compute.model.InstanceTag;
import io.jstack.compute.model.ServerGroup;
import io.jstack.compute.model.ServerGroupMember;
import io.jstack.compute.model.Service;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Loads what server views show beyond the instance rows, in a few queries for a whole page. */
@ApplicationScoped
public class ServerDetails {

    /** The statuses a server view shows its fault in. */
    public static final Set<String> FAULT_STATUSES = Set.of("ERROR", "DELETED");

    @Inject
    ServiceStates services;

    /**
     * What a view shows beyond metadata, so that nothing else is queried: a server is shown far more often than
     * it changes (clients poll it), and most microversions show none of these.
     */
    public record Shown(boolean tags, boolean hostStatus, boolean serverGroup) {
    }

    public Uni<ServerData> load(Instance instance, Shown shown) {
        return load(List.of(instance), shown).map(List::getFirst);
    }

    public Uni<List<ServerData>> load(List<Instance> instances, Shown shown) {
        if (instances.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<String> uuids = instances.stream().map(i -> i.uuid).toList();
        // faults are shown only on servers in ERROR (or DELETED)
        List<String> faulted = instances.stream().filter(i -> FAULT_STATUSES.contains(ServerStatus.of(i.vmState, i.taskState, i.deleted)))
                .map(i -> i.uuid).toList();
        List<String> hosts = !shown.hostStatus() ? List.of() : instances.stream().map(i -> i.host)
                .filter(java.util.Objects::nonNull).distinct().toList();
        Map<String, Map<String, String>> metadata = new HashMap<>();
        Map<String, List<String>> tags = new HashMap<>();
        Map<String, InstanceFault> faults = new HashMap<>();
        Map<String, String> hostStatus = new HashMap<>();
        Map<String, String> groups = new HashMap<>();
        return InstanceMetadata.<InstanceMetadata>list("instanceUuid in ?1", uuids).invoke(rows -> rows.forEach(m ->
                        metadata.computeIfAbsent(m.instanceUuid, k -> new TreeMap<>()).put(m.metaKey, m.metaValue)))
                .chain(() -> !shown.tags() ? Uni.createFrom().item(List.<InstanceTag>of())
                        : InstanceTag.<InstanceTag>list("instanceUuid in ?1 order by tag", uuids))
                .invoke(rows -> rows.forEach(t -> tags.computeIfAbsent(t.instanceUuid, k -> new ArrayList<>())
                        .add(t.tag)))
                .chain(() -> faulted.isEmpty() ? Uni.createFrom().item(List.<InstanceFault>of())
                        : InstanceFault.<InstanceFault>list("instanceUuid in ?1 order by id", faulted))
                .invoke(rows -> rows.forEach(f -> faults.put(f.instanceUuid, f)))
                .chain(() -> hosts.isEmpty() ? Uni.createFrom().item(List.<Service>of())
                        : Service.<Service>list("host in ?1 and serviceBinary = ?2", hosts, ServiceStates.COMPUTE))
                .invoke(rows -> rows.forEach(s -> hostStatus.put(s.host, services.hostStatus(s))))
                .chain(() -> !shown.serverGroup() ? Uni.createFrom().item(List.<ServerGroupMember>of())
                        : ServerGroupMember.<ServerGroupMember>list("instanceUuid in ?1", uuids))
                .chain(members -> {
                    if (members.isEmpty()) {
                        return Uni.createFrom().voidItem();
                    }
                    return ServerGroup.<ServerGroup>list("id in ?1",
                            members.stream().map(m -> m.groupId).distinct().toList()).invoke(list -> {
                                Map<Integer, String> byId = new HashMap<>();
                                list.forEach(g -> byId.put(g.id, g.uuid));
                                members.forEach(m -> groups.put(m.instanceUuid, byId.get(m.groupId)));
                            }).replaceWithVoid();
                })
                .map(x -> instances.stream().map(i -> new ServerData(i, metadata.getOrDefault(i.uuid, Map.of()),
                        tags.getOrDefault(i.uuid, List.of()), faults.get(i.uuid),
                        i.host == null ? "" : hostStatus.getOrDefault(i.host, "UNKNOWN"), groups.get(i.uuid)))
                        .toList());
    }
}
