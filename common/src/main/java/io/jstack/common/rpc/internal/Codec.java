package io.jstack.common.rpc.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jstack.common.RequestContext;
import io.jstack.common.rpc.RemoteError;
import io.jstack.common.rpc.RpcFault;

import java.io.IOException;
import java.util.function.Function;

/**
 * The one versioned JSON envelope on the wire, read and written in a single streaming pass (arguments and
 * results go straight between bytes and their records, no intermediate tree): this is most of the layer's cost.
 * <pre>
 * request: {"v":1, "version":"1.0", "method":"build_instances", "context":{...}, "args":{...}}
 * reply:   {"v":1, "result":...}   or   {"v":1, "error":{"type":"NoValidHost", "message":"..."}}
 * </pre>
 */
public final class Codec {

    /** The envelope format this code reads and writes. */
    public static final int FORMAT = 1;

    private final ObjectMapper json;

    public Codec(ObjectMapper json) {
        this.json = json;
    }

    @JsonPropertyOrder({"v", "version", "method", "context", "args"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record RequestOut(int v, String version, String method, RequestContext context, Object args) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record ReplyOut(int v, Object result) {
    }

    record Failure(String type, String message) {
    }

    record FailureOut(int v, Failure error) {
    }

    /** A decoded request. {@code argument} is already of the handler's parameter type. */
    record Request(int v, String version, String method, RequestContext context, Object argument) {
    }

    byte[] request(String version, String method, RequestContext context, Object args) throws IOException {
        return json.writeValueAsBytes(new RequestOut(FORMAT, version, method, context, args));
    }

    byte[] reply(Object result) throws IOException {
        return json.writeValueAsBytes(new ReplyOut(FORMAT, result));
    }

    byte[] failure(String type, String message) {
        try {
            return json.writeValueAsBytes(new FailureOut(FORMAT, new Failure(type, message)));
        } catch (IOException e) {
            throw new IllegalStateException("a failure record always serialises", e);
        }
    }

    /**
     * Reads a request; {@code argType} maps the method name to its argument type (null: no argument). Arguments
     * that come before the method name (other writers) are buffered as a tree and converted afterwards.
     */
    Request readRequest(byte[] body, Function<String, JavaType> argType) throws IOException {
        int v = 0;
        String version = null;
        String method = null;
        RequestContext context = null;
        Object argument = null;
        JsonNode earlyArgs = null;
        try (JsonParser p = json.createParser(body)) {
            expectObject(p);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                switch (field) {
                    case "v" -> v = p.getIntValue();
                    case "version" -> version = p.getValueAsString();
                    case "method" -> method = p.getValueAsString();
                    case "context" -> context = p.currentToken() == JsonToken.VALUE_NULL ? null
                            : json.readValue(p, RequestContext.class);
                    case "args" -> {
                        if (method == null) {
                            earlyArgs = json.readTree(p);
                        } else {
                            argument = readArgument(p, argType.apply(method), method);
                        }
                    }
                    default -> p.skipChildren();
                }
            }
        }
        if (earlyArgs != null && method != null) {
            JavaType type = argType.apply(method);
            argument = type == null || earlyArgs.isNull() ? null : convert(earlyArgs, type, method);
        }
        return new Request(v, version, method, context, argument);
    }

    private Object readArgument(JsonParser p, JavaType type, String method) throws IOException {
        if (type == null || p.currentToken() == JsonToken.VALUE_NULL) {
            p.skipChildren();
            return null;
        }
        try {
            return json.readValue(p, type);
        } catch (com.fasterxml.jackson.databind.JsonMappingException e) {
            throw new RpcFault("InvalidArguments", method + ": " + e.getOriginalMessage());
        }
    }

    private Object convert(JsonNode node, JavaType type, String method) {
        try {
            return json.convertValue(node, type);
        } catch (IllegalArgumentException e) {
            throw new RpcFault("InvalidArguments", method + ": " + e.getMessage());
        }
    }

    /**
     * Reads a reply: its result as {@code resultType} (a JsonNode when null), or throws the remote error.
     */
    Object readReply(byte[] body, JavaType resultType) throws IOException {
        Object result = null;
        Failure failure = null;
        try (JsonParser p = json.createParser(body)) {
            expectObject(p);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                switch (field) {
                    case "result" -> {
                        if (resultType == null || resultType.getRawClass() == JsonNode.class) {
                            result = json.readTree(p);
                        } else if (resultType.getRawClass() == Void.class || p.currentToken() == JsonToken.VALUE_NULL) {
                            p.skipChildren();
                        } else {
                            result = json.readValue(p, resultType);
                        }
                    }
                    case "error" -> failure = json.readValue(p, Failure.class);
                    default -> p.skipChildren();
                }
            }
        }
        if (failure != null) {
            throw new RemoteError(failure.type(), failure.message());
        }
        return result;
    }

    private static void expectObject(JsonParser p) throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            throw new com.fasterxml.jackson.core.JsonParseException(p, "an RPC envelope is a JSON object");
        }
    }
}
