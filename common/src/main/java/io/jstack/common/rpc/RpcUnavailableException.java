package io.jstack.common.rpc;

/** The broker cannot be reached or refused an operation. */
public class RpcUnavailableException extends RuntimeException {
    public RpcUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
