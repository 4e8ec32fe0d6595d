package io.jstack.compute;

import io.jstack.common.testing.Outages;
import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.List;
import java.util.Map;

/**
 * A service instance of its own for tests that break things: the fuzz (which deletes what it finds) and the
 * outages. Its database starts empty, as for every profile, so the other tests' fixtures are not touched; its
 * PostgreSQL and RabbitMQ connections go through proxies a test can cut ({@link Outages}); an RPC call that gets
 * no answer fails after 3 s.
 */
public class IsolatedProfile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("jstack.rpc.call-timeout", "3s");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(Outages.class, Map.of("database", "compute_test")));
    }
}
