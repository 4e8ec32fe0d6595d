package io.jstack.common.rpc;

import io.jstack.common.RequestContext;

import java.util.concurrent.CompletionStage;

/** A small API for exercising the RPC layer. */
@RpcApi(topic = "test.echo", version = "1.2")
public interface EchoApi {

    record Text(String value, int sequence) {
    }

    record Seen(String value, int sequence, String requestId, String userId, java.util.List<String> roles) {
    }

    CompletionStage<Seen> echo(RequestContext context, Text text);

    CompletionStage<Void> fail(RequestContext context, Text text);

    @RpcApi.Cast
    CompletionStage<Void> record(RequestContext context, Text text);

    @RpcApi.Fanout
    CompletionStage<Void> announce(RequestContext context, Text text);
}
