package io.jstack.compute.conductor.service;

import io.jstack.common.RequestContext;
import io.jstack.compute.model.Deletion;
import io.jstack.compute.model.Instance;
import io.jstack.compute.model.InstanceAction;
import io.jstack.compute.model.Service;
import io.jstack.compute.model.StateChange;
import io.jstack.compute.model.TaskStates;
import io.jstack.compute.model.VmStates;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * Periodic sweeps that end every operation whose owner is gone, so that after any single crash nothing stays in a
 * transient state: builds that take longer than the build timeout (Nova's instance_build_timeout) or whose host
 * stopped reporting go to ERROR with a fault and give their claim back; deletes without a host are finished (those
 * on dead hosts are finished by {@link Deletions}); action task states on dead hosts, and ones nobody moved for the
 * task-state timeout (a lost action), are rolled back. Every change is a compare-and-swap on the state the sweep
 * read, so a sweep never overrides progress made meanwhile, and replicas may sweep at once.
 */
@ApplicationScoped
public class Sweeps {

    private static final Logger LOG = Logger.getLogger(Sweeps.class);

    /** Task states of actions an agent carries out on an instance that stays where it is. */
    public static final List<String> ACTION_TASK_STATES = List.of(TaskStates.POWERING_OFF, TaskStates.POWERING_ON,
            TaskStates.REBOOTING, TaskStates.REBOOT_PENDING, TaskStates.REBOOT_STARTED, TaskStates.REBOOTING_HARD,
            TaskStates.REBOOT_PENDING_HARD, TaskStates.REBOOT_STARTED_HARD, TaskStates.PAUSING,
            TaskStates.UNPAUSING, TaskStates.SUSPENDING, TaskStates.RESUMING);

    /** The agent's build event, finished with an error when a sweep ends a build a host had. */
    static final String BUILD_EVENT = "compute__do_build_and_run_instance";

    @Inject
    ConductorSettings settings;

    @Inject
    Builds builds;

    /** What one sweep did. */
    public record Report(int timedOut, int onDeadHosts, int deletesFinished, int rolledBackOnDeadHosts,
                         int lostActions) {
        int total() {
            return timedOut + onDeadHosts + deletesFinished + rolledBackOnDeadHosts + lostActions;
        }
    }

    @Scheduled(every = "${jstack.conductor.sweep-interval:30s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> periodic() {
        return sweep().invoke(r -> {
            if (r.total() > 0) {
                LOG.infof("sweep: %d builds timed out, %d builds ended on dead hosts, %d deletes finished, %d task "
                                + "states rolled back on dead hosts, %d lost actions rolled back", r.timedOut(),
                        r.onDeadHosts(), r.deletesFinished(), r.rolledBackOnDeadHosts(), r.lostActions());
            }
        }).replaceWithVoid();
    }

    /** One round of every sweep; one that fails (the database is away) does not stop the others. */
    public Uni<Report> sweep() {
        int[] n = new int[5];
        return guarded("build timeout", this::timedOutBuilds).invoke(c -> n[0] = c)
                .chain(() -> deadHosts().chain(dead -> guarded("builds on dead hosts", () -> buildsOnDeadHosts(dead))
                        .invoke(c -> n[1] = c)
                        .chain(() -> guarded("deletes without a host", this::deletesWithoutHost))
                        .invoke(c -> n[2] = c)
                        .chain(() -> guarded("task states on dead hosts", () -> tasksOnDeadHosts(dead)))
                        .invoke(c -> n[3] = c)))
                .chain(() -> guarded("lost actions", this::lostActions)).invoke(c -> n[4] = c)
                .map(x -> new Report(n[0], n[1], n[2], n[3], n[4]));
    }

    private static Uni<Integer> guarded(String what, java.util.function.Supplier<Uni<Integer>> sweep) {
        return Uni.createFrom().<Integer>deferred(sweep::get).onFailure().recoverWithItem(e -> {
            LOG.warnf("sweep of %s failed: %s", what, e.getMessage());
            return 0;
        });
    }

    /** Hosts whose compute service stopped reporting (or was forced down). */
    private Uni<List<String>> deadHosts() {
        Instant since = Instant.now().minus(settings.serviceDownTime());
        return Panache.withSession(() -> HostReports.silentSince(since))
                .map(services -> services.stream().map((Service s) -> s.host).distinct().toList())
                .onFailure().recoverWithItem(e -> {
                    LOG.warnf("cannot read service states: %s", e.getMessage());
                    return List.of();
                });
    }

    /** Builds older than the build timeout: ERROR with a fault, claim released. */
    Uni<Integer> timedOutBuilds() {
        Duration timeout = settings.instanceBuildTimeout();
        if (timeout.isZero() || timeout.isNegative()) {
            return Uni.createFrom().item(0);
        }
        Instant cutoff = Instant.now().minus(timeout);
        return each(Panache.withSession(() -> Instance.<Instance>find("deleted = false and vmState = ?1 "
                        + "and createdAt < ?2 and (taskState is null or taskState <> ?3) order by createdAt",
                VmStates.BUILDING, cutoff, TaskStates.DELETING).page(0, settings.sweepBatchSize()).list()),
                i -> failBuild(i, StateChange.of(i.uuid).where("createdAt < {}", cutoff),
                        "Instance build timed out. Set to error state.",
                        "Build of instance " + i.uuid + " did not finish within " + timeout.toSeconds() + " s"
                                + (i.host == null ? "" : " (on " + i.host + ")")));
    }

    /** Builds on hosts whose compute service is down: ERROR with a fault, claim released. */
    Uni<Integer> buildsOnDeadHosts(List<String> dead) {
        if (dead.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return each(Panache.withSession(() -> Instance.<Instance>find("deleted = false and vmState = ?1 "
                        + "and host in ?2 and (taskState is null or taskState <> ?3)", VmStates.BUILDING, dead,
                TaskStates.DELETING).page(0, settings.sweepBatchSize()).list()),
                i -> failBuild(i, StateChange.of(i.uuid).where("host = {}", i.host),
                        "Build of instance " + i.uuid + " aborted: the compute service of " + i.host
                                + " is down.",
                        "The compute service of " + i.host + " stopped reporting while the instance was building "
                                + "there (task state " + i.taskState + ")"));
    }

    /**
     * An agent found a build it had started unfinished when it came back (it died mid-build): ERROR with a fault,
     * claim released, if the instance is still building on that host past scheduling.
     */
    public Uni<Void> buildAborted(io.jstack.common.compute.ConductorRpc.BuildAborted aborted) {
        return Panache.withSession(() -> Instance.<Instance>findById(aborted.uuid())).chain(i -> {
            if (i == null || i.deleted || !aborted.host().equals(i.host)) {
                return Uni.createFrom().voidItem();
            }
            return failBuild(i, StateChange.of(i.uuid).where("host = {}", aborted.host())
                            .expectTaskState(List.of(TaskStates.BLOCK_DEVICE_MAPPING, TaskStates.NETWORKING,
                                    TaskStates.SPAWNING)),
                    "Build of instance " + i.uuid + " aborted: the compute service of " + aborted.host()
                            + " restarted while building it.", aborted.reason()).replaceWithVoid();
        });
    }

    /**
     * The build ends in ERROR, on no host, with a fault and an error event, if the instance is still building and
     * not being deleted (and {@code change}'s own conditions hold); then its claim is released.
     */
    private Uni<Boolean> failBuild(Instance i, StateChange change, String message, String details) {
        RequestContext ctx = RequestContext.internal();
        return Panache.withTransaction(() -> change.vmState(VmStates.ERROR).taskState(null).set("host", null)
                        .set("node", null).set("powerState", 0).expectVmState(VmStates.BUILDING)
                        .where("(taskState is null or taskState <> {})", TaskStates.DELETING).apply()
                        .call(failed -> !failed ? Uni.createFrom().voidItem()
                                : Faults.record(i.uuid, 500, message, details, i.host)
                                .chain(() -> createAction(i.uuid))
                                .chain(a -> a == null ? Uni.createFrom().voidItem()
                                        : ActionEvents.record(i.uuid, a.requestId, i.host == null ? Builds.EVENT
                                                : BUILD_EVENT, a.startTime, Instant.now(), ActionEvents.ERROR, i.host,
                                        message, details))))
                .call(failed -> {
                    if (!failed) {
                        return Uni.createFrom().voidItem();
                    }
                    LOG.warnf("%s: %s", message, details);
                    return builds.release(ctx, i.uuid);
                });
    }

    private static Uni<InstanceAction> createAction(String uuid) {
        return InstanceAction.<InstanceAction>find("instanceUuid = ?1 and action = ?2 order by startTime", uuid,
                "create").firstResult();
    }

    /** Instances being deleted that no host has (nobody else will finish them): deleted here. */
    Uni<Integer> deletesWithoutHost() {
        return each(Panache.withSession(() -> Instance.<Instance>find("deleted = false and taskState = ?1 "
                        + "and host is null", TaskStates.DELETING).page(0, settings.sweepBatchSize()).list()),
                i -> Panache.withTransaction(() -> Deletion.markDeleted(i.uuid, true))
                        .call(done -> done ? builds.release(RequestContext.internal(), i.uuid)
                                : Uni.createFrom().voidItem()));
    }

    /** Action task states on hosts that are down: nobody will carry them out, so they are cleared. */
    Uni<Integer> tasksOnDeadHosts(List<String> dead) {
        if (dead.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return each(Panache.withSession(() -> Instance.<Instance>find("deleted = false and host in ?1 "
                        + "and taskState in ?2", dead, ACTION_TASK_STATES).page(0, settings.sweepBatchSize()).list()),
                i -> rollBack(i, StateChange.of(i.uuid).where("host = {}", i.host), "the compute service of "
                        + i.host + " is down"));
    }

    /** Action task states nobody moved for the task-state timeout: the action was lost, so they are cleared. */
    Uni<Integer> lostActions() {
        Duration timeout = settings.taskStateTimeout();
        if (timeout.isZero() || timeout.isNegative()) {
            return Uni.createFrom().item(0);
        }
        Instant cutoff = Instant.now().minus(timeout);
        return each(Panache.withSession(() -> Instance.<Instance>find("deleted = false and taskState in ?1 "
                        + "and updatedAt < ?2", ACTION_TASK_STATES, cutoff).page(0, settings.sweepBatchSize()).list()),
                i -> rollBack(i, StateChange.of(i.uuid).where("updatedAt < {}", cutoff), "nothing moved it for "
                        + timeout.toSeconds() + " s"));
    }

    private Uni<Boolean> rollBack(Instance i, StateChange change, String why) {
        return Panache.withTransaction(() -> change.taskState(null).expectTaskState(List.of(i.taskState)).apply())
                .invoke(done -> {
                    if (done) {
                        LOG.warnf("task state %s of %s on %s rolled back: %s", i.taskState, i.uuid, i.host, why);
                    }
                });
    }

    /** Applies {@code change} to each instance in turn; counts those it changed. */
    private static Uni<Integer> each(Uni<List<Instance>> found, Function<Instance, Uni<Boolean>> change) {
        return found.chain(list -> {
            int[] count = {0};
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (Instance i : list) {
                chain = chain.chain(() -> change.apply(i).invoke(done -> {
                    if (done) {
                        count[0]++;
                    }
                }).replaceWithVoid());
            }
            return chain.map(x -> count[0]);
        });
    }
}
