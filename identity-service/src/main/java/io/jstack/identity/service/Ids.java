package io.jstack.identity.service;

import java.util.UUID;

/** Keystone-style ids: 32 lowercase hex digits. */
public final class Ids {
    private Ids() {
    }

    public static String newId() {
        UUID u = UUID.randomUUID();
        return String.format("%016x%016x", u.getMostSignificantBits(), u.getLeastSignificantBits());
    }
}
