package io.jstack.common.rpc;

/**
 * An exception raised by a remote handler, re-raised on the caller's side with the remote type and message.
 * Handlers that want a specific type to reach callers throw a {@link RpcFault}; anything else arrives as this
 * class with the remote class name as {@link #type()}.
 */
public class RemoteError extends RuntimeException {
    private final String type;

    public RemoteError(String type, String message) {
        super(type + ": " + message, null, false, false);
        this.type = type;
    }

    /** The remote exception's type: a {@link RpcFault#type()} or the remote class name. */
    public String type() {
        return type;
    }

    /** The remote exception's message alone. */
    public String remoteMessage() {
        String m = getMessage();
        return m.substring(type.length() + 2);
    }
}
