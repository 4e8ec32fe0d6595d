package io.jstack.image.api;

import io.jstack.image.service.DataSource;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A request body as a blocking {@link DataSource}, with flow control: the event loop queues what arrives and
 * pauses the request (so TCP pushes back on the client) once {@code high} bytes wait; the reading thread resumes
 * it when the queue drains below half of that. Memory per upload is thus bounded, whatever the image size.
 */
final class RequestBody implements DataSource {

    private static final Object END = new Object();

    private final HttpServerRequest request;
    private final Context context;
    private final long high;
    private final long idleMillis;
    private final LinkedBlockingQueue<Object> inbox = new LinkedBlockingQueue<>();
    private final AtomicLong queued = new AtomicLong();
    private final AtomicBoolean resumeScheduled = new AtomicBoolean();
    /** Written on the event loop only. */
    private volatile boolean paused;
    private Buffer current;
    private int position;
    private boolean ended;

    private RequestBody(HttpServerRequest request, Context context, long high, Duration idle) {
        this.request = request;
        this.context = context;
        this.high = high;
        this.idleMillis = idle.toMillis();
    }

    /** Starts receiving; call on the request's event loop. */
    static RequestBody attach(HttpServerRequest request, Context context, long high, Duration idle) {
        RequestBody body = new RequestBody(request, context, high, idle);
        request.handler(body::arrived);
        request.endHandler(v -> body.inbox.add(END));
        request.exceptionHandler(e -> body.inbox.add(e));
        // a connection closed while the request was paused may never reach the handlers above
        request.response().closeHandler(v -> body.inbox.add(new java.io.IOException("connection closed")));
        if (request.response().closed()) {
            body.inbox.add(new java.io.IOException("connection closed"));
        }
        if ("100-continue".equalsIgnoreCase(request.getHeader("Expect"))) {
            request.response().writeContinue();
        }
        request.resume();
        return body;
    }

    private void arrived(Buffer data) {
        inbox.add(data);
        if (queued.addAndGet(data.length()) > high && !paused) {
            paused = true;
            request.pause();
            // the reader may have drained the queue before it could see the pause: then nobody would resume
            if (queued.get() < high / 2) {
                paused = false;
                request.resume();
            }
        }
    }

    @Override
    public int read(byte[] into, int offset, int length) throws IOException {
        while (current == null || position == current.length()) {
            if (ended) {
                return -1;
            }
            Object next;
            try {
                next = inbox.poll(idleMillis, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SourceFailedException("interrupted while receiving image data", e);
            }
            if (next == null) {
                throw new SourceFailedException("No image data arrived for " + idleMillis / 1000 + " s.", null);
            }
            if (next == END) {
                ended = true;
                current = null;
                return -1;
            }
            if (next instanceof Throwable failure) {
                throw new SourceFailedException("The client stopped sending image data: " + failure.getMessage(),
                        failure);
            }
            current = (Buffer) next;
            position = 0;
            long left = queued.addAndGet(-current.length());
            if (paused && left < high / 2 && resumeScheduled.compareAndSet(false, true)) {
                context.runOnContext(v -> {
                    resumeScheduled.set(false);
                    if (paused && queued.get() < high) {
                        paused = false;
                        request.resume();
                    }
                });
            }
        }
        int n = Math.min(length, current.length() - position);
        current.getBytes(position, position + n, into, offset);
        position += n;
        return n;
    }
}
