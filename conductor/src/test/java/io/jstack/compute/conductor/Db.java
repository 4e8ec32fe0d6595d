package io.jstack.compute.conductor;

import io.jstack.common.compute.FlavorSpec;
import io.jstack.common.compute.ImageSpec;
import io.jstack.common.compute.InstanceSpec;
import io.jstack.common.compute.RequestSpec;
import io.jstack.compute.model.Instance;
import io.jstack.compute.model.InstanceAction;
import io.jstack.compute.model.TaskStates;
import io.jstack.compute.model.VmStates;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.fail;

/** The compute database as compute-api would have left it, for the conductor's tests. */
final class Db {
    static final FlavorSpec FLAVOR = new FlavorSpec("42", "m1.nano", 1, 128, 1, 0, 0, null);
    static final ImageSpec IMAGE = new ImageSpec(UUID.randomUUID().toString(), "cirros", "active", "qcow2", "bare",
            1024L, 0, 0, null, null);

    private Db() {
    }

    static <T> T run(Supplier<Uni<T>> work) {
        try {
            return VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(work));
        } catch (Throwable e) {
            throw new AssertionError(e);
        }
    }

    /** An instance waiting to be scheduled, and the create action of the given request. */
    static InstanceSpec building(String requestId) {
        InstanceSpec spec = new InstanceSpec(UUID.randomUUID().toString(), "vm", "vm", "project", "user", FLAVOR,
                IMAGE, null, null, null, null, null, "pass", false);
        run(() -> {
            Instance i = new Instance();
            i.uuid = spec.uuid();
            i.displayName = spec.name();
            i.projectId = spec.projectId();
            i.userId = spec.userId();
            i.imageRef = IMAGE.id();
            i.flavorId = FLAVOR.id();
            i.flavorName = FLAVOR.name();
            i.vcpus = 1;
            i.memoryMb = 128;
            i.rootGb = 1;
            i.vmState = VmStates.BUILDING;
            i.taskState = TaskStates.SCHEDULING;
            i.reservationId = "r-test";
            i.createdAt = Instant.now();
            i.updatedAt = i.createdAt;
            InstanceAction a = new InstanceAction();
            a.instanceUuid = i.uuid;
            a.action = "create";
            a.requestId = requestId;
            a.userId = "user";
            a.projectId = "project";
            a.startTime = Instant.now();
            a.updatedAt = a.startTime;
            return i.persist().chain(() -> a.persist());
        });
        return spec;
    }

    static RequestSpec spec() {
        return new RequestSpec("project", "user", FLAVOR, IMAGE, null, null, null, null, null, null, null);
    }

    static Instance instance(String uuid) {
        return run(() -> Instance.<Instance>findById(uuid));
    }

    /** Waits for a condition on the instance's row (casts complete asynchronously). */
    static Instance await(String uuid, java.util.function.Predicate<Instance> condition) {
        Instant end = Instant.now().plus(Duration.ofSeconds(15));
        Instance last = null;
        while (Instant.now().isBefore(end)) {
            last = instance(uuid);
            if (last != null && condition.test(last)) {
                return last;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        fail("instance " + uuid + " never reached the expected state; last: vm_state=" + (last == null ? null
                : last.vmState + " task_state=" + last.taskState + " host=" + last.host));
        return null;
    }

    static void eventually(Supplier<Boolean> condition, String what) {
        Instant end = Instant.now().plus(Duration.ofSeconds(15));
        while (Instant.now().isBefore(end)) {
            if (condition.get()) {
                return;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        fail(what);
    }

    static List<String> uuids(List<InstanceSpec> specs) {
        return specs.stream().map(InstanceSpec::uuid).toList();
    }
}
