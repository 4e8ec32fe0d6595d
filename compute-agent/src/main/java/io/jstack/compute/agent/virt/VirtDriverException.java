package io.jstack.compute.agent.virt;

/** The hypervisor could not do what was asked; the message says why, in words fit for an instance fault. */
public class VirtDriverException extends RuntimeException {
    public VirtDriverException(String message) {
        super(message);
    }

    public VirtDriverException(String message, Throwable cause) {
        super(message, cause);
    }
}
