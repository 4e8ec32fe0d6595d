package io.jstack.identity;

import io.jstack.common.testing.Outages;
import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.List;
import java.util.Map;

/**
 * A service instance of its own for tests that break things: the fuzz (which deletes what it finds) and the
 * database outage. Its database is cleaned and bootstrapped again when it starts, so the other tests' users and
 * tokens are not touched; its PostgreSQL connections go through a proxy a test can cut ({@link Outages}).
 */
public class IsolatedProfile implements QuarkusTestProfile {
    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(Outages.class, Map.of("database", "identity_test", "broker", "false")));
    }
}
