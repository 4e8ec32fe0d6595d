package io.jstack.compute.agent.virt;

/** SOFT asks the guest to restart (ACPI); HARD resets it like a power cycle. */
public enum RebootType {
    SOFT, HARD;

    public static RebootType of(String type) {
        return "HARD".equalsIgnoreCase(type) ? HARD : SOFT;
    }
}
