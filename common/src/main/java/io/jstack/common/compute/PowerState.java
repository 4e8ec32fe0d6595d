package io.jstack.common.compute;

/** Nova's power states, by their API numbers. */
public final class PowerState {
    public static final int NOSTATE = 0;
    public static final int RUNNING = 1;
    public static final int PAUSED = 3;
    public static final int SHUTDOWN = 4;
    public static final int CRASHED = 6;
    public static final int SUSPENDED = 7;

    private PowerState() {
    }
}
