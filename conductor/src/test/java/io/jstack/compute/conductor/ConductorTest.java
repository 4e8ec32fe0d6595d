package io.jstack.compute.conductor;

import io.jstack.common.RequestContext;
import io.jstack.common.compute.ComputeRpc;
import io.jstack.common.compute.ConductorRpc;
import io.jstack.common.compute.HostReport;
import io.jstack.common.compute.InstanceSpec;
import io.jstack.common.rpc.RemoteError;
import io.jstack.common.rpc.Rpc;
import io.jstack.compute.model.ComputeNode;
import io.jstack.compute.model.Instance;
import io.jstack.compute.model.InstanceAction;
import io.jstack.compute.model.InstanceActionEvent;
import io.jstack.compute.model.InstanceFault;
import io.jstack.compute.model.Service;
import io.jstack.compute.model.StateChange;
import io.jstack.compute.model.TaskStates;
import io.jstack.compute.model.VmStates;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class ConductorTest {

    @Inject
    Rpc rpc;

    private ConductorRpc conductor() {
        return rpc.client(ConductorRpc.class);
    }

    private static RequestContext ctx() {
        return new RequestContext(RequestContext.newRequestId(), "user", "project", null, List.of("member"), null);
    }

    @AfterEach
    void reset() {
        FakeFamily.noValidHost = false;
        FakeFamily.deleteWhileSelecting = false;
        FakeFamily.claimable = Set.of("host-b");
    }

    private InstanceSpec build(RequestContext ctx) throws Exception {
        InstanceSpec spec = Db.building(ctx.requestId());
        conductor().buildInstances(ctx, new ConductorRpc.BuildInstances(List.of(spec), Db.spec()))
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
        return spec;
    }

    @Test
    void buildPlacesOnTheSelectedHostAndCastsToItsAgent() throws Exception {
        RequestContext ctx = ctx();
        InstanceSpec spec = build(ctx);
        Instance i = Db.await(spec.uuid(), x -> "host-a".equals(x.host));
        assertEquals("node-a", i.node);
        assertEquals("nova", i.availabilityZone);
        assertEquals(TaskStates.SCHEDULING, i.taskState);
        Db.eventually(() -> FakeFamily.builds("host-a").stream().anyMatch(b -> b.instance().uuid()
                .equals(spec.uuid()) && b.alternates().equals(List.of("host-b")) && b.attempt() == 1),
                "the build never reached host-a");
        // a redelivered request does nothing twice
        conductor().buildInstances(ctx, new ConductorRpc.BuildInstances(List.of(spec), Db.spec()))
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
        Thread.sleep(300);
        assertEquals(1, FakeFamily.builds("host-a").stream().filter(b -> b.instance().uuid().equals(spec.uuid()))
                .count());
        assertEquals(1, FakeFamily.SELECTS.stream().filter(s -> s.instanceUuids().contains(spec.uuid())).count());
        InstanceAction action = Db.run(() -> InstanceAction.<InstanceAction>find("instanceUuid", spec.uuid())
                .firstResult());
        assertNotNull(Db.run(() -> InstanceActionEvent.<InstanceActionEvent>find("actionId = ?1 and event = ?2",
                action.id, "conductor_schedule_and_build_instances").firstResult()));
    }

    @Test
    void noValidHostEndsInErrorWithAFault() throws Exception {
        FakeFamily.noValidHost = true;
        RequestContext ctx = ctx();
        InstanceSpec spec = build(ctx);
        Instance i = Db.await(spec.uuid(), x -> VmStates.ERROR.equals(x.vmState));
        assertNull(i.taskState);
        assertNull(i.host);
        InstanceFault fault = Db.run(() -> InstanceFault.<InstanceFault>find("instanceUuid", spec.uuid())
                .firstResult());
        assertTrue(fault.message.startsWith("No valid host was found."), fault.message);
        assertEquals(500, fault.code);
        Db.eventually(() -> FakeFamily.RELEASES.contains(spec.uuid()), "the claim was not released");
        InstanceAction action = Db.run(() -> InstanceAction.<InstanceAction>find("instanceUuid", spec.uuid())
                .firstResult());
        assertEquals("Error", action.message);
    }

    @Test
    void failedBuildMovesToTheAlternate() throws Exception {
        RequestContext ctx = ctx();
        InstanceSpec spec = build(ctx);
        Db.await(spec.uuid(), x -> "host-a".equals(x.host));
        // the agent on host-a reports the build failed
        conductor().rescheduleInstance(ctx, new ConductorRpc.Reschedule(spec, Db.spec(), "host-a", "disk full",
                List.of("host-b"), 1)).toCompletableFuture().get(10, TimeUnit.SECONDS);
        Instance i = Db.await(spec.uuid(), x -> "host-b".equals(x.host));
        assertEquals(VmStates.BUILDING, i.vmState);
        Db.eventually(() -> FakeFamily.builds("host-b").stream().anyMatch(b -> b.instance().uuid()
                .equals(spec.uuid()) && b.attempt() == 2 && b.alternates().isEmpty()), "no build on host-b");
        assertTrue(FakeFamily.CLAIMS.stream().anyMatch(c -> c.instanceUuid().equals(spec.uuid())
                && c.host().equals("host-b") && c.spec().ignoreHosts().contains("host-a")));
        assertTrue(FakeFamily.RELEASES.contains(spec.uuid()), "the claim on host-a was not released");
        // and when host-b fails too, there is nothing left
        conductor().rescheduleInstance(ctx, new ConductorRpc.Reschedule(spec, Db.spec(), "host-b", "boom",
                List.of(), 2)).toCompletableFuture().get(10, TimeUnit.SECONDS);
        i = Db.await(spec.uuid(), x -> VmStates.ERROR.equals(x.vmState));
        assertNull(i.host);
        InstanceFault fault = Db.run(() -> InstanceFault.<InstanceFault>find("instanceUuid", spec.uuid())
                .firstResult());
        assertTrue(fault.message.contains("No valid host was found"), fault.message);
        assertTrue(fault.details.contains("boom"), fault.details);
    }

    @Test
    void alternatesThatCannotBeClaimedAreSkipped() throws Exception {
        FakeFamily.claimable = Set.of();
        RequestContext ctx = ctx();
        InstanceSpec spec = build(ctx);
        Db.await(spec.uuid(), x -> "host-a".equals(x.host));
        conductor().rescheduleInstance(ctx, new ConductorRpc.Reschedule(spec, Db.spec(), "host-a", "failed",
                List.of("host-b"), 1)).toCompletableFuture().get(10, TimeUnit.SECONDS);
        Instance i = Db.await(spec.uuid(), x -> VmStates.ERROR.equals(x.vmState));
        assertNull(i.taskState);
    }

    @Test
    void deletedDuringSchedulingGivesItsClaimBack() throws Exception {
        FakeFamily.deleteWhileSelecting = true;
        RequestContext ctx = ctx();
        InstanceSpec spec = build(ctx);
        Db.eventually(() -> FakeFamily.RELEASES.contains(spec.uuid()), "the claim was not released");
        Instance i = Db.instance(spec.uuid());
        assertTrue(i.deleted);
        assertNull(i.host);
        assertTrue(FakeFamily.builds("host-a").stream().noneMatch(b -> b.instance().uuid().equals(spec.uuid())));
        // a reschedule arriving for a deleted instance only releases
        conductor().rescheduleInstance(ctx, new ConductorRpc.Reschedule(spec, Db.spec(), "host-a", "x",
                List.of("host-b"), 1)).toCompletableFuture().get(10, TimeUnit.SECONDS);
        Thread.sleep(300);
        assertTrue(FakeFamily.builds("host-b").stream().noneMatch(b -> b.instance().uuid().equals(spec.uuid())));
    }

    @Test
    void instanceUpdatesAreConditionalOnTheExpectedTaskState() throws Exception {
        RequestContext ctx = ctx();
        InstanceSpec spec = Db.building(ctx.requestId());
        Instant launched = Instant.now();
        ConductorRpc.InstanceState state = conductor().instanceUpdate(ctx, new ConductorRpc.InstanceUpdate(
                        spec.uuid(), null, TaskStates.SPAWNING, false, List.of(TaskStates.SCHEDULING), null, "host-a",
                        "node-a", null)).toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertEquals(TaskStates.SPAWNING, state.taskState());
        assertEquals("host-a", state.host());
        // a stale expectation fails and changes nothing
        RemoteError stale = remoteError(() -> conductor().instanceUpdate(ctx, new ConductorRpc.InstanceUpdate(
                spec.uuid(), VmStates.ACTIVE, null, true, List.of(TaskStates.SCHEDULING), 1, null, null, launched)));
        assertEquals("UnexpectedTaskState", stale.type());
        assertEquals(TaskStates.SPAWNING, Db.instance(spec.uuid()).taskState);
        state = conductor().instanceUpdate(ctx, new ConductorRpc.InstanceUpdate(spec.uuid(), VmStates.ACTIVE, null,
                true, List.of(TaskStates.SPAWNING), 1, null, null, launched)).toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
        assertEquals(VmStates.ACTIVE, state.vmState());
        assertNull(state.taskState());
        assertEquals(1, state.powerState());
        // the user deletes it: an update that did not expect that cannot undo it
        Db.run(() -> StateChange.of(spec.uuid()).taskState(TaskStates.DELETING).apply());
        RemoteError deleting = remoteError(() -> conductor().instanceUpdate(ctx, new ConductorRpc.InstanceUpdate(
                spec.uuid(), null, null, true, null, 4, null, null, null)));
        assertEquals("UnexpectedDeletingTaskState", deleting.type());
        assertEquals(TaskStates.DELETING, Db.instance(spec.uuid()).taskState);
        RemoteError missing = remoteError(() -> conductor().instanceUpdate(ctx, new ConductorRpc.InstanceUpdate(
                "8d2c1c3a-0000-4000-8000-000000000000", VmStates.ACTIVE, null, false, null, null, null, null,
                null)));
        assertEquals("InstanceNotFound", missing.type());
    }

    private static RemoteError remoteError(java.util.concurrent.Callable<java.util.concurrent.CompletionStage<?>> c)
            throws Exception {
        try {
            c.call().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return assertInstanceOf(RemoteError.class, e.getCause());
        }
        throw new AssertionError("expected a remote error");
    }

    @Test
    void agentsReportsMakeServicesAndHypervisors() throws Exception {
        RequestContext ctx = RequestContext.internal();
        conductor().computeNodeReport(ctx, new HostReport("host-r", "node-r", "fake", 1000, "10.0.0.5", 8, 16384,
                100, java.util.Map.of("cpu_arch", "x86_64"), List.of("COMPUTE_STATUS_ENABLED"), List.of(),
                Instant.now())).toCompletableFuture().get(10, TimeUnit.SECONDS);
        conductor().serviceHeartbeat(ctx, new ConductorRpc.Heartbeat("host-r", "nova-compute", null, Instant.now()))
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
        Db.eventually(() -> Db.run(() -> ComputeNode.<ComputeNode>find("hypervisorHostname", "node-r")
                .firstResult()) != null, "no compute node");
        ComputeNode node = Db.run(() -> ComputeNode.<ComputeNode>find("hypervisorHostname", "node-r")
                .firstResult());
        assertEquals(16384, node.memoryMb);
        assertEquals("host-r", node.host);
        assertTrue(node.cpuInfo.contains("x86_64"));
        Db.eventually(() -> {
            Service s = Db.run(() -> Service.<Service>find("host = ?1 and serviceBinary = ?2", "host-r",
                    "nova-compute").firstResult());
            return s != null && s.reportCount >= 2 && s.lastSeenUp != null;
        }, "no compute service");
        // the conductor reports itself
        Db.eventually(() -> Db.run(() -> Service.count("host = ?1 and serviceBinary = ?2", "test-conductor",
                "nova-conductor")) == 1, "the conductor did not register");
        // and keeps the scheduler's view of host statuses and aggregates fresh
        Db.eventually(() -> FakeFamily.STATUSES.stream().anyMatch(s -> s.host().equals("host-r")),
                "host statuses were not sent to the scheduler");
        Db.eventually(() -> !FakeFamily.AGGREGATES.isEmpty(), "aggregates were not sent to the scheduler");
    }

    @Test
    void deletesAreFinishedByAgentsOrOnDeadHosts() throws Exception {
        RequestContext ctx = ctx();
        InstanceSpec spec = Db.building(ctx.requestId());
        Db.run(() -> StateChange.of(spec.uuid()).set("host", "host-a").vmState(VmStates.ACTIVE)
                .taskState(TaskStates.DELETING).apply());
        conductor().instanceDeleted(ctx, new ConductorRpc.InstanceDeleted(spec.uuid(), "host-a"))
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
        Instance i = Db.await(spec.uuid(), x -> x.deleted);
        assertEquals(VmStates.DELETED, i.vmState);
        Db.eventually(() -> FakeFamily.RELEASES.contains(spec.uuid()), "the claim was not released");

        // an instance being deleted on a host that stopped reporting is deleted by the conductor
        InstanceSpec stuck = Db.building(RequestContext.newRequestId());
        Db.run(() -> io.quarkus.hibernate.reactive.panache.Panache.getSession().chain(s -> s.createNativeQuery(
                "insert into services (uuid, host, service_binary, report_count, last_seen_up, created_at) values "
                        + "(gen_random_uuid()::text, 'dead-host', 'nova-compute', 1, now() - interval '1 hour', now())")
                .executeUpdate()));
        Db.run(() -> StateChange.of(stuck.uuid()).set("host", "dead-host").vmState(VmStates.ACTIVE)
                .taskState(TaskStates.DELETING).apply());
        Db.await(stuck.uuid(), x -> x.deleted);
    }

    @Test
    void faultsAndActionEventsAreRecorded() throws Exception {
        RequestContext ctx = ctx();
        InstanceSpec spec = Db.building(ctx.requestId());
        conductor().recordFault(ctx, new ConductorRpc.InstanceFault(spec.uuid(), 500, "x".repeat(300), "trace",
                "host-a")).toCompletableFuture().get(10, TimeUnit.SECONDS);
        Instant start = Instant.now();
        conductor().actionEvent(ctx, new ConductorRpc.ActionEvent(spec.uuid(), ctx.requestId(),
                "compute__do_build_and_run_instance", start, null, null, "host-a", null))
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
        conductor().actionEvent(ctx, new ConductorRpc.ActionEvent(spec.uuid(), ctx.requestId(),
                "compute__do_build_and_run_instance", start, Instant.now(), "Success", "host-a", null))
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
        Db.eventually(() -> Db.run(() -> InstanceFault.count("instanceUuid", spec.uuid())) == 1, "no fault");
        Db.eventually(() -> Db.run(() -> InstanceActionEvent.count("event = ?1 and result = ?2",
                "compute__do_build_and_run_instance", "Success")) >= 1, "no finished event");
        InstanceFault f = Db.run(() -> InstanceFault.<InstanceFault>find("instanceUuid", spec.uuid()).firstResult());
        assertEquals(255, f.message.length());
    }

    @Test
    void healthIsServed() {
        RestAssured.given().get("/q/health/ready").then().statusCode(200);
    }

}
