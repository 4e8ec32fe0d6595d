package io.jstack.common.testing;

/** {@link TcpProxy} as a JMX bean: tests reach the proxy of the running service by name, across class loaders. */
public interface TcpProxyMBean {
    void cut();

    void restore();

    boolean isCut();
}
