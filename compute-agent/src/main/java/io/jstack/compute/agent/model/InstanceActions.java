package io.jstack.compute.agent.model;

/** Event names of instance actions (os-instance-actions) as Nova's compute manager records them. */
public final class InstanceActions {
    public static final String BUILD = "compute__do_build_and_run_instance";
    public static final String TERMINATE = "compute_terminate_instance";
    public static final String STOP = "compute_stop_instance";
    public static final String START = "compute_start_instance";
    public static final String REBOOT = "compute_reboot_instance";
    public static final String PAUSE = "compute_pause_instance";
    public static final String UNPAUSE = "compute_unpause_instance";
    public static final String SUSPEND = "compute_suspend_instance";
    public static final String RESUME = "compute_resume_instance";

    public static final String SUCCESS = "Success";
    public static final String ERROR = "Error";

    private InstanceActions() {
    }
}
