package io.jstack.identity.service;

import io.jstack.common.api.ApiException;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * {@code expires_at} of trusts and application credentials: parsed as Keystone parses it (ISO 8601; without a
 * zone it is UTC) and refused when malformed or in the past, each with Keystone's 400.
 */
public final class Expiry {

    /** Application credentials show it without a zone, to the microsecond. */
    public static final DateTimeFormatter APPLICATION_CREDENTIAL = DateTimeFormatter
            .ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS").withZone(ZoneOffset.UTC);

    /** Trusts show it in UTC with {@code Z}, to the second (microseconds zero), as Keystone's isotime does. */
    public static final DateTimeFormatter TRUST = DateTimeFormatter
            .ofPattern("yyyy-MM-dd'T'HH:mm:ss'.000000Z'").withZone(ZoneOffset.UTC);

    private static final String SUFFIX = " The server could not comply with the request since it is either "
            + "malformed or otherwise incorrect. The client is assumed to be in error.";

    private Expiry() {
    }

    /** Null for null; otherwise a time in the future, or a 400. */
    public static Instant parse(String value, Instant now) {
        if (value == null) {
            return null;
        }
        Instant at = timestamp(value);
        if (at.isBefore(now)) {
            throw ApiException.badRequest("The 'expires_at' must not be before now." + SUFFIX);
        }
        return at;
    }

    /** An ISO 8601 time (UTC without a zone), or Keystone's 400. */
    public static Instant timestamp(String value) {
        Instant at = parseIso(value.trim());
        if (at == null) {
            throw ApiException.badRequest("Timestamp not in expected format." + SUFFIX);
        }
        return at;
    }

    private static Instant parseIso(String value) {
        try {
            return OffsetDateTime.parse(value.replace(' ', 'T')).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(value.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }

    public static String applicationCredential(Instant at) {
        return at == null ? null : APPLICATION_CREDENTIAL.format(at);
    }

    public static String trust(Instant at) {
        return at == null ? null : TRUST.format(at);
    }
}
