package io.jstack.compute.agent.service;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/** Start-up binds every host's topic and sends first reports; then hosts report every report interval. */
@ApplicationScoped
public class Lifecycle {

    @Inject
    ComputeHosts hosts;

    void start(@Observes StartupEvent event) {
        hosts.start();
    }

    void stop(@Observes ShutdownEvent event) {
        hosts.stop();
    }

    @Scheduled(every = "${jstack.compute.report-interval:10s}", delayed = "${jstack.compute.report-interval:10s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void report() {
        hosts.reportAll();
    }
}
