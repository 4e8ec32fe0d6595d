package io.jstack.common.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;

/**
 * Puts the service's PostgreSQL (reactive pool) and RabbitMQ connections behind {@link TcpProxy}s, so a test can
 * cut them: {@code Outages.database().cut()}. Flyway keeps its direct connection (migrations at start). Init args:
 * {@code database} (the test database's name, required), {@code broker} ("false" to leave RabbitMQ direct).
 *
 * <p>The test and this resource may be loaded by different class loaders, so the test reaches a proxy through the
 * platform's JMX server, by name, not through a static field.
 */
public class Outages implements QuarkusTestResourceLifecycleManager {

    private static final String DOMAIN = "io.jstack.test:type=Outage,name=";

    private TcpProxy database;
    private TcpProxy broker;
    private Map<String, String> args = Map.of();

    @Override
    public void init(Map<String, String> initArgs) {
        this.args = initArgs;
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>();
        String name = args.get("database");
        if (name != null) {
            database = TcpProxy.start("127.0.0.1", 5432);
            register("database", database);
            config.put("quarkus.datasource.reactive.url", "postgresql://127.0.0.1:" + database.port() + "/" + name);
        }
        if (!"false".equals(args.get("broker"))) {
            broker = TcpProxy.start("127.0.0.1", 5672);
            register("broker", broker);
            config.put("jstack.rpc.port", String.valueOf(broker.port()));
        }
        return config;
    }

    @Override
    public void stop() {
        if (database != null) {
            database.close();
        }
        if (broker != null) {
            broker.close();
        }
        unregister("database");
        unregister("broker");
    }

    private static void register(String name, TcpProxy proxy) {
        try {
            unregister(name);
            ManagementFactory.getPlatformMBeanServer().registerMBean(proxy, new ObjectName(DOMAIN + name));
        } catch (JMException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void unregister(String name) {
        try {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            ObjectName object = new ObjectName(DOMAIN + name);
            if (server.isRegistered(object)) {
                server.unregisterMBean(object);
            }
        } catch (JMException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The database connection of the running service. */
    public static Switch database() {
        return new Switch("database");
    }

    /** The broker connection of the running service. */
    public static Switch broker() {
        return new Switch("broker");
    }

    /** Cuts and restores one dependency. */
    public record Switch(String name) {
        public void cut() {
            invoke("cut");
        }

        public void restore() {
            invoke("restore");
        }

        private void invoke(String operation) {
            try {
                ManagementFactory.getPlatformMBeanServer().invoke(new ObjectName(DOMAIN + name), operation,
                        new Object[0], new String[0]);
            } catch (InstanceNotFoundException e) {
                throw new IllegalStateException("no " + name + " proxy: the test's profile does not use Outages");
            } catch (JMException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
