package io.jstack.compute;

import io.jstack.common.RequestContext;
import io.jstack.common.compute.ConductorRpc;
import io.jstack.common.compute.FlavorSpec;
import io.jstack.common.compute.InstanceSpec;
import io.jstack.common.compute.RequestSpec;
import io.jstack.compute.model.Instance;
import io.jstack.compute.model.InstanceAction;
import io.jstack.compute.model.TaskStates;
import io.jstack.compute.model.VmStates;
import io.jstack.compute.service.Outbox;
import io.jstack.compute.service.OutboxMessage;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The outbox: a build is written with its instances and reaches the conductor even when this process dies before
 * sending it or the cast is lost on the way; the relay sends again only until the instances show it took effect.
 */
@QuarkusTest
@QuarkusTestResource(FakeImages.class)
class OutboxTest {

    @Inject
    Pool pool;

    @Inject
    Outbox outbox;

    @AfterEach
    void reset() {
        FakeCloud.building = true;
    }

    private static int buildRequests(String uuid) {
        var n = FakeCloud.BUILD_REQUESTS.get(uuid);
        return n == null ? 0 : n.get();
    }

    /** The outbox rows about an instance. */
    private List<Row> rows(String uuid) {
        List<Row> out = new java.util.ArrayList<>();
        pool.preparedQuery("select * from outbox where $1 = any(string_to_array(instance_uuids, ','))")
                .execute(Tuple.of(uuid)).await().indefinitely().forEach(out::add);
        return out;
    }

    private static void eventually(String what, BooleanSupplier condition) {
        Instant end = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(end)) {
            if (condition.getAsBoolean()) {
                return;
            }
            Fixtures.sleep(100);
        }
        fail(what);
    }

    @Test
    void aCreateSendsItsBuildOnceAndTheRowGoesOnceItTookEffect() {
        String id = Fixtures.create(Nova.member(), Fixtures.uniqueName("outbox"));
        Fixtures.waitFor(Nova.member(), id, "ACTIVE");
        eventually("the sent build's row is removed once the instance is built", () -> rows(id).isEmpty());
        assertEquals(1, buildRequests(id), "a build that took effect is not sent again");
    }

    @Test
    void aBuildCommittedButNeverSentIsSentByTheRelay() throws Throwable {
        // as if compute-api died between the commit and the cast: instance and outbox row, nothing sent
        String uuid = UUID.randomUUID().toString();
        RequestContext ctx = new RequestContext(RequestContext.newRequestId(), Nova.USER, Nova.PROJECT, null,
                List.of("member"), null);
        FlavorSpec flavor = new FlavorSpec(Fixtures.tinyFlavor(), "tiny", 1, 128, 1, 0, 0, Map.of());
        InstanceSpec spec = new InstanceSpec(uuid, "orphan", "orphan", Nova.PROJECT, Nova.USER, flavor, null, null,
                null, null, Map.of(), null, null, false);
        ConductorRpc.BuildInstances build = new ConductorRpc.BuildInstances(List.of(spec), new RequestSpec(
                Nova.PROJECT, Nova.USER, flavor, null, null, null, null, null, null, null, null));
        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> {
            Instance i = new Instance();
            i.uuid = uuid;
            i.displayName = "orphan";
            i.projectId = Nova.PROJECT;
            i.userId = Nova.USER;
            i.flavorId = flavor.id();
            i.flavorName = flavor.name();
            i.vcpus = 1;
            i.memoryMb = 128;
            i.rootGb = 1;
            i.vmState = VmStates.BUILDING;
            i.taskState = TaskStates.SCHEDULING;
            i.reservationId = "r-orphan";
            i.createdAt = Instant.now();
            i.updatedAt = i.createdAt;
            InstanceAction a = new InstanceAction();
            a.instanceUuid = uuid;
            a.action = "create";
            a.requestId = ctx.requestId();
            a.startTime = i.createdAt;
            a.updatedAt = i.createdAt;
            return i.persist().chain(a::persist).chain(() -> outbox.add(ctx, OutboxMessage.of(ConductorRpc.class,
                    "conductor", List.of(uuid), TaskStates.SCHEDULING, c -> c.buildInstances(ctx, build))));
        }));
        assertEquals(1, rows(uuid).size());
        assertEquals(0, buildRequests(uuid));
        Fixtures.waitFor(Nova.member(), uuid, "ACTIVE");
        assertEquals(1, buildRequests(uuid));
        eventually("the row is removed once the instance is built", () -> rows(uuid).isEmpty());
    }

    @Test
    void aBuildLostOnTheWayIsSentAgainUntilItTakesEffect() {
        // the conductor takes the message but does nothing with it (its handler failed)
        FakeCloud.building = false;
        String id = Fixtures.create(Nova.member(), Fixtures.uniqueName("lost"));
        eventually("the build is sent again", () -> buildRequests(id) >= 2);
        assertEquals("BUILD", Nova.member().get("/v2.1/servers/" + id).path("server.status"));
        Row row = rows(id).getFirst();
        assertTrue(row.getInteger("attempts") >= 2, "attempts " + row.getInteger("attempts"));
        // the conductor works again: the next attempt builds it, and then the sending stops
        FakeCloud.building = true;
        Fixtures.waitFor(Nova.member(), id, "ACTIVE");
        eventually("the row is removed once the instance is built", () -> rows(id).isEmpty());
        int sent = buildRequests(id);
        Fixtures.sleep(3000);
        assertEquals(sent, buildRequests(id));
    }

    @Test
    void theActionsCastGoesThroughTheOutboxAndLeavesNothingOnceDone() {
        String id = Fixtures.active(Nova.member(), Fixtures.uniqueName("act"));
        Nova.member().body(Map.of("os-stop", Map.of())).post("/v2.1/servers/" + id + "/action").then()
                .statusCode(202);
        Fixtures.waitFor(Nova.member(), id, "SHUTOFF");
        Fixtures.settled(Nova.member(), id);
        eventually("the stop's row is removed once the instance is stopped", () -> rows(id).isEmpty());
        Nova.member().delete("/v2.1/servers/" + id).then().statusCode(204);
        Fixtures.waitFor(Nova.member(), id, "DELETED");
        eventually("the delete's row is removed once the instance is deleted", () -> rows(id).isEmpty());
    }
}
