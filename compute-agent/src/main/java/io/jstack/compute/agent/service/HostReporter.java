package io.jstack.compute.agent.service;

import io.jstack.common.RequestContext;
import io.jstack.common.compute.ConductorRpc;
import io.jstack.common.compute.HostReport;
import io.jstack.common.compute.SchedulerRpc;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Tells the scheduler (resource providers: inventory and liveness) and the conductor (compute nodes and service
 * heartbeats) what each host has: every report interval, and shortly after a change so the scheduler sees builds
 * and deletions before the next period.
 */
public final class HostReporter implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(HostReporter.class);
    public static final String BINARY = "nova-compute";

    private final SchedulerRpc scheduler;
    private final ConductorRpc conductor;
    private final Duration changeDelay;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "host-reports");
        t.setDaemon(true);
        return t;
    });
    private final AtomicLong lastWarning = new AtomicLong();

    public HostReporter(SchedulerRpc scheduler, ConductorRpc conductor, Duration changeDelay) {
        this.scheduler = scheduler;
        this.conductor = conductor;
        this.changeDelay = changeDelay;
    }

    /**
     * Something changed on the host (a build started or ended, an instance went): the scheduler hears of it soon
     * (changes within the delay share one report). The conductor keeps only the hypervisor's facts, which builds
     * and deletes do not change, so it hears on the periodic round alone.
     */
    public void changed(ComputeHost host) {
        if (host.claimPendingReport()) {
            timer.schedule(() -> {
                host.reportSent();
                report(host, false);
            }, changeDelay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** The periodic round: every host's report and heartbeat. */
    public void reportAll(Collection<ComputeHost> hosts) {
        for (ComputeHost host : hosts) {
            report(host, true);
            heartbeat(host);
        }
    }

    private void report(ComputeHost host, boolean toConductor) {
        HostReport report;
        try {
            report = host.report();
        } catch (RuntimeException e) {
            warn("cannot read the resources of " + host.name() + ": " + e.getMessage());
            return;
        }
        RequestContext context = RequestContext.internal();
        sent("report_host", scheduler.reportHost(context, report));
        if (toConductor) {
            sent("compute_node_report", conductor.computeNodeReport(context, report));
        }
    }

    public void heartbeat(ComputeHost host) {
        sent("service_heartbeat", conductor.serviceHeartbeat(RequestContext.internal(),
                new ConductorRpc.Heartbeat(host.name(), BINARY, null, Instant.now())));
    }

    private void sent(String what, CompletionStage<Void> cast) {
        cast.exceptionally(t -> {
            warn(what + " failed: " + t.getMessage());
            return null;
        });
    }

    /** At most one warning every 30 s: with the broker down, thousands of hosts would flood the log. */
    private void warn(String message) {
        long now = System.currentTimeMillis();
        long last = lastWarning.get();
        if (now - last > 30_000 && lastWarning.compareAndSet(last, now)) {
            LOG.warn(message);
        } else {
            LOG.debug(message);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
