package io.jstack.common.auth;

import io.jstack.common.RequestContext;
import io.jstack.common.rpc.RpcApi;

import java.util.concurrent.CompletionStage;

/** What the identity service broadcasts to every token verifier. */
@RpcApi(topic = "identity", version = "1.0")
public interface IdentityEvents {

    /** Tokens matching the event are no longer valid. */
    @RpcApi.Fanout
    CompletionStage<Void> tokensRevoked(RequestContext context, RevocationEvent event);

    /** A signing key was added or retired: re-read the public keys. */
    @RpcApi.Fanout
    CompletionStage<Void> signingKeysChanged(RequestContext context);
}
