package io.jstack.scheduler.service;

import io.jstack.common.compute.RequestSpec;
import io.jstack.common.compute.SchedulerRpc.Selection;
import io.jstack.common.compute.SchedulerRpc.Selections;
import io.jstack.common.rpc.RpcFault;
import io.jstack.scheduler.model.HostState;
import io.jstack.scheduler.model.ResourceProvider;
import io.jstack.scheduler.model.Resources;
import io.jstack.scheduler.model.SchedulingRequest;
import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;
import io.vertx.mutiny.sqlclient.SqlClient;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * select_destinations: for each instance, rank the hosts in memory (filters, weighers), then claim down the ranking
 * until a claim holds, and return the claimed host with alternates. A request for several instances claims inside
 * one transaction, so either every instance gets a host or nothing stays claimed (NoValidHost).
 */
public final class SelectionService {

    private static final Logger LOG = Logger.getLogger(SelectionService.class);

    public static final String NO_VALID_HOST = "NoValidHost";

    private final HostStates hostStates;
    private final HostSelector selector;
    private final Claims claims;
    private final ResourceProviders providers;
    private final int maxAttempts;
    private final Clock clock;

    public SelectionService(HostStates hostStates, HostSelector selector, Claims claims, ResourceProviders providers,
                            int maxAttempts, Clock clock) {
        this.hostStates = hostStates;
        this.selector = selector;
        this.claims = claims;
        this.providers = providers;
        this.maxAttempts = Math.max(1, maxAttempts);
        this.clock = clock;
    }

    public static RpcFault noValidHost(String why) {
        return new RpcFault(NO_VALID_HOST, "No valid host was found. " + why);
    }

    public Uni<Selections> selectDestinations(List<String> instanceUuids, RequestSpec spec) {
        if (instanceUuids == null || instanceUuids.isEmpty() || spec == null || spec.flavor() == null) {
            return Uni.createFrom().failure(new RpcFault("InvalidRequest",
                    "select_destinations needs instance uuids and a request spec with a flavor"));
        }
        GroupRule group = GroupRule.of(spec);
        return Uni.createFrom().deferred(() -> {
                    Outcome outcome = new Outcome();
                    Uni<List<Selection>> placed = group != null ? placeInGroup(instanceUuids, spec, group, outcome)
                            : placements(claims.pool(), instanceUuids, spec).chain(request ->
                            instanceUuids.size() == 1
                                    ? placeOne(claims.pool(), instanceUuids.getFirst(), request, outcome)
                                    .map(List::of)
                                    : claims.pool().withTransaction(conn -> placeAll(conn, instanceUuids, request,
                                    outcome, new ArrayList<>())));
                    return placed.onItemOrFailure().invoke((ok, failure) -> outcome.settle(failure == null));
                })
                // two requests repeating each other, or crossing claims of several hosts: run it again
                .onFailure(SelectionService::transientConflict).retry().atMost(3)
                .map(Selections::new);
    }

    /**
     * Members of a group with a hard policy are placed under the group's lock, in one transaction: where the
     * members are is read after the lock is taken, and every claim re-checks the policy against the allocations,
     * so two requests for one group (whatever replica serves them) never both take the same host for an
     * anti-affinity group, nor two hosts for an affinity group.
     */
    private Uni<List<Selection>> placeInGroup(List<String> uuids, RequestSpec spec, GroupRule group,
                                              Outcome outcome) {
        return claims.pool().withTransaction(conn -> claims.lockGroup(conn, group.groupId())
                .chain(() -> placements(conn, uuids, spec))
                .chain(request -> placeAll(conn, uuids, request, outcome, new ArrayList<>())));
    }

    private Uni<List<Selection>> placeAll(SqlClient conn, List<String> uuids, SchedulingRequest request,
                                          Outcome outcome, List<Selection> done) {
        if (done.size() == uuids.size()) {
            return Uni.createFrom().item(done);
        }
        return placeOne(conn, uuids.get(done.size()), request, outcome).chain(selection -> {
            done.add(selection);
            return placeAll(conn, uuids, request.withMemberOn(selection.host()), outcome, done);
        });
    }

    private Uni<Selection> placeOne(SqlClient client, String uuid, SchedulingRequest request, Outcome outcome) {
        List<HostState> ranked = selector.rank(hostStates.snapshot(), request);
        if (ranked.isEmpty()) {
            LOG.infof("no host passes the filters for instance %s (%d hosts known)", uuid, hostStates.size());
            return Uni.createFrom().failure(noValidHost("There are not enough hosts available."));
        }
        return claimDown(client, uuid, request, ranked, ranked, 0, false, new ArrayList<>(), outcome);
    }

