package io.jstack.common.compute;

import io.jstack.common.rpc.internal.ApiModel;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The compute family's RPC interfaces are valid APIs with the wire names OpenStack uses. */
class ContractsTest {

    @Test
    void interfacesAreValidRpcApis() {
        ApiModel scheduler = ApiModel.of(SchedulerRpc.class);
        assertEquals("scheduler", scheduler.topic());
        assertTrue(scheduler.byWireName().containsKey("select_destinations"));
        assertEquals(ApiModel.Kind.CAST, scheduler.byWireName().get("report_host").kind());

        ApiModel conductor = ApiModel.of(ConductorRpc.class);
        assertEquals("conductor", conductor.topic());
        assertEquals(ApiModel.Kind.CAST, conductor.byWireName().get("build_instances").kind());
        assertEquals(ApiModel.Kind.CALL, conductor.byWireName().get("instance_update").kind());

        ApiModel compute = ApiModel.of(ComputeRpc.class);
        assertEquals("", compute.topic());
        assertEquals(ApiModel.Kind.CAST, compute.byWireName().get("build_and_run_instance").kind());
        assertEquals(ApiModel.Kind.CALL, compute.byWireName().get("get_console_output").kind());
        assertEquals("compute.host1", ComputeRpc.topic("host1"));
    }

    @Test
    void anUpdateWithoutAnExpectedHostReadsAsBeforeAndOneWithItKeepsIt() throws Exception {
        var json = new com.fasterxml.jackson.databind.ObjectMapper()
                .registerModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule());
        ConductorRpc.InstanceUpdate old = json.readValue("""
                {"uuid":"u","vmState":"active","taskState":null,"clearTaskState":true,
                 "expectedTaskStates":["spawning"],"powerState":1,"host":null,"node":null,"launchedAt":null}""",
                ConductorRpc.InstanceUpdate.class);
        assertEquals(null, old.expectedHost());
        assertEquals(java.util.List.of("spawning"), old.expectedTaskStates());
        ConductorRpc.InstanceUpdate withHost = new ConductorRpc.InstanceUpdate("u", null, "spawning", false, null,
                null, "h1", null, null, "h1");
        assertEquals(withHost, json.readValue(json.writeValueAsString(withHost), ConductorRpc.InstanceUpdate.class));
        assertEquals(ApiModel.Kind.CALL, ApiModel.of(ConductorRpc.class).byWireName().get("instance_state").kind());
        assertEquals(ApiModel.Kind.CAST, ApiModel.of(ConductorRpc.class).byWireName().get("build_aborted").kind());
    }

    @Test
    void flavorDiskCountsRootEphemeralAndSwap() {
        assertEquals(12, new FlavorSpec("1", "f", 1, 512, 10, 1, 512, null).diskGb());
        assertEquals(1, new FlavorSpec("1", "f", 1, 512, 1, 0, 0, null).diskGb());
    }
}
