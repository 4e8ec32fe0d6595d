package io.jstack.common.rpc.internal;

import io.jstack.common.RequestContext;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;

/** The client side of a typed API: turns an interface method call into a call, cast or fanout. */
public final class ClientProxy implements InvocationHandler {
    private final Transport transport;
    private final ApiModel model;
    private final String topic;

    public ClientProxy(Transport transport, ApiModel model, String topic) {
        this.transport = transport;
        this.model = model;
        this.topic = topic;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) {
        if (method.getDeclaringClass() == Object.class) {
            return switch (method.getName()) {
                case "toString" -> "rpc client of " + model.api().getSimpleName() + " on " + topic;
                case "hashCode" -> System.identityHashCode(proxy);
                case "equals" -> proxy == args[0];
                default -> throw new UnsupportedOperationException(method.getName());
            };
        }
        ApiModel.Operation op = model.byMethod().get(method);
        RequestContext context = (RequestContext) args[0];
        if (context == null) {
            throw new IllegalArgumentException("an RPC needs a RequestContext");
        }
        Object arg = args.length > 1 ? args[1] : null;
        return switch (op.kind()) {
            case CALL -> transport.call(topic, model.version(), op.wireName(), arg, context, null, op.resultType());
            case CAST -> transport.cast(topic, model.version(), op.wireName(), arg, context);
            case FANOUT -> transport.fanout(topic, model.version(), op.wireName(), arg, context);
        };
    }
}
