package io.jstack.compute.agent;

import io.jstack.common.testing.fuzz.Callers;
import io.jstack.common.testing.fuzz.FaultShapes;
import io.jstack.common.testing.fuzz.Fuzzer;
import io.jstack.common.testing.fuzz.Route;
import io.jstack.common.testing.fuzz.RouteTable;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The compute-agent has no API of its own; what it serves over HTTP (its health, and any API resource it may grow) is
 * fuzzed like the API services: no server error, every error in the default (Keystone) fault shape.
 */
@QuarkusTest
class HealthFuzzTest {

    @Test
    void badInputNeverAnswersAServerError() {
        List<Route> routes = new ArrayList<>(RouteTable.scan("io.jstack.compute.agent"));
        routes.addAll(RouteTable.health());
        Fuzzer.Report report = Fuzzer.service("compute-agent")
                .port(ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class))
                .routes(routes)
                .callers(Callers.testTokens("admin-project", "fuzz-project"))
                .faults(FaultShapes.keystone())
                .run();
        System.out.println(report.details());
        assertTrue(report.clean(), report.details());
    }
}
