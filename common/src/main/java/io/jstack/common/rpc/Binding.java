package io.jstack.common.rpc;

/** A live subscription of a handler to a topic; closing it stops consuming (unacknowledged work is redelivered). */
public interface Binding extends AutoCloseable {
    String topic();

    @Override
    void close();
}
