package io.jstack.compute.agent.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once every host's topic is bound. */
@Readiness
@ApplicationScoped
public class AgentReadiness implements HealthCheck {

    @Inject
    ComputeHosts hosts;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("compute-hosts").status(hosts.isServing())
                .withData("hosts", hosts.all().size()).build();
    }
}
