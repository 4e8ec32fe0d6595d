package io.jstack.compute.agent.virt.libvirt;

import io.jstack.compute.agent.virt.VirtDriverException;
import org.jboss.logging.Logger;
import org.libvirt.Connect;
import org.libvirt.Error.ErrorNumber;
import org.libvirt.Library;
import org.libvirt.LibvirtException;
import org.libvirt.event.DomainEvent;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BiConsumer;

/**
 * The driver's connection to libvirtd: opened lazily, re-opened when libvirtd restarts (its close callback, a
 * failed liveness check, or a call failing on a dead connection), with the lifecycle event listener registered again
 * on every new connection. libvirt delivers events on one event loop thread per process; they are handed to an
 * executor at once so that slow listeners never hold it up.
 */
final class LibvirtConnection implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(LibvirtConnection.class);
    private static final Duration RECONNECT_INTERVAL = Duration.ofSeconds(2);
    private static volatile boolean eventLoopStarted;
    /** Held for the life of the process: libvirt calls it from native code, so it must never be collected. */
    private static final org.libvirt.jna.Libvirt.VirErrorCallback IGNORE_ERRORS = (userData, error) -> { };

    /** One libvirt call. */
    @FunctionalInterface
    interface Call<T> {
        T run(Connect connect) throws LibvirtException;
    }

    private final String uri;
    private final BiConsumer<String, DomainEvent> events;
    private final ExecutorService dispatch = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "libvirt-events");
        t.setDaemon(true);
        return t;
    });
    private Connect connect;
    private volatile boolean closed;
    private Thread reconnector;

    /** {@code events} receives (domain UUID, event) for every domain, in the order libvirt reports them. */
    LibvirtConnection(String uri, BiConsumer<String, DomainEvent> events) {
        this.uri = uri;
        this.events = events;
    }

    private static synchronized void startEventLoop() throws LibvirtException {
        if (eventLoopStarted) {
            return;
        }
        Library.initEventLoop();
        Thread loop = new Thread(() -> {
            try {
                Library.runEventLoop();
            } catch (LibvirtException | InterruptedException e) {
                LOG.warnf("libvirt event loop ended: %s", e.getMessage());
            }
        }, "libvirt-event-loop");
        loop.setDaemon(true);
        loop.start();
        eventLoopStarted = true;
    }

    /** Runs a call on a live connection; a call that fails because libvirtd went away is tried once more. */
    <T> T call(Call<T> call) throws LibvirtException {
        Connect c = connection();
        try {
            return call.run(c);
        } catch (LibvirtException e) {
            if (!isConnectionLoss(e) && alive(c)) {
                throw e;
            }
            LOG.infof("libvirt connection to %s lost (%s): reconnecting", uri, e.getMessage());
            invalidate(c);
            return call.run(connection());
        }
    }

    /** Opens the connection now (the driver's start-up check). */
    void open() {
        try {
            connection();
        } catch (LibvirtException e) {
            throw new VirtDriverException("libvirt at " + uri + " is not reachable: " + e.getMessage(), e);
        }
    }

    private synchronized Connect connection() throws LibvirtException {
        if (closed) {
            throw new VirtDriverException("the libvirt connection is closed");
        }
        if (connect != null && alive(connect)) {
            return connect;
        }
        if (connect != null) {
            closeQuietly(connect);
            connect = null;
        }
        startEventLoop();
        Connect c = new Connect(uri);
        // errors are reported through exceptions; without this libvirt also prints every one to stderr
        Connect.setErrorCallback(IGNORE_ERRORS);
        c.setKeepAlive(5, 3);
        c.addLifecycleListener((domain, event) -> {
            String uuid;
            try {
                uuid = domain.getUUIDString();
            } catch (LibvirtException e) {
                return 0;
            }
            dispatch.execute(() -> events.accept(uuid, event));
            return 0;
        });
        c.registerCloseListener((conn, reason) -> {
            LOG.warnf("libvirt closed the connection to %s (%s)", uri, reason);
            invalidate(conn);
        });
        connect = c;
        LOG.infof("connected to libvirt at %s", uri);
        return c;
    }

    /**
     * Forgets a dead connection and keeps trying to open a new one, so that events resume without any call. The
     * dead one is closed on that thread too: this may run inside libvirt's close callback, which must not close.
     */
    private synchronized void invalidate(Connect dead) {
        if (connect != dead || closed) {
            return;
        }
        connect = null;
        if (reconnector != null && reconnector.isAlive()) {
            Thread.ofVirtual().start(() -> closeQuietly(dead));
            return;
        }
        reconnector = Thread.ofVirtual().name("libvirt-reconnect").start(() -> {
            closeQuietly(dead);
            while (!closed) {
                try {
                    Thread.sleep(RECONNECT_INTERVAL);
                    connection();
                    return;
                } catch (InterruptedException e) {
                    return;
                } catch (LibvirtException | RuntimeException e) {
                    LOG.debugf("libvirt at %s still unreachable: %s", uri, e.getMessage());
                }
            }
        });
    }

    private static boolean alive(Connect c) {
        try {
            return c.isAlive();
        } catch (LibvirtException e) {
            return false;
        }
    }

    private static boolean isConnectionLoss(LibvirtException e) {
        ErrorNumber code = e.getError() == null ? null : e.getError().getCode();
        return code == ErrorNumber.VIR_ERR_SYSTEM_ERROR || code == ErrorNumber.VIR_ERR_RPC
                || code == ErrorNumber.VIR_ERR_INVALID_CONN || code == ErrorNumber.VIR_ERR_NO_CONNECT
                || code == ErrorNumber.VIR_ERR_INTERNAL_ERROR && String.valueOf(e.getMessage()).contains("socket");
    }

    private static void closeQuietly(Connect c) {
        try {
            c.unregisterCloseListener();
        } catch (LibvirtException | RuntimeException ignored) {
            // already gone
        }
        try {
            c.close();
        } catch (LibvirtException | RuntimeException ignored) {
            // already gone
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (reconnector != null) {
            reconnector.interrupt();
        }
        if (connect != null) {
            closeQuietly(connect);
            connect = null;
        }
        dispatch.shutdown();
    }
}
