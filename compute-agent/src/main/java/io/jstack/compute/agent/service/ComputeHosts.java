package io.jstack.compute.agent.service;

import io.jstack.common.compute.ComputeRpc;
import io.jstack.common.compute.ConductorRpc;
import io.jstack.common.compute.SchedulerRpc;
import io.jstack.common.rpc.Binding;
import io.jstack.common.rpc.Rpc;
import io.jstack.compute.agent.rpc.ComputeManager;
import io.jstack.compute.agent.virt.VirtDriver;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The hosts this process serves (one for a real hypervisor, any number of fake ones): each gets its driver, its
 * compute manager bound to {@code compute.<host>}, and its reports and heartbeats.
 */
@Singleton
public class ComputeHosts {

    private static final Logger LOG = Logger.getLogger(ComputeHosts.class);

    @Inject
    AgentSettings settings;

    @Inject
    Rpc rpc;

    @Inject
    VirtDrivers drivers;

    @Inject
    SpawnContexts spawnContexts;

    private final Map<String, ComputeHost> hosts = new LinkedHashMap<>();
    private final List<Binding> bindings = new ArrayList<>();
    private final Map<String, HostReconciler> reconcilers = new LinkedHashMap<>();
    private final List<Thread> reconciling = new ArrayList<>();
    /** How long a host's reconciliation at start waits for the conductor to answer before giving up. */
    private static final java.time.Duration RECONCILE_RETRY = java.time.Duration.ofMinutes(10);
    private volatile HostReporter reporter;
    private volatile boolean serving;

    public synchronized void start() {
        if (serving) {
            return;
        }
        Conductor conductor = new Conductor(rpc.client(ConductorRpc.class), settings.conductorTimeout(),
                settings.conductorRetryFor());
        reporter = new HostReporter(rpc.client(SchedulerRpc.class), rpc.client(ConductorRpc.class),
                settings.changeReportDelay());
        for (VirtDriver driver : drivers.create()) {
            ComputeHost host = new ComputeHost(driver, settings);
            ComputeManager manager = new ComputeManager(host, conductor, reporter, settings.shutdownTimeout(),
                    spawnContexts);
            PowerStateSync sync = new PowerStateSync(host, conductor);
            driver.setLifecycleListener(sync::onEvent);
            hosts.put(host.name(), host);
            bindings.add(rpc.serve(ComputeRpc.class, ComputeRpc.topic(host.name()), manager));
            HostReconciler reconciler = new HostReconciler(host, conductor, settings.interruptedBuildGrace(),
                    RECONCILE_RETRY);
            reconcilers.put(host.name(), reconciler);
            if (settings.reconcileAtStart()) {
                reconciling.add(Thread.ofVirtual().name("init-host-" + host.name()).start(reconciler));
            }
        }
        serving = true;
        LOG.infof("serving %d %s host(s): %s", hosts.size(), settings.driver(), hosts.size() <= 5
                ? String.join(", ", hosts.keySet()) : hosts.keySet().iterator().next() + " ...");
        reporter.reportAll(all());
    }

    /** The periodic round of reports and heartbeats. */
    public void reportAll() {
        HostReporter r = reporter;
        if (r != null) {
            r.reportAll(all());
        }
    }

    public synchronized List<ComputeHost> all() {
        return List.copyOf(hosts.values());
    }

    public synchronized ComputeHost host(String name) {
        return hosts.get(name);
    }

    public boolean isServing() {
        return serving;
    }

    /** The reconciliation of a host at start (tests). */
    public synchronized HostReconciler reconciler(String name) {
        return reconcilers.get(name);
    }

    public synchronized void stop() {
        serving = false;
        reconciling.forEach(Thread::interrupt);
        bindings.forEach(Binding::close);
        bindings.clear();
        if (reporter != null) {
            reporter.close();
        }
        hosts.values().forEach(h -> h.driver().close());
    }
}
