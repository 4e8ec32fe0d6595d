package io.jstack.common.api;

import java.util.Locale;

/** Reading media types out of headers as clients send them, whatever they send. */
public final class MediaTypes {

    private MediaTypes() {
    }

    /**
     * The type and subtype of a Content-Type (or one Accept entry), lower case, without parameters: {@code
     * "application/json"} of {@code "Application/JSON; charset=utf-8"}; empty for a missing or blank header (or
     * one that is all separators).
     */
    public static String essence(String header) {
        if (header == null) {
            return "";
        }
        int semicolon = header.indexOf(';');
        return (semicolon < 0 ? header : header.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }
}
