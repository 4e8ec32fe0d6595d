package io.jstack.compute.api;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** Times as Nova writes them. */
final class Times {
    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter PYTHON = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS")
            .withZone(ZoneOffset.UTC);

    private Times() {
    }

    /** {@code 2024-01-02T03:04:05Z} (servers' created/updated, faults). */
    static String iso(Instant t) {
        return t == null ? null : ISO.format(t);
    }

    /** {@code 2024-01-02T03:04:05.123456} (instance actions, services, hypervisors: naive UTC). */
    static String micros(Instant t) {
        return t == null ? null : MICROS.format(t.truncatedTo(ChronoUnit.MICROS));
    }

    /** {@code 2024-01-02 03:04:05.123456}: str() of a naive datetime (OS-SRV-USG launched_at). */
    static String python(Instant t) {
        return t == null ? null : PYTHON.format(t.truncatedTo(ChronoUnit.MICROS));
    }
}
