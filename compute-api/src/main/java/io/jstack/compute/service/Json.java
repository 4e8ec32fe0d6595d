package io.jstack.compute.service;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** JSON text kept in database columns (flavor extra specs of an instance, scheduler hints, group rules). */
public final class Json {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Json() {
    }

    public static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Map<String, String> stringMap(String text) {
        if (text == null || text.isEmpty()) {
            return new LinkedHashMap<>();
        }
        try {
            return JSON.readValue(text, new TypeReference<LinkedHashMap<String, String>>() {
            });
        } catch (IOException e) {
            return new LinkedHashMap<>();
        }
    }

    public static Map<String, Object> objectMap(String text) {
        if (text == null || text.isEmpty()) {
            return new LinkedHashMap<>();
        }
        try {
            return JSON.readValue(text, new TypeReference<LinkedHashMap<String, Object>>() {
            });
        } catch (IOException e) {
            return new LinkedHashMap<>();
        }
    }
}