    /**
     * Claims on ranked hosts in turn; a host whose claim fails was stale in memory and is re-read. The first pass
     * passes over hosts whose rows other claims hold at that moment; a second pass waits for those, in ranking
     * order. So claims of concurrent requests do not queue on one host, and claims of multi-instance requests
     * never wait on each other crosswise (a deadlock PostgreSQL takes a second to break) unless every candidate
     * was busy.
     */
    private Uni<Selection> claimDown(SqlClient client, String uuid, SchedulingRequest request, List<HostState> ranked,
                                     List<HostState> pass, int index, boolean waiting, List<HostState> busy,
                                     Outcome outcome) {
        if (index >= pass.size()) {
            if (!waiting && !busy.isEmpty()) {
                return claimDown(client, uuid, request, ranked, List.copyOf(busy), 0, true, busy, outcome);
            }
            LOG.infof("no claim held for instance %s on %d candidate hosts", uuid, ranked.size());
            return Uni.createFrom().failure(noValidHost("There are not enough hosts available."));
        }
        HostState host = pass.get(index);
        Resources resources = request.resources();
        hostStates.reserve(host.host(), resources);
        outcome.reserved.add(Map.entry(host.host(), resources));
        RequestSpec spec = request.spec();
        return claims.claim(client, uuid, host.host(), resources, spec.projectId(), spec.userId(), waiting,
                        GroupRule.of(spec))
                .chain(result -> switch (result) {
                    case ClaimOutcome.Claimed claimed -> {
                        outcome.claimed.add(claimed.provider());
                        yield Uni.createFrom().item(selection(uuid, host.host(), host.node(), ranked));
                    }
                    case ClaimOutcome.AlreadyAllocated already -> {
                        HostState where = hostStates.get(already.host());
                        yield Uni.createFrom().item(selection(uuid, already.host(),
                                where == null ? already.host() : where.node(), ranked));
                    }
                    case ClaimOutcome.Busy ignored -> {
                        busy.add(host);
                        yield claimDown(client, uuid, request, ranked, pass, index + 1, waiting, busy, outcome);
                    }
                    case ClaimOutcome.DoesNotFit ignored -> refresh(host.host())
                            .chain(() -> claimDown(client, uuid, request, ranked, pass, index + 1, waiting, busy,
                                    outcome));
                });
    }

    private Selection selection(String uuid, String host, String node, List<HostState> ranked) {
        List<String> alternates = new ArrayList<>(maxAttempts - 1);
        for (HostState candidate : ranked) {
            if (alternates.size() >= maxAttempts - 1) {
                break;
            }
            if (!candidate.host().equals(host)) {
                alternates.add(candidate.host());
            }
        }
        return new Selection(uuid, host, node, List.copyOf(alternates));
    }

    private Uni<Void> refresh(String host) {
        return providers.get(host).invoke(found -> found.ifPresent(hostStates::update)).replaceWithVoid();
    }

    /**
     * The request as filters see it: where its group's members and hinted instances are, from the allocations
     * (read through {@code client}, so a group's placement reads them after taking the group's lock).
     */
    private Uni<SchedulingRequest> placements(SqlClient client, List<String> instanceUuids, RequestSpec spec) {
        Set<String> lookup = new HashSet<>(spec.sameHost());
        lookup.addAll(spec.differentHost());
        Set<String> members = new HashSet<>();
        if (spec.group() != null) {
            members.addAll(spec.group().memberUuids());
        }
        Uni<Map<String, String>> memberHosts = spec.group() == null || spec.group().id() == null
                ? claims.hostsOf(members)
                : claims.groupMembers(client, spec.group().id(), members);
        return memberHosts.chain(inGroup -> claims.hostsOf(lookup).map(hosts -> {
            Map<String, Integer> groupHosts = new HashMap<>();
            for (Map.Entry<String, String> member : inGroup.entrySet()) {
                if (!instanceUuids.contains(member.getKey())) {
                    groupHosts.merge(member.getValue(), 1, Integer::sum);
                }
            }
            return new SchedulingRequest(spec, Resources.of(spec.flavor()), clock.instant(), groupHosts,
                    hostsOf(spec.sameHost(), hosts), hostsOf(spec.differentHost(), hosts));
        }));
    }

    private static Set<String> hostsOf(List<String> uuids, Map<String, String> hosts) {
        Set<String> result = new HashSet<>();
        for (String uuid : uuids) {
            String host = hosts.get(uuid);
            if (host != null) {
                result.add(host);
            }
        }
        return result;
    }

    private static boolean transientConflict(Throwable failure) {
        if (failure instanceof PgException pg) {
            // deadlock between crossing multi-host claims, or the same instance claimed twice at once
            return "40P01".equals(pg.getSqlState()) || "40001".equals(pg.getSqlState())
                    || "23505".equals(pg.getSqlState());
        }
        return false;
    }

    /** One attempt's reservations in memory and claims in the database, settled when it commits or fails. */
    private final class Outcome {
        final List<Map.Entry<String, Resources>> reserved = new ArrayList<>();
        final List<ResourceProvider> claimed = new ArrayList<>();

        void settle(boolean committed) {
            if (committed) {
                claimed.forEach(hostStates::update);
            }
            for (Map.Entry<String, Resources> r : reserved) {
                hostStates.unreserve(r.getKey(), r.getValue());
            }
        }
    }
}
