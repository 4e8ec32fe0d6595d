package io.jstack.common.rpc;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On an RPC handler method or class (interface or implementation): the handler blocks (driver calls, file I/O),
 * so it runs on the blocking dispatcher rather than on a delivery thread or event loop.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface Blocking {
}
