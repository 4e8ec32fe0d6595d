package io.jstack.compute.agent.virt;

/** The hypervisor has no guest of that instance. */
public class InstanceNotFoundException extends VirtDriverException {
    public InstanceNotFoundException(String uuid) {
        super("Instance " + uuid + " could not be found.");
    }
}
