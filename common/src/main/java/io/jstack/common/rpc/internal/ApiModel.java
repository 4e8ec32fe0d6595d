package io.jstack.common.rpc.internal;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.type.TypeFactory;
import io.jstack.common.RequestContext;
import io.jstack.common.rpc.RpcApi;

import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/** What an {@link RpcApi} interface means on the wire: its methods by wire name, their kind and types. */
public record ApiModel(Class<?> api, String topic, String version, Map<String, Operation> byWireName,
                       Map<Method, Operation> byMethod) {

    public enum Kind { CALL, CAST, FANOUT }

    public record Operation(Method method, String wireName, Kind kind, JavaType argType, JavaType resultType) {
        boolean hasArg() {
            return argType != null;
        }
    }

    private static final Map<Class<?>, ApiModel> CACHE = new java.util.concurrent.ConcurrentHashMap<>();

    public static ApiModel of(Class<?> api) {
        return CACHE.computeIfAbsent(api, ApiModel::build);
    }

    private static ApiModel build(Class<?> api) {
        RpcApi annotation = api.getAnnotation(RpcApi.class);
        if (!api.isInterface() || annotation == null) {
            throw new IllegalArgumentException(api + " is not an interface annotated @RpcApi");
        }
        TypeFactory types = TypeFactory.defaultInstance();
        Map<String, Operation> byName = new HashMap<>();
        Map<Method, Operation> byMethod = new HashMap<>();
        for (Method m : api.getMethods()) {
            if (m.isDefault() || java.lang.reflect.Modifier.isStatic(m.getModifiers())) {
                continue;
            }
            Class<?>[] params = m.getParameterTypes();
            if (params.length < 1 || params.length > 2 || params[0] != RequestContext.class) {
                throw new IllegalArgumentException(m + ": RPC methods take (RequestContext[, args])");
            }
            if (m.getReturnType() != CompletionStage.class) {
                throw new IllegalArgumentException(m + ": RPC methods return CompletionStage");
            }
            Type result = ((ParameterizedType) m.getGenericReturnType()).getActualTypeArguments()[0];
            Kind kind = m.isAnnotationPresent(RpcApi.Cast.class) ? Kind.CAST
                    : m.isAnnotationPresent(RpcApi.Fanout.class) ? Kind.FANOUT : Kind.CALL;
            if (kind != Kind.CALL && result != Void.class) {
                throw new IllegalArgumentException(m + ": casts and fanouts return CompletionStage<Void>");
            }
            RpcApi.Method rename = m.getAnnotation(RpcApi.Method.class);
            String wire = rename != null ? rename.value() : snakeCase(m.getName());
            JavaType argType = params.length == 2 ? types.constructType(m.getGenericParameterTypes()[1]) : null;
            Operation op = new Operation(m, wire, kind, argType, types.constructType(result));
            if (byName.put(wire, op) != null) {
                throw new IllegalArgumentException(api + ": two methods travel as " + wire);
            }
            byMethod.put(m, op);
        }
        return new ApiModel(api, annotation.topic(), annotation.version(), Map.copyOf(byName), Map.copyOf(byMethod));
    }

    static String snakeCase(String camel) {
        StringBuilder out = new StringBuilder(camel.length() + 8);
        for (int i = 0; i < camel.length(); i++) {
            char c = camel.charAt(i);
            if (Character.isUpperCase(c)) {
                if (i > 0) {
                    out.append('_');
                }
                out.append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Major part of a version string ("1.3" -> 1). */
    static int major(String version) {
        int dot = version.indexOf('.');
        return Integer.parseInt(dot < 0 ? version : version.substring(0, dot));
    }
}
