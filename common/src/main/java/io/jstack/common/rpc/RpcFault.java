package io.jstack.common.rpc;

/**
 * A handler-side exception whose type is part of the RPC contract: the caller receives a {@link RemoteError}
 * whose {@code type()} is {@link #type()} (for example {@code NoValidHost}), so it can branch on it without
 * sharing exception classes across services.
 */
public class RpcFault extends RuntimeException {
    private final String type;

    public RpcFault(String type, String message) {
        super(message);
        this.type = type;
    }

    public String type() {
        return type;
    }
}
