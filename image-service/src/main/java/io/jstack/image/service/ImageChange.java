package io.jstack.image.service;

/**
 * One operation of a PATCH document, already parsed and type-checked: a base attribute ({@code name},
 * {@code visibility}, {@code tags}, ...) or a custom property, with its new value (String, Integer, Boolean,
 * {@code List<String>} for tags, or null).
 *
 * @param strictAdd the v2.0 media type's {@code add}, which refuses to overwrite an existing property
 */
public record ImageChange(Op op, String property, Object value, boolean strictAdd) {
    public enum Op { ADD, REPLACE, REMOVE }
}
