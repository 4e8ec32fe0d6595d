package io.jstack.common.rpc;

/** No reply arrived for a call within its timeout. */
public class RpcTimeoutException extends RuntimeException {
    public RpcTimeoutException(String topic, String method, long timeoutMillis) {
        super("No reply to " + topic + "." + method + " within " + timeoutMillis + " ms");
    }
}
