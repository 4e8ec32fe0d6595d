package io.jstack.compute.service;

import io.jstack.compute.model.Service;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;

/** Whether services are up: reported within the service down time, and not forced down by an operator. */
@ApplicationScoped
public class ServiceStates {

    public static final String COMPUTE = "nova-compute";

    @Inject
    ComputeSettings settings;

    public boolean isUp(Service s) {
        if (s.forcedDown) {
            return false;
        }
        Instant seen = s.lastSeenUp != null ? s.lastSeenUp : s.updatedAt != null ? s.updatedAt : s.createdAt;
        return seen != null && seen.isAfter(Instant.now().minus(settings.serviceDownTime()));
    }

    /** os-services "state". */
    public String state(Service s) {
        return isUp(s) ? "up" : "down";
    }

    /** A server's host_status (2.16) from its host's compute service. */
    public String hostStatus(Service s) {
        if (s.forcedDown) {
            return "DOWN";
        }
        if (!isUp(s)) {
            return "UNKNOWN";
        }
        return s.disabled ? "MAINTENANCE" : "UP";
    }
}
