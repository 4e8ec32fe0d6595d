package io.jstack.scheduler.model;

/** A host's compute service as the operator set it (os-services): disabled or forced-down hosts get nothing new. */
public record ServiceStatus(boolean enabled, boolean forcedDown, String disabledReason) {
    public static final ServiceStatus ENABLED = new ServiceStatus(true, false, null);
}
