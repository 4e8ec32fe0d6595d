package io.jstack.compute.agent;

import io.jstack.common.RequestContext;
import io.jstack.common.compute.ComputeRpc;
import io.jstack.common.compute.ConductorRpc;
import io.jstack.common.compute.FlavorSpec;
import io.jstack.common.compute.HostReport;
import io.jstack.common.compute.ImageSpec;
import io.jstack.common.compute.InstanceSpec;
import io.jstack.common.compute.PowerState;
import io.jstack.common.compute.RequestSpec;
import io.jstack.common.compute.SchedulerRpc;
import io.jstack.common.rpc.RemoteError;
import io.jstack.common.rpc.Rpc;
import io.jstack.compute.agent.service.ComputeHosts;
import io.jstack.compute.agent.virt.fake.FakeDriver;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The agent with two fake hosts (agent-test-1, and agent-test-2 where every spawn fails) through its RPC topics,
 * against a recording conductor and scheduler on the test broker.
 */
@QuarkusTest
class ComputeAgentTest {

    static final String GOOD = "agent-test-1";
    static final String FAILING = "agent-test-2";
    static final RequestContext CONTEXT = RequestContext.internal();

    static FakeConductor conductor;
    static FakeScheduler scheduler;

    @Inject
    Rpc rpc;

    @Inject
    ComputeHosts hosts;

