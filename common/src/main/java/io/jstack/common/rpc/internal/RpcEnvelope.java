package io.jstack.common.rpc.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.jstack.common.RequestContext;

/**
 * The one message shape on the wire. {@code v} is the envelope format; {@code version} the API version of the
 * method's interface. Requests carry method/args/context; replies carry result or error.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RpcEnvelope(int v, String version, String method, JsonNode args, RequestContext context,
                       JsonNode result, Failure error) {

    public static final int FORMAT = 1;

    public record Failure(String type, String message) {
    }

    public static RpcEnvelope request(String version, String method, JsonNode args, RequestContext context) {
        return new RpcEnvelope(FORMAT, version, method, args, context, null, null);
    }

    public static RpcEnvelope reply(JsonNode result) {
        return new RpcEnvelope(FORMAT, null, null, null, null, result, null);
    }

    public static RpcEnvelope failure(String type, String message) {
        return new RpcEnvelope(FORMAT, null, null, null, null, null, new Failure(type, message));
    }
}
