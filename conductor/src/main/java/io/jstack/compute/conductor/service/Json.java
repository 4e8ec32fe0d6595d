package io.jstack.compute.conductor.service;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;

/** JSON text for database columns. */
final class Json {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Json() {
    }

    static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
