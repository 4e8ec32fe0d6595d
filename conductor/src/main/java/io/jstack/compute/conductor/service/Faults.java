package io.jstack.compute.conductor.service;

import io.jstack.compute.model.InstanceFault;
import io.smallrye.mutiny.Uni;

import java.time.Instant;

/** Instance faults: why an instance is in ERROR, shown with the server. */
public final class Faults {

    private Faults() {
    }

    public static Uni<Void> record(String uuid, int code, String message, String details, String host) {
        InstanceFault f = new InstanceFault();
        f.instanceUuid = uuid;
        f.code = code;
        f.message = message == null ? "" : message.length() > 255 ? message.substring(0, 255) : message;
        f.details = details;
        f.host = host;
        f.createdAt = Instant.now();
        return f.persist().replaceWithVoid();
    }
}