    @BeforeEach
    void bindFakes() {
        synchronized (ComputeAgentTest.class) {
            if (conductor == null) {
                // messages left by earlier runs go with the old queues
                rpc.deleteTopic("conductor");
                rpc.deleteTopic("scheduler");
                conductor = new FakeConductor();
                scheduler = new FakeScheduler();
                rpc.serve(ConductorRpc.class, conductor);
                rpc.serve(SchedulerRpc.class, scheduler);
            }
        }
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    ComputeRpc compute(String host) {
        return rpc.client(ComputeRpc.class, ComputeRpc.topic(host));
    }

    FakeDriver driver(String host) {
        return (FakeDriver) hosts.host(host).driver();
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    static InstanceSpec instance(String uuid, Map<String, String> metadata) {
        FlavorSpec flavor = new FlavorSpec("1", "m1.tiny", 1, 512, 1, 0, 0, Map.of());
        ImageSpec image = new ImageSpec("img", "cirros", "active", "qcow2", "bare", 1024L, 0, 0, null, Map.of());
        return new InstanceSpec(uuid, "vm-" + uuid.substring(0, 8), "vm-" + uuid.substring(0, 8), "p1", "u1",
                flavor, image, "key1", null, null, metadata, null, "secret", false);
    }

    static RequestSpec spec(InstanceSpec instance) {
        return new RequestSpec("p1", "u1", instance.flavor(), instance.image(), null, null, null, null, null, null,
                null);
    }

    String build(String host, Map<String, String> metadata, List<String> alternates) throws Exception {
        String uuid = UUID.randomUUID().toString();
        // as the conductor leaves it before casting the build: placed on the host, still scheduling
        conductor.add(uuid).host = host;
        InstanceSpec instance = instance(uuid, metadata);
        compute(host).buildAndRunInstance(CONTEXT, new ComputeRpc.BuildAndRun(instance, spec(instance), alternates, 1))
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
        return uuid;
    }

    String running(String host) throws Exception {
        String uuid = build(host, Map.of(), List.of());
        await("instance active", () -> "active".equals(conductor.instances.get(uuid).vmState));
        return uuid;
    }

    FakeConductor.Instance state(String uuid) {
        return conductor.instances.get(uuid);
    }

    long updatesTo(String uuid, String taskState) {
        return conductor.updates.stream().filter(u -> u.uuid().equals(uuid) && taskState.equals(u.taskState()))
                .count();
    }

    boolean finished(String uuid, String event, String result) {
        return conductor.events.stream().anyMatch(e -> e.uuid().equals(uuid) && e.event().equals(event)
                && result.equals(e.result()) && e.finishTime() != null);
    }

    void act(String uuid, String taskState, ThrowingRunnable cast) throws Exception {
        conductor.task(uuid, taskState);
        cast.run();
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    // ---- tests --------------------------------------------------------------------------------------------------

    @Test
    void everyHostReportsItsInventoryAndHeartbeats() throws Exception {
        for (String host : List.of(GOOD, FAILING)) {
            await("report of " + host, () -> scheduler.reports.stream().anyMatch(r -> r.host().equals(host)));
            await("heartbeat of " + host, () -> conductor.heartbeats.stream()
                    .anyMatch(h -> h.host().equals(host) && h.binary().equals("nova-compute")));
            await("compute node of " + host, () -> conductor.nodeReports.stream().anyMatch(r -> r.host().equals(host)));
        }
        HostReport report = scheduler.reports.stream().filter(r -> r.host().equals(GOOD)).findFirst().orElseThrow();
        assertEquals(8, report.vcpus());
        assertEquals(16384, report.memoryMb());
        assertEquals(200, report.diskGb());
        assertEquals(512, report.reservedMemoryMb());
        assertEquals("fake", report.hypervisorType());
        assertEquals(GOOD, report.node());
        assertEquals("x86_64:fake:hvm", report.capabilities().get("supported_instances"));
        // reports keep coming (the scheduler's liveness)
        int seen = (int) scheduler.reports.stream().filter(r -> r.host().equals(GOOD)).count();
        await("another report", () -> scheduler.reports.stream().filter(r -> r.host().equals(GOOD)).count() > seen);
    }

    @Test
    void aBuildRunsTheInstanceAndReportsEachStep() throws Exception {
        String uuid = build(GOOD, Map.of(), List.of());
        await("active", () -> "active".equals(state(uuid).vmState));
        FakeConductor.Instance i = state(uuid);
        assertEquals(PowerState.RUNNING, i.powerState);
        assertNull(i.taskState);
        assertEquals(GOOD, i.host);
        assertEquals(1, updatesTo(uuid, "block_device_mapping"));
        assertEquals(1, updatesTo(uuid, "spawning"));
        await("build event", () -> finished(uuid, "compute__do_build_and_run_instance", "Success"));
        await("reported", () -> scheduler.reports.stream()
                .anyMatch(r -> r.host().equals(GOOD) && r.instanceUuids().contains(uuid)));

        String console = compute(GOOD).getConsoleOutput(CONTEXT, new ComputeRpc.ConsoleRequest(uuid, null))
                .toCompletableFuture().get(10, TimeUnit.SECONDS).output();
        assertTrue(console.contains("vm-" + uuid.substring(0, 8) + " login:"), console);
        assertTrue(console.contains("serial " + uuid), console);
        String tail = compute(GOOD).getConsoleOutput(CONTEXT, new ComputeRpc.ConsoleRequest(uuid, 2))
                .toCompletableFuture().get(10, TimeUnit.SECONDS).output();
        assertEquals(2, tail.strip().split("\n").length, tail);

        ComputeRpc.Diagnostics diagnostics = compute(GOOD).getDiagnostics(CONTEXT, new ComputeRpc.InstanceRef(uuid))
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertEquals("running", diagnostics.state());
        assertEquals("libvirt", diagnostics.driver()); // the API allows real driver names only
        assertEquals(1, diagnostics.cpuDetails().size()); // m1.tiny
        assertEquals(512, diagnostics.memoryMaximumMb());
    }

    @Test
    void aRepeatedBuildDoesNothing() throws Exception {
        int before = driver(GOOD).spawnCount();
        String uuid = UUID.randomUUID().toString();
        conductor.add(uuid).host = GOOD;
        InstanceSpec instance = instance(uuid, Map.of());
        ComputeRpc.BuildAndRun build = new ComputeRpc.BuildAndRun(instance, spec(instance), List.of(), 1);
        compute(GOOD).buildAndRunInstance(CONTEXT, build).toCompletableFuture().get(10, TimeUnit.SECONDS);
        compute(GOOD).buildAndRunInstance(CONTEXT, build).toCompletableFuture().get(10, TimeUnit.SECONDS);
        await("active", () -> "active".equals(state(uuid).vmState));
        Thread.sleep(500);
        assertEquals(before + 1, driver(GOOD).spawnCount());
        assertEquals(1, updatesTo(uuid, "block_device_mapping"));

        int updates = conductor.updates.size();
        compute(GOOD).buildAndRunInstance(CONTEXT, build).toCompletableFuture().get(10, TimeUnit.SECONDS);
        Thread.sleep(500);
        assertEquals(before + 1, driver(GOOD).spawnCount());
        assertEquals(0, conductor.updates.subList(updates, conductor.updates.size()).stream()
                .filter(u -> u.uuid().equals(uuid)).count());
        assertEquals("active", state(uuid).vmState);
    }

    @Test
    void aFailedBuildAsksTheConductorToReschedule() throws Exception {
        String uuid = build(FAILING, Map.of(), List.of(GOOD));
        await("reschedule", () -> conductor.reschedules.stream().anyMatch(r -> r.instance().uuid().equals(uuid)));
        ConductorRpc.Reschedule r = conductor.reschedules.stream().filter(x -> x.instance().uuid().equals(uuid))
                .findFirst().orElseThrow();
        assertEquals(FAILING, r.failedHost());
        assertEquals(List.of(GOOD), r.alternates());
        assertEquals(1, r.attempt());
        assertTrue(r.spec().ignoreHosts().contains(FAILING));
        assertTrue(r.reason().contains("Injected failure"), r.reason());
        assertEquals("scheduling", state(uuid).taskState);
        assertTrue(driver(FAILING).instanceInfo(uuid).isEmpty());
        await("build error event", () -> finished(uuid, "compute__do_build_and_run_instance", "Error"));
        await("fault", () -> conductor.faults.stream().anyMatch(f -> f.uuid().equals(uuid)));
        await("failed builds reported", () -> scheduler.reports.stream()
                .anyMatch(x -> x.host().equals(FAILING) && x.failedBuilds() >= 1));
    }

    @Test
    void anInstanceMayAskItsSpawnToFail() throws Exception {
        String uuid = build(GOOD, Map.of("fake_fail", "spawn", "fake_fail_hosts", GOOD), List.of(FAILING));
        await("reschedule", () -> conductor.reschedules.stream().anyMatch(r -> r.instance().uuid().equals(uuid)));
        assertTrue(driver(GOOD).instanceInfo(uuid).isEmpty());
    }

    @Test
    void actionsReachTheirFinalStates() throws Exception {
        String uuid = running(GOOD);
        ComputeRpc compute = compute(GOOD);
        ComputeRpc.InstanceRef ref = new ComputeRpc.InstanceRef(uuid);

        act(uuid, "powering-off", () -> compute.stopInstance(CONTEXT, ref).toCompletableFuture().get());
        await("stopped", () -> "stopped".equals(state(uuid).vmState) && state(uuid).taskState == null);
        assertEquals(PowerState.SHUTDOWN, state(uuid).powerState);

        act(uuid, "powering-on", () -> compute.startInstance(CONTEXT, ref).toCompletableFuture().get());
        await("started", () -> "active".equals(state(uuid).vmState) && state(uuid).taskState == null);
        assertEquals(PowerState.RUNNING, state(uuid).powerState);

        act(uuid, "rebooting", () -> compute.rebootInstance(CONTEXT, new ComputeRpc.Reboot(uuid, "SOFT"))
                .toCompletableFuture().get());
        await("soft rebooted", () -> state(uuid).taskState == null);
        act(uuid, "rebooting_hard", () -> compute.rebootInstance(CONTEXT, new ComputeRpc.Reboot(uuid, "HARD"))
                .toCompletableFuture().get());
        await("hard rebooted", () -> state(uuid).taskState == null
                && finished(uuid, "compute_reboot_instance", "Success"));
        assertEquals(PowerState.RUNNING, state(uuid).powerState);

        act(uuid, "pausing", () -> compute.pauseInstance(CONTEXT, ref).toCompletableFuture().get());
        await("paused", () -> "paused".equals(state(uuid).vmState) && state(uuid).taskState == null);
        assertEquals(PowerState.PAUSED, state(uuid).powerState);
        act(uuid, "unpausing", () -> compute.unpauseInstance(CONTEXT, ref).toCompletableFuture().get());
        await("unpaused", () -> "active".equals(state(uuid).vmState) && state(uuid).taskState == null);

        act(uuid, "suspending", () -> compute.suspendInstance(CONTEXT, ref).toCompletableFuture().get());
        await("suspended", () -> "suspended".equals(state(uuid).vmState) && state(uuid).taskState == null);
        assertEquals(PowerState.SUSPENDED, state(uuid).powerState);
        act(uuid, "resuming", () -> compute.resumeInstance(CONTEXT, ref).toCompletableFuture().get());
        await("resumed", () -> "active".equals(state(uuid).vmState) && state(uuid).taskState == null);
        assertEquals(PowerState.RUNNING, state(uuid).powerState);
        for (String event : List.of("compute_stop_instance", "compute_start_instance", "compute_pause_instance",
                "compute_unpause_instance", "compute_suspend_instance", "compute_resume_instance")) {
            await(event, () -> finished(uuid, event, "Success"));
        }

        act(uuid, "deleting", () -> compute.terminateInstance(CONTEXT, ref).toCompletableFuture().get());
        await("deleted", () -> conductor.deletions.stream().anyMatch(d -> d.uuid().equals(uuid)
                && d.host().equals(GOOD)));
        assertTrue(driver(GOOD).instanceInfo(uuid).isEmpty());
        await("terminate event", () -> finished(uuid, "compute_terminate_instance", "Success"));
        try {
            compute.getConsoleOutput(CONTEXT, new ComputeRpc.ConsoleRequest(uuid, null)).toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
            fail("the console of a deleted instance should be gone");
        } catch (ExecutionException e) {
            assertEquals("InstanceNotFound", ((RemoteError) e.getCause()).type());
        }
        // a repeated terminate is harmless
        compute.terminateInstance(CONTEXT, ref).toCompletableFuture().get();
    }

    @Test
    void aFailedActionClearsTheTaskAndRecordsAFault() throws Exception {
        String uuid = build(GOOD, Map.of("fake_fail", "pause"), List.of());
        await("active", () -> "active".equals(state(uuid).vmState));
        act(uuid, "pausing", () -> compute(GOOD).pauseInstance(CONTEXT, new ComputeRpc.InstanceRef(uuid))
                .toCompletableFuture().get());
        await("pause error", () -> finished(uuid, "compute_pause_instance", "Error"));
        assertNull(state(uuid).taskState);
        assertEquals("active", state(uuid).vmState);
        assertEquals(PowerState.RUNNING, state(uuid).powerState);
        await("fault", () -> conductor.faults.stream().anyMatch(f -> f.uuid().equals(uuid)
                && f.message().contains("pause")));
    }

    @Test
    void aDeleteDuringTheBuildStopsIt() throws Exception {
        String uuid = build(GOOD, Map.of(), List.of(FAILING));
        await("spawning", () -> "spawning".equals(state(uuid).taskState));
        conductor.task(uuid, "deleting");
        await("build stopped", () -> finished(uuid, "compute__do_build_and_run_instance", "Error"));
        assertTrue(driver(GOOD).instanceInfo(uuid).isEmpty());
        assertFalse(conductor.reschedules.stream().anyMatch(r -> r.instance().uuid().equals(uuid)));
        assertEquals("deleting", state(uuid).taskState);
    }

    @Test
    void aGuestThatPowersItselfOffIsStopped() throws Exception {
        String uuid = running(GOOD);
        Thread.sleep(200);
        driver(GOOD).simulateGuestShutdown(uuid);
        await("stopped", () -> "stopped".equals(state(uuid).vmState)
                && state(uuid).powerState == PowerState.SHUTDOWN);
        assertNull(state(uuid).taskState);
    }

    // ---- the agent checks before it acts, and reconciles when it starts -------------------------------------------

    @Test
    void anActionTheApiUndidNeverRuns() throws Exception {
        String uuid = running(GOOD);
        int updates = conductor.updates.size();
        // the API set powering-off, could not send the stop, and cleared the task: the stop arrives late
        compute(GOOD).stopInstance(CONTEXT, new ComputeRpc.InstanceRef(uuid)).toCompletableFuture().get();
        compute(GOOD).pauseInstance(CONTEXT, new ComputeRpc.InstanceRef(uuid)).toCompletableFuture().get();
        Thread.sleep(500);
        assertEquals(PowerState.RUNNING, driver(GOOD).instanceInfo(uuid).orElseThrow().powerState());
        assertEquals("active", state(uuid).vmState);
        assertEquals(0, conductor.updates.subList(updates, conductor.updates.size()).stream()
                .filter(u -> u.uuid().equals(uuid)).count());
        assertFalse(conductor.events.stream().anyMatch(e -> e.uuid().equals(uuid)
                && e.event().equals("compute_stop_instance")));
        // a delete that is not (or no longer) going on does not run either
        compute(GOOD).terminateInstance(CONTEXT, new ComputeRpc.InstanceRef(uuid)).toCompletableFuture().get();
        Thread.sleep(300);
        assertTrue(driver(GOOD).instanceInfo(uuid).isPresent());
    }

    @Test
    void aBuildForAnInstancePlacedElsewhereDoesNothing() throws Exception {
        int before = driver(GOOD).spawnCount();
        String uuid = UUID.randomUUID().toString();
        conductor.add(uuid).host = FAILING;
        InstanceSpec instance = instance(uuid, Map.of());
        compute(GOOD).buildAndRunInstance(CONTEXT, new ComputeRpc.BuildAndRun(instance, spec(instance), List.of(), 1))
                .toCompletableFuture().get();
        Thread.sleep(500);
        assertEquals(before, driver(GOOD).spawnCount());
        assertEquals(FAILING, state(uuid).host);
        assertEquals("scheduling", state(uuid).taskState);
    }

    @Test
    void aBuildInterruptedByARestartStartsOverOrFinishes() throws Exception {
        // spawning here, no guest: the previous life of the agent died mid-spawn; the redelivered build redoes it
        String again = UUID.randomUUID().toString();
        FakeConductor.Instance i = conductor.add(again);
        i.host = GOOD;
        i.taskState = "spawning";
        InstanceSpec spec = instance(again, Map.of());
        compute(GOOD).buildAndRunInstance(CONTEXT, new ComputeRpc.BuildAndRun(spec, spec(spec), List.of(), 1))
                .toCompletableFuture().get();
        await("active again", () -> "active".equals(state(again).vmState));
        assertTrue(driver(GOOD).instanceInfo(again).isPresent());

        // spawning here and its guest runs: the spawn finished, only its report was lost
        String done = UUID.randomUUID().toString();
        FakeConductor.Instance d = conductor.add(done);
        d.host = GOOD;
        d.taskState = "spawning";
        InstanceSpec doneSpec = instance(done, Map.of());
        driver(GOOD).spawn(doneSpec, io.jstack.compute.agent.virt.SpawnContext.none());
        int spawns = driver(GOOD).spawnCount();
        compute(GOOD).buildAndRunInstance(CONTEXT, new ComputeRpc.BuildAndRun(doneSpec, spec(doneSpec), List.of(),
                1)).toCompletableFuture().get();
        await("finished", () -> "active".equals(state(done).vmState) && state(done).taskState == null);
        assertEquals(spawns, driver(GOOD).spawnCount());
    }

    @Test
    void startingAgainReconcilesTheHostWithTheDatabase() throws Exception {
        FakeDriver driver = driver(GOOD);
        // a guest whose instance was deleted while the agent was away
        String stray = UUID.randomUUID().toString();
        conductor.add(stray).deleted = true;
        driver.spawn(instance(stray, Map.of()), io.jstack.compute.agent.virt.SpawnContext.none());
        // a delete that was going on
        String deleting = UUID.randomUUID().toString();
        FakeConductor.Instance del = conductor.add(deleting);
        del.host = GOOD;
        del.vmState = "active";
        del.taskState = "deleting";
        driver.spawn(instance(deleting, Map.of()), io.jstack.compute.agent.virt.SpawnContext.none());
        // a stop that was going on
        String stopping = UUID.randomUUID().toString();
        FakeConductor.Instance stop = conductor.add(stopping);
        stop.host = GOOD;
        stop.vmState = "active";
        stop.taskState = "powering-off";
        driver.spawn(instance(stopping, Map.of()), io.jstack.compute.agent.virt.SpawnContext.none());
        // an active instance whose guest the hypervisor lost
        String lost = UUID.randomUUID().toString();
        FakeConductor.Instance gone = conductor.add(lost);
        gone.host = GOOD;
        gone.vmState = "active";
        gone.taskState = null;
        gone.powerState = PowerState.RUNNING;
        // a build this agent had started, which nothing resumes
        String interrupted = UUID.randomUUID().toString();
        FakeConductor.Instance building = conductor.add(interrupted);
        building.host = GOOD;
        building.taskState = "spawning";

        io.jstack.compute.agent.service.HostReconciler reconciler = new io.jstack.compute.agent.service
                .HostReconciler(hosts.host(GOOD), new io.jstack.compute.agent.service.Conductor(
                rpc.client(ConductorRpc.class), Duration.ofSeconds(10)), Duration.ZERO, Duration.ofSeconds(30));
        reconciler.run();
        io.jstack.compute.agent.service.HostReconciler.Outcome outcome = reconciler.outcome();

        assertTrue(driver.instanceInfo(stray).isEmpty(), "the stray guest is destroyed");
        assertTrue(driver.instanceInfo(deleting).isEmpty());
        await("delete finished", () -> conductor.deletions.stream().anyMatch(x -> x.uuid().equals(deleting)));
        assertNull(state(stopping).taskState, "the interrupted stop is rolled back");
        assertEquals(PowerState.RUNNING, state(stopping).powerState);
        assertEquals("stopped", state(lost).vmState, "an instance without a guest is stopped");
        assertEquals(PowerState.NOSTATE, state(lost).powerState);
        await("build aborted", () -> conductor.aborted.stream().anyMatch(a -> a.uuid().equals(interrupted)));
        assertEquals("error", state(interrupted).vmState);
        assertTrue(outcome.guestsDestroyed() >= 1 && outcome.deletesFinished() >= 1
                && outcome.actionsRolledBack() >= 1 && outcome.buildsAborted() >= 1 && outcome.powerSynced() >= 1,
                outcome.toString());
    }
}
